// Integers beyond 2^53 in answers reach the user as strings of their exact digits, and paginate
// sends such an id back exactly (chat message ids are about 3·10^18).
import { afterEach, describe, expect, it } from 'vitest';
import { createOzonClient, paginate, parseJson, unwrap } from '../src/index.js';
import { parseJsonBytes, parsePieces } from '../src/json.js';
import { KEY } from './helpers.js';
import { startServer, type TestServer } from './server.js';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('parseJson', () => {
  it('turns integers beyond ±(2^53 - 1) into strings of their digits and leaves everything else as JSON.parse does', () => {
    const text = '{"a":3000000000817031942,"b":[18446744073709551615, -9007199254740993],"safe":9007199254740991,"f":1.5e300,"g":0.12345678901234567890,"s":"id 3000000000817031942","n":null}';
    expect(parseJson(text)).toEqual({
      a: '3000000000817031942',
      b: ['18446744073709551615', '-9007199254740993'],
      safe: 9007199254740991,
      f: 1.5e300,
      g: 0.1234567890123456789,
      s: 'id 3000000000817031942',
      n: null,
    });
  });

  it('is not fooled by a long digit run inside a string that looks like a value', () => {
    const text = '{"note":"ids: 3000000000817031942, 3000000000817031943]","id":3000000000817031944}';
    expect(parseJson(text)).toEqual({ note: 'ids: 3000000000817031942, 3000000000817031943]', id: '3000000000817031944' });
  });

  it('throws like JSON.parse on text that is not JSON', () => {
    expect(() => parseJson('{"id":3000000000817031942,')).toThrow(SyntaxError);
    expect(() => parseJson('not json')).toThrow(SyntaxError);
    // A leading zero is not a JSON number: quoting it would turn invalid text into a string.
    expect(() => parseJson('[01234567890123456789]')).toThrow(SyntaxError);
    expect(() => parseJson('{"id":-01234567890123456789}')).toThrow(SyntaxError);
    expect(() => parseJson('{"s":"a, 3000000000817031942]", "id":01234567890123456789}')).toThrow(SyntaxError);
  });

  it('draws the line at 2^53 - 1, on both signs, and for a bare number as the whole text', () => {
    expect(parseJson('[9007199254740991,9007199254740992,-9007199254740991,-9007199254740992,1000000000000000,10000000000000000]')).toEqual([
      9007199254740991,
      '9007199254740992',
      -9007199254740991,
      '-9007199254740992',
      1000000000000000,
      '10000000000000000',
    ]);
    expect(parseJson('3000000000817031942')).toBe('3000000000817031942');
    expect(parseJson(' \n-3000000000817031942\t')).toBe('-3000000000817031942');
  });

  it('leaves floats and exponents numbers, whatever their digits', () => {
    const text = '[1234567890123456789e2,1234567890123456789E-2,12345678901234567890.5,0.12345678901234567890,1e-1234567890123456789,-12345678901234567890.0e1]';
    expect(parseJson(text)).toEqual(JSON.parse(text));
    expect((parseJson(text) as unknown[]).every((v) => typeof v === 'number')).toBe(true);
  });

  it('finds tokens between whitespace and newlines, in nested arrays, and under integer-like keys', () => {
    const text = '{\n  "a" : [ [ 3000000000817031942 ,\n\t-3000000000817031943 ] ],\n  "2": 3000000000817031944\r\n, "1": {"x": [5, 3000000000817031945]}\n}';
    const parsed = parseJson(text) as Record<string, unknown>;
    expect(parsed).toEqual({ a: [['3000000000817031942', '-3000000000817031943']], 2: '3000000000817031944', 1: { x: [5, '3000000000817031945'] } });
    expect(Object.keys(parsed)).toEqual(Object.keys(JSON.parse(text)));
  });

  it('changes nothing inside strings, even a run that looks like a token, and keys that are digits', () => {
    const text = '{"3000000000817031942":"[3000000000817031942]","t":"a,3000000000817031943}","u":":\\"3000000000817031944,","id":3000000000817031945}';
    expect(parseJson(text)).toEqual({
      '3000000000817031942': '[3000000000817031942]',
      t: 'a,3000000000817031943}',
      u: ':"3000000000817031944,',
      id: '3000000000817031945',
    });
  });
});

/** /v3/chat/history as Ozon may send it: message ids as bare JSON numbers beyond 2^53. */
function chatServer() {
  return startServer((req, res) => {
    const from = req.body.from_message_id;
    const page =
      from === undefined
        ? '{"has_next":true,"messages":[{"message_id":3000000000817031942,"data":["hi"]},{"message_id":3000000000817031943,"data":["there"]}]}'
        : '{"has_next":false,"messages":[{"message_id":3000000000817031944,"data":["bye"]}]}';
    res.writeHead(200, { 'content-type': 'application/json' }); // chunked, no Content-Length
    res.end(page);
  });
}

