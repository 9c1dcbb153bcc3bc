// Contract tests: every operation of the bundled spec, discovered from the spec itself, sends its
// request example through the typed client to a Prism mock of the spec, expects a 2xx, and checks
// the body against the operation's 200 schema.
import { describe, expect, inject, it } from 'vitest';
import { createOzonClient, OzonApiError, unwrap, type DeprecationNotice } from '../src/index.js';
import { deref, specOperations, validateAt } from './spec.js';

/** Deprecation notices of the calls below: captured and checked, not printed as Node warnings. */
const notices: DeprecationNotice[] = [];
const client = () => createOzonClient({ clientId: '836', apiKey: 'contract-test-key', baseUrl: inject('mockUrl'), onDeprecated: (n) => notices.push(n) });

/** Path and query parameters from their examples. */
function paramsOf(op: any) {
  const params: { path?: Record<string, unknown>; query?: Record<string, unknown> } = {};
  for (const raw of op.parameters ?? []) {
    const p = deref(raw);
    if (p.in !== 'path' && p.in !== 'query') continue;
    const value = p.example ?? p.schema?.example ?? p.schema?.default;
    if (value === undefined) {
      if (p.required) throw new Error(`parameter ${p.name} has no example`);
      continue;
    }
    (params[p.in as 'path' | 'query'] ??= {})[p.name] = value;
  }
  return params;
}

/** A multipart/form-data body built from the media type's example; binary fields become files. */
function formDataOf(media: any): FormData {
  const props = deref(media.schema)?.properties ?? {};
  const form = new FormData();
  for (const [name, value] of Object.entries<any>(media.example ?? {})) {
    const prop = deref(props[name]);
    const binary = (prop?.format ?? deref(prop?.items)?.format) === 'binary';
    for (const v of Array.isArray(value) ? value : [value]) {
      if (binary) form.append(name, new Blob([String(v)]), `${name}.bin`);
      else form.append(name, typeof v === 'object' ? JSON.stringify(v) : String(v));
    }
  }
  return form;
}

const operations = specOperations();

describe('contract: every operation against the Prism mock', () => {
  it('discovers the operations from the spec', () => {
    expect(operations.length).toBeGreaterThanOrEqual(1);
  });

  for (const { method, path, op } of operations) {
    it(`${method.toUpperCase()} ${path}`, async () => {
      const reqContent = deref(op.requestBody)?.content;
      const reqMedia = reqContent?.['application/json'];
      const formMedia = reqContent?.['multipart/form-data'];
      const ok = deref(op.responses['200']);
      const [okType] = Object.keys(ok?.content ?? {});
      const parseAs = okType === 'application/json' ? 'json' : okType ? 'arrayBuffer' : 'text';
      const init: Record<string, unknown> = { params: paramsOf(op), parseAs };
      if (reqMedia) init.body = reqMedia.example;
      else if (formMedia) init.body = formDataOf(formMedia);
      const { data, error, response } = await (client() as any).request(method, path, init);
      const notice = notices.find((n) => n.operation === `${method.toUpperCase()} ${path}`);
      if (op.deprecated) expect(notice?.replacedBy).toBe(op['x-replaced-by']);
      else expect(notice).toBeUndefined();
      expect(error, `Prism answered ${response.status}: ${JSON.stringify(error)}`).toBeUndefined();
      expect(response.status).toBeGreaterThanOrEqual(200);
      expect(response.status).toBeLessThan(300);
      if (okType === 'application/json') {
        const errors = validateAt(['paths', path, method, 'responses', '200', 'content', 'application/json', 'schema'], data);
        expect(errors).toEqual([]);
        expect(data).toEqual(ok.content['application/json'].example);
      } else if (okType) {
        // Binary bodies (PDF labels and acts) arrive as bytes, identical to what the mock sent.
        expect(response.headers.get('content-type')).toContain(okType);
        expect(data).toBeInstanceOf(ArrayBuffer);
        const example = ok.content[okType].example;
        if (typeof example === 'string') {
          expect(Buffer.from(data as ArrayBuffer).equals(Buffer.from(example, 'utf8'))).toBe(true);
          if (okType === 'application/pdf') expect(Buffer.from(data as ArrayBuffer).subarray(0, 5).toString()).toBe('%PDF-');
        }
      }
    });
  }
});

describe('contract: errors', () => {
  it('surfaces a 4xx from the mock as OzonApiError', async () => {
    const ozon = client();
    const call = ozon.POST('/v1/report/info', { body: { code: 'REPORT_x' }, headers: { Prefer: 'code=404' } });
    const err = await unwrap(call).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(OzonApiError);
    const e = err as OzonApiError;
    expect(e.status).toBe(404);
    expect(e.code).toBe(5);
    expect(e.method).toBe('POST');
    expect(e.path).toBe('/v1/report/info');
    expect(e.message).toContain('not found');
  });

  // Each documented error status answers with an example that says what it means.
  const statuses = {
    400: { code: 3, message: /invalid request payload/ },
    403: { code: 7, message: /missing a required role/ },
    404: { code: 5, message: /not found/ },
    409: { code: 9, message: /already in status/ },
    429: { code: 8, message: /rate limit/ },
    500: { code: 13, message: /Internal error/ },
  } as const;
  for (const [status, want] of Object.entries(statuses)) {
    it(`Prefer: code=${status} gets the ${status} example`, async () => {
      const { error, response } = await client()
        .withOptions({ retry: false })
        .POST('/v3/posting/fbs/get', { body: { posting_number: '57195475-0050-3' }, headers: { Prefer: `code=${status}` } });
      expect(response.status).toBe(Number(status));
      const body = error as { code: number; message: string };
      expect(body.code).toBe(want.code);
      expect(body.message).toMatch(want.message);
      expect(validateAt(['components', 'schemas', 'ApiError'], body)).toEqual([]);
      expect(response.headers.get('trace-id')).toBeTruthy();
      if (status === '429') expect(response.headers.get('retry-after')).toBe('1');
    });
  }

  it('every operation lists 429, and each error status points at its own response', () => {
    for (const { method, path, op } of specOperations()) {
      expect(op.responses['429'], `${method} ${path}`).toEqual({ $ref: '#/components/responses/TooManyRequests' });
      for (const s of ['400', '403', '404', '409', '500']) if (op.responses[s]) expect(op.responses[s].$ref, `${method} ${path} ${s}`).not.toBe('#/components/responses/Error');
    }
  });

  it('a body that breaks the schema is rejected by the mock, not accepted', async () => {
    const ozon = client();
    // @ts-expect-error `code` is required
    const { error, response } = await ozon.POST('/v1/report/info', { body: {} });
    expect(response.status).toBe(400);
    expect(error).toBeDefined();
  });
});
