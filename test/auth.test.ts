// Credentials: an Api-Key with surrounding whitespace (trimmed, and scrubbed as sent), values
// that are not valid header values (refused, never echoed), and OAuth tokens (a string or a
// function called per request), scrubbed like the key. A real loopback server echoes them back.
import { inspect } from 'node:util';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { createOzonClient, OzonApiError, unwrap, type OzonClientOptions } from '../src/index.js';
import { sendJson, startServer, type TestServer } from './server.js';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** A server that answers 403 and quotes the credential it got, as a careless gateway might. */
async function echoServer() {
  server = await startServer((req, res) => {
    const got = String(req.headers['api-key'] ?? req.headers.authorization ?? '');
    sendJson(res, { code: 7, message: `Api-Key "${got.replace(/^Bearer /, '')}" is not valid` }, 403);
  });
  return server;
}

/** Every text an error can be shown through. */
function everyView(err: unknown): string[] {
  const e = err as OzonApiError;
  return [e.message, String(e.stack), String(e), JSON.stringify(e), JSON.stringify(e.toJSON()), inspect(e, { depth: 5 })];
}

const call = (ozon: ReturnType<typeof createOzonClient>) =>
  unwrap(ozon.POST('/v1/report/info', { body: { code: 'R1' } })).then(
    () => undefined,
    (e: unknown) => e,
  );

describe('Api-Key with surrounding whitespace', () => {
  it('is trimmed: the server gets the key as sent, and the echoed key is scrubbed from every view of the error', async () => {
    const srv = await echoServer();
    const ozon = createOzonClient({ clientId: '1', apiKey: 'KEY-read-from-a-file-9f3c\n', baseUrl: srv.url, retry: false });
    const err = await call(ozon);
    expect(err).toBeInstanceOf(OzonApiError);
    expect(srv.seen[0]!.headers['api-key']).toBe('KEY-read-from-a-file-9f3c');
    for (const text of everyView(err)) expect(text).not.toContain('KEY-read-from-a-file-9f3c');
    expect((err as OzonApiError).message).toContain('[REDACTED]');
  });
});

describe('credentials that are not valid header values', () => {
  const secret = 'abc\r\nX-Injected: 1';
  it.each<[string, OzonClientOptions]>([
    ['apiKey', { clientId: '1', apiKey: secret }],
    ['apiKey', { clientId: '1', apiKey: 'ab\ncd' }],
    ['apiKey', { clientId: '1', apiKey: 'key\u0000x' }],
    ['apiKey', { clientId: '1', apiKey: 'ключ-1234' }],
    ['clientId', { clientId: '12\r\n3', apiKey: 'k' }],
    ['accessToken', { accessToken: `tok${secret}` }],
  ])('%s with a line break or control character is refused by createOzonClient, naming the option without its value', (name, options) => {
    let err: unknown;
    try {
      createOzonClient(options);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(TypeError);
    const message = (err as Error).message;
    expect(message).toContain(`"${name}"`);
    expect(message).not.toContain('abc');
    expect(message).not.toContain('ab\ncd');
    expect(message).not.toContain('ключ');
    expect(String((err as Error).stack)).not.toContain('X-Injected');
  });
});

describe('OAuth access token', () => {
  it('sends Authorization: Bearer and no Client-Id / Api-Key', async () => {
    server = await startServer((_req, res) => sendJson(res, { result: { code: 'R1', status: 'success' } }));
    const ozon = createOzonClient({ accessToken: 'oauth-token-7c1d', baseUrl: server.url });
    await unwrap(ozon.POST('/v1/report/info', { body: { code: 'R1' } }));
    const h = server.seen[0]!.headers;
    expect(h.authorization).toBe('Bearer oauth-token-7c1d');
    expect(h['api-key']).toBeUndefined();
    expect(h['client-id']).toBeUndefined();
  });

  it('is accepted by the mock, whose spec offers the bearer scheme next to Client-Id + Api-Key', async () => {
    const ozon = createOzonClient({ accessToken: 'contract-test-token', baseUrl: inject('mockUrl'), retry: false });
    const { response } = await ozon.POST('/v1/report/info', { body: { code: 'REPORT_seller_products_924336' } });
    expect(response.status).toBe(200);
  });

  it('calls a token function before each request, so a refreshed token is used', async () => {
    server = await startServer((_req, res) => sendJson(res, { result: { code: 'R1', status: 'success' } }));
    let n = 0;
    const ozon = createOzonClient({ accessToken: async () => `token-${++n}`, clientId: 836, baseUrl: server.url });
    await unwrap(ozon.POST('/v1/report/info', { body: { code: 'R1' } }));
    await unwrap(ozon.POST('/v1/report/info', { body: { code: 'R1' } }));
    expect(server.seen.map((r) => r.headers.authorization)).toEqual(['Bearer token-1', 'Bearer token-2']);
  });

  it.each([
    ['a string', 'oauth-secret-token-1'],
    ['a function', () => 'oauth-secret-token-1'],
  ])('scrubs a token given as %s from every view of an error', async (_, accessToken) => {
    const srv = await echoServer();
    const err = await call(createOzonClient({ accessToken, baseUrl: srv.url, retry: false }));
    expect(err).toBeInstanceOf(OzonApiError);
    expect((err as OzonApiError).status).toBe(403);
    for (const text of everyView(err)) expect(text).not.toContain('oauth-secret-token-1');
  });

  it('refuses a token function that returns something that is not a valid header value, without echoing it', async () => {
    const ozon = createOzonClient({ accessToken: () => 'tok\nen-secret', baseUrl: 'http://127.0.0.1:9' });
    const err = await call(ozon);
    expect(err).toBeInstanceOf(TypeError);
    expect((err as Error).message).toContain('"accessToken"');
    expect((err as Error).message).not.toContain('en-secret');
  });

  it.each<[string, OzonClientOptions, RegExp]>([
    ['both a token and an api key', { clientId: '1', apiKey: 'k', accessToken: 't' } as never, /"apiKey".*"accessToken"/],
    ['neither', { clientId: '1' }, /"apiKey".*"accessToken"/],
    ['an api key without a client id', { apiKey: 'k' }, /"clientId" is required/],
    ['a token that is neither a string nor a function', { accessToken: 42 as never }, /"accessToken"/],
  ])('refuses %s with a TypeError naming the options', (_, options, message) => {
    expect(() => createOzonClient(options)).toThrow(TypeError);
    expect(() => createOzonClient(options)).toThrow(message);
  });
});