describe('big ids through the client', () => {
  it('an answer keeps the exact digits of an id beyond 2^53, with or without Content-Length', async () => {
    server = await chatServer();
    const ozon = createOzonClient({ clientId: '1', apiKey: KEY, baseUrl: server.url });
    const data = await unwrap(ozon.POST('/v3/chat/history', { body: { chat_id: '18b8e1f9-4ae7-461c-84ea-8e1f54d1a45e' } }));
    expect(data.messages?.map((m) => m.message_id)).toEqual(['3000000000817031942', '3000000000817031943']);
    const injected = createOzonClient({ clientId: '1', apiKey: KEY, fetch: async () => new Response('{"messages":[{"message_id":3000000000817031942}]}', { headers: { 'content-type': 'application/json' } }) });
    const viaFetch = await unwrap(injected.POST('/v3/chat/history', { body: { chat_id: 'c' } }));
    expect(viaFetch.messages?.[0]?.message_id).toBe('3000000000817031942');
  });

  it('paginate over /v3/chat/history sends the exact id of the last message back as from_message_id', async () => {
    server = await chatServer();
    const ozon = createOzonClient({ clientId: '1', apiKey: KEY, baseUrl: server.url });
    const ids: unknown[] = [];
    for await (const m of paginate(ozon, '/v3/chat/history', { chat_id: '18b8e1f9-4ae7-461c-84ea-8e1f54d1a45e', limit: 2 })) ids.push(m.message_id);
    expect(ids).toEqual(['3000000000817031942', '3000000000817031943', '3000000000817031944']);
    expect(server.seen.map((r) => r.body.from_message_id)).toEqual([undefined, '3000000000817031943']);
  });
});

describe('parseJsonBytes: big answers parsed in pieces of their array', () => {
  const encoder = new TextEncoder();
  const decoder = new TextDecoder();
  const bytesOf = (text: string) => encoder.encode(text);
  /** 'same' when `parseJsonBytes` gives what parsing the whole text gives (key order too); else where they part. */
  const compare = (bytes: Uint8Array) => {
    const ours = JSON.stringify(parseJsonBytes(bytes));
    const whole = JSON.stringify(parseJson(decoder.decode(bytes)));
    if (ours === whole) return 'same';
    let i = 0;
    while (ours[i] === whole[i]) i++;
    return `differs at ${i}: ${ours.slice(i - 40, i + 40)} / ${whole.slice(i - 40, i + 40)}`;
  };

  /** `n` chat messages; `id(i)` is spliced in bare, so it may be a big integer. */
  const messages = (n: number, id: (i: number) => string, extra: (i: number) => Record<string, unknown> = () => ({})) =>
    Array.from({ length: n }, (_, i) =>
      JSON.stringify({ message_id: '@', created_at: '2026-03-01T12:00:00Z', data: [`Сообщение ${i}: есть ли чехол PH-2045?`], ...extra(i) }).replace('"@"', id(i)),
    ).join(',');
  const bigId = (i: number) => String(3000000000817031942n + BigInt(i));

  it('gives what the whole text gives, cut where the array has a long run of objects', () => {
    const cases = {
      'chat page': `{"has_next":true,"messages":[${messages(2000, bigId)}],"total":2000}`,
      'top-level array': `[${messages(2000, bigId)}]`,
      'nested, escaped keys, arrays before it': `{"re\\"sult":{"ids":[1,[2,{"a":3}],3000000000817031941],"x":{"y":[]},"items":[${messages(2000, bigId)}]},"n":9007199254740993}`,
      'small ids': `{"messages":[${messages(2000, (i) => String(i))}]}`,
      'pretty-printed': JSON.stringify({ messages: JSON.parse(`[${messages(1500, (i) => String(i))}]`) }, null, 2),
      'with a BOM': `\uFEFF{"messages":[${messages(2000, bigId)}]}`,
    };
    for (const [name, text] of Object.entries(cases)) {
      const bytes = bytesOf(text);
      expect(bytes.length, name).toBeGreaterThan(200_000);
      expect(parsePieces(bytes), name).not.toBeUndefined();
      expect(compare(bytes), name).toBe('same');
    }
    const chat = parseJsonBytes(bytesOf(cases['chat page'])) as { messages: { message_id: string }[] };
    expect(chat.messages.map((m) => m.message_id)).toEqual(Array.from({ length: 2000 }, (_, i) => bigId(i)));
  });

  it('parses whole, with the same result, whatever does not split cleanly', () => {
    // Inner arrays whose objects start with the same key: a cut may fall inside an element.
    const nested = (i: number) => ({ replies: JSON.parse(`[${messages(3, (k) => bigId(i * 10 + k))}]`) });
    const cases = {
      'cuts inside elements': `{"messages":[${messages(1500, bigId, nested)}]}`,
      'the key repeated after the array': `{"messages":[${messages(2000, bigId)}],"messages":["\\u0000",1]}`,
      'the cut pattern inside strings': `{"messages":[${messages(2000, bigId, (i) => ({ note: `},{"message_id":${bigId(i)}` }))}]}`,
      'a digit run inside a string that looks like a token': `{"messages":[${messages(2000, bigId, (i) => ({ note: `a:${bigId(i)},` }))}]}`,
      'no array of objects': `{"ids":[${Array.from({ length: 20000 }, (_, i) => bigId(i)).join(',')}]}`,
    };
    for (const [name, text] of Object.entries(cases)) {
      const bytes = bytesOf(text);
      expect(bytes.length, name).toBeGreaterThan(100_000);
      expect(compare(bytes), name).toBe('same');
    }
    expect(parsePieces(bytesOf(cases['the key repeated after the array']))).toBeUndefined();
    expect((parseJsonBytes(bytesOf(cases['the key repeated after the array'])) as { messages: unknown }).messages).toEqual(['\u0000', 1]);
  });

  it('throws like JSON.parse on a big text that is not JSON', () => {
    const good = `{"messages":[${messages(2000, bigId)}]}`;
    for (const bad of [good.slice(0, -1), good.replace('},{"message_id":3000000000817031999', '},{"message_id":03000000000817031999'), good.replace(/\}\]\}$/, ']}')]) {
      expect(() => parseJsonBytes(bytesOf(bad))).toThrow(SyntaxError);
      expect(() => parseJson(bad)).toThrow(SyntaxError);
    }
  });
});

