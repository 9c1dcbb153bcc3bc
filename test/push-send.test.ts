// sendPush, the sender for local tests: a round trip with createPushHandler for every type of the
// spec, and servers that answer the way Ozon would refuse.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { createPushHandler, judgeAnswer, pushPayload, pushTypes, sendPush, type PushHandlers, type PushType } from '../src/push/index.js';
import { freePort } from '../scripts/mock.js';
import { sendJson, startServer, type TestServer } from './server.js';
import { spec } from './spec.js';

const servers: Server[] = [];
const raw: TestServer[] = [];
const exampleOf = (type: string) => spec.webhooks[type].post.requestBody.content['application/json'].example;

afterAll(async () => {
  for (const s of servers) {
    s.closeAllConnections();
    await new Promise((r) => s.close(r));
  }
  for (const s of raw) await s.close();
});

async function receiver(handlers: PushHandlers): Promise<string> {
  const server = createServer(createPushHandler(handlers, { name: 'shop-sync', version: '2.4.1' }).node);
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/push`;
}

async function answering(handler: Parameters<typeof startServer>[0]): Promise<string> {
  const s = await startServer(handler);
  raw.push(s);
  return s.url;
}

describe('round trip with createPushHandler', () => {
  it('every type of the spec is sent and accepted; the callback gets the example', async () => {
    const got = new Map<string, unknown>();
    const handlers = Object.fromEntries(pushTypes.filter((t) => t !== 'TYPE_PING').map((t) => [t, (p: unknown) => void got.set(t, p)]));
    const url = await receiver(handlers as PushHandlers);
    for (const type of Object.keys(spec.webhooks) as PushType[]) {
      const delivery = await sendPush(url, type);
      expect(delivery, type).toMatchObject({ accepted: true, problems: [], status: 200, contentType: 'application/json', payloadProblems: [] });
      expect(delivery.elapsedMs).toBeLessThan(5000);
      if (type === 'TYPE_PING') expect(delivery.body).toMatchObject({ name: 'shop-sync', version: '2.4.1' });
      else expect([delivery.body, got.get(type)]).toEqual([{ result: true }, exampleOf(type)]);
    }
  });

  it('applies overrides by dotted path, and TYPE_PING carries the current time', async () => {
    let seen: any;
    const url = await receiver({ TYPE_NEW_POSTING: (p) => void (seen = p) });
    const delivery = await sendPush(url, 'TYPE_NEW_POSTING', { posting_number: '0112345678-0001-1', 'products.0.sku': 1490276054 });
    expect(delivery.accepted).toBe(true);
    expect(seen).toEqual({ ...exampleOf('TYPE_NEW_POSTING'), posting_number: '0112345678-0001-1', products: [{ ...exampleOf('TYPE_NEW_POSTING').products[0], sku: 1490276054 }] });
    const ping = pushPayload('TYPE_PING', {}, new Date('2026-03-02T10:00:00Z'));
    expect(ping).toEqual({ message_type: 'TYPE_PING', time: '2026-03-02T10:00:00.000Z' });
  });

  it('a payload that breaks the spec: listed in payloadProblems, and the receiver refuses it', async () => {
    const url = await receiver({});
    const delivery = await sendPush(url, 'TYPE_STATE_CHANGED', { posting_number: 42 });
    expect(delivery.payloadProblems).toEqual(['/posting_number must be string, not integer']);
    expect(delivery).toMatchObject({ accepted: false, status: 400, problems: [{ code: 'STATUS_CODE_NOT_OK' }] });
    expect(() => pushPayload('TYPE_NOPE' as PushType)).toThrow(/unknown push type/);
  });
});

describe('answers Ozon would refuse', () => {
  const cases: [string, Parameters<typeof startServer>[0], PushType, string[]][] = [
    ['a 500', (_r, res) => sendJson(res, { error: { code: 'ERROR_UNKNOWN', message: 'down' } }, 500), 'TYPE_NEW_POSTING', ['SERVER_FAULT']],
    ['a 202', (_r, res) => sendJson(res, { result: true }, 202), 'TYPE_NEW_POSTING', ['STATUS_CODE_NOT_OK']],
    ['an empty 200', (_r, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(), 'TYPE_NEW_POSTING', ['EMPTY_BODY']],
    ['plain text', (_r, res) => res.writeHead(200, { 'content-type': 'text/plain' }).end('ok'), 'TYPE_NEW_POSTING', ['INVALID_BODY', 'INVALID_JSON']],
    ['result false', (_r, res) => sendJson(res, { result: false }), 'TYPE_NEW_POSTING', ['WRONG_RESULT_FIELD']],
    ['{"result": true} to a ping', (_r, res) => sendJson(res, { result: true }), 'TYPE_PING', ['WRONG_RESULT_FIELD', 'WRONG_RESULT_TIME_FIELD']],
    ['a ping answer with a bad time', (_r, res) => sendJson(res, { name: 'a', version: '1', time: 'yesterday' }), 'TYPE_PING', ['WRONG_RESULT_TIME_FIELD']],
  ];

  it.each(cases)('%s', async (_name, handler, type, codes) => {
    const delivery = await sendPush(await answering(handler), type);
    expect(delivery.accepted).toBe(false);
    expect(delivery.problems.map((p) => p.code)).toEqual(codes);
  });

  it('no answer in time, and no server at all', async () => {
    const silent = await answering(() => new Promise(() => {}));
    expect((await sendPush(silent, 'TYPE_NEW_POSTING', {}, { timeoutMs: 150 })).problems.map((p) => p.code)).toEqual(['REQUEST_TIMEOUT']);
    const closed = await sendPush(`http://127.0.0.1:${await freePort()}/push`, 'TYPE_NEW_POSTING');
    expect([closed.status, closed.problems.map((p) => p.code)]).toEqual([0, ['REQUEST_ERROR']]);
  });

  it('an answer slower than 5 s', () => {
    const problems = judgeAnswer('TYPE_NEW_POSTING', { status: 200, contentType: 'application/json', text: '{"result":true}', elapsedMs: 5200 });
    expect(problems).toEqual([{ code: 'REQUEST_TIMEOUT', message: 'answered in 5200 ms; Ozon waits 5000 ms' }]);
  });
});