describe('parseJsonBytes against parsing whole, on random big answers', () => {
  it('gives the same value or the same error on 60 seeded answers, most of them cut into pieces', () => {
    let seed = 20261202;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const pick = <T>(a: readonly T[]): T => a[Math.floor(rnd() * a.length)] as T;
    const big = () => `${rnd() < 0.5 ? '-' : ''}${3000000000000000000n + BigInt(Math.floor(rnd() * 1e9))}`;
    const value = (depth: number): unknown => {
      const r = rnd();
      if (depth > 3 || r < 0.3) return pick([`RAW:${big()}`, Math.floor(rnd() * 1000), pick(['a', 'Сообщение', 'é€😀', 'q\\"x']), true, null, 1.5e300, 0.30000000000000004]);
      if (r < 0.6) return Array.from({ length: Math.floor(rnd() * 4) }, () => value(depth + 1));
      const o: Record<string, unknown> = {};
      for (let i = Math.floor(rnd() * 4); i > 0; i--) {
        Object.defineProperty(o, pick(['sid', 'message_id', 'name', '2', '__proto__', rnd() < 0.02 ? 'id' : 'k']), { value: value(depth + 1), enumerable: true, configurable: true, writable: true });
      }
      return o;
    };
    const item = () => ({ id: `RAW:${big()}`, ...(value(1) as object), children: [{ cid: `RAW:${big()}` }, rnd() < 0.02 ? { id: 1 } : { cid: 2 }] });
    // Every fifth answer has a string that trips a fast path (the cut pattern, a digit run that
    // looks like a token, the mark) or is not JSON at all.
    const tricky = ['},{"id":', 'x:3000000000817031942,', '\u0000', '[', '\\'];
    let split = 0;
    for (let n = 0; n < 60; n++) {
      const list = Array.from({ length: 800 + Math.floor(rnd() * 1500) }, item);
      if (n % 5 === 1) Object.assign(list[Math.floor(rnd() * list.length)] as object, { note: pick(tricky) });
      const shape = pick([{ result: { items: list, total: list.length } }, list, { has_next: true, pre: value(1), messages: list, post: value(1) }]);
      let text = JSON.stringify(shape, null, n % 10 === 7 ? 1 : 0).replace(/"RAW:(-?\d+)"/g, '$1');
      if (n % 5 === 3) text = n % 10 === 3 ? `${text}x` : text.replace(/,\{"id":(-?\d+)/, (_, id: string) => `,{"id":0${id.replace('-', '')}`);
      const bytes = new TextEncoder().encode(text);
      const outcome = (f: () => unknown) => {
        try {
          return JSON.stringify(f());
        } catch (e) {
          return (e as Error).name;
        }
      };
      const ours = outcome(() => parseJsonBytes(bytes));
      expect(ours === outcome(() => parseJson(text)), `answer ${n}: ${ours.slice(0, 60)}`).toBe(true);
      if (parsePieces(bytes) !== undefined) split++;
    }
    expect(split).toBeGreaterThan(30);
    expect(split).toBeLessThan(55);
  });
});
