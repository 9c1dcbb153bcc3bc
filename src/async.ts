import { operationInfo, type AsyncPath, type AsyncStatus, type AsyncWork } from '../generated/operations.js';
import type { paths } from '../generated/schema.js';
import { getAt, setAt } from './dotted.js';
import { OzonApiError } from './errors.js';
import type { PostClient } from './paginate.js';
import type { RequestBodyOf } from './paginate-types.js';
import { OzonTaskFailedError, resolveWaitOptions, waitFor, type WaitOptions } from './poll.js';
import { unwrap } from './unwrap.js';

type StatusKey<P extends AsyncPath> = P extends keyof AsyncStatus ? AsyncStatus[P] : never;
type StatusPath<P extends AsyncPath> = StatusKey<P> extends `${string} ${infer Path extends keyof paths}` ? Path : never;
type StatusMethod<P extends AsyncPath> = StatusKey<P> extends `${infer M} ${string}` ? Lowercase<M> : never;
type OkJson<Op> = Op extends { responses: { 200: { content: { 'application/json': infer R } } } } ? R : never;

/** The status method's 200 answer for the work that `POST P` starts: what `waitForAsync` returns. */
export type AsyncResult<P extends AsyncPath> = OkJson<paths[StatusPath<P>][StatusMethod<P> & keyof paths[StatusPath<P>]]>;

type Call = (path: string, init: Record<string, unknown>) => Promise<{ data?: unknown; error?: unknown; response: Response }>;

/** The states at a dotted path; a path through arrays gives one state per item. */
function statesAt(value: unknown, dotted: string): unknown[] {
  let level: unknown[] = [value];
  for (const key of dotted.split('.')) {
    const next: unknown[] = [];
    for (const v of level) {
      const items = Array.isArray(v) ? v : [v];
      for (const item of items) {
        if (item !== null && typeof item === 'object' && key in item) next.push((item as Record<string, unknown>)[key]);
      }
    }
    level = next.flatMap((v) => (Array.isArray(v) ? v : [v]));
  }
  return level.filter((v) => v !== undefined && v !== null);
}

function asyncWorkOf(path: string): AsyncWork {
  const work = operationInfo('POST', path)?.async;
  if (!work) throw new TypeError(`waitForAsync: POST ${String(path)} does not start asynchronous work (no x-async in the spec)`);
  return work;
}

/** The starting method's 200 answer, the input of `waitForStarted`. */
export type AsyncStarted<P extends AsyncPath> = OkJson<paths[P]['post' & keyof paths[P]]>;

/** Options of `waitForStarted`: the wait options, and the body the work was started with. */
export interface WaitForStartedOptions<P extends AsyncPath> extends WaitOptions {
  /** The starting request's body: needed where the status method takes fields of it (`$request.<path>` in `x-async`). */
  request?: RequestBodyOf<P>;
}

/**
 * Starts the work of an `x-async` method, then polls the method that reports its state until a
 * success state, and returns that method's last answer. A failure state throws
 * `OzonTaskFailedError` (with the answer in `result`); the wait options are `createReport`'s.
 * Where the state is per item (product import), every item must reach a final state, and one
 * failed item fails the wait: `waitForProductImport` splits the items instead. To keep ids of
 * the starting answer (a draft id the next step needs), start the work yourself and call
 * `waitForStarted` with its answer.
 *
 * ```ts
 * const status = await waitForAsync(ozon, '/v1/warehouse/archive', { warehouse_id: 1020005000219156, reason: 'Closed for repairs' });
 * console.log(status.status); // 'SUCCESS'
 * ```
 */
export async function waitForAsync<P extends AsyncPath>(client: PostClient, path: P, body: RequestBodyOf<P>, opts?: WaitOptions): Promise<AsyncResult<P>> {
  asyncWorkOf(path);
  const { signal } = resolveWaitOptions(opts); // a bad option fails before the work starts
  const started = await unwrap((client.POST as unknown as Call)(path, { body, ...(signal ? { signal } : {}) }));
  return waitForStarted(client, path, started as AsyncStarted<P>, { ...opts, request: body });
}

/**
 * Waits for work an `x-async` method has already started: `started` is that method's 200 answer
 * (for example one saved before a restart), `opts.request` the body it was started with where the
 * status method needs fields of it. Polls and ends like `waitForAsync`.
 *
 * ```ts
 * const draft = await unwrap(ozon.POST('/v1/draft/crossdock/create', { body }));
 * const info = await waitForStarted(ozon, '/v1/draft/crossdock/create', draft); // polls /v2/draft/create/info
 * console.log(draft.draft_id, info.status);
 * ```
 */
export async function waitForStarted<P extends AsyncPath>(client: PostClient, path: P, started: AsyncStarted<P>, opts?: WaitForStartedOptions<P>): Promise<AsyncResult<P>> {
  const work = asyncWorkOf(path);
  resolveWaitOptions(opts);
  const [method, statusPath] = work.status.split(' ') as [string, string];
  const body = opts?.request;
  const request: Record<string, unknown> = {};
  for (const [field, from] of Object.entries(work.request)) {
    const fromRequest = from.startsWith('$request.');
    const v = fromRequest ? getAt(body, from.slice('$request.'.length)) : getAt(started, from);
    if (v === undefined || v === null || v === '') {
      const message = fromRequest
        ? body === undefined
          ? `${work.status} needs "${from.slice('$request.'.length)}" of the body POST ${path} was started with: pass it as the "request" option`
          : `the body of POST ${path} has no "${from.slice('$request.'.length)}", needed to ask ${work.status} for the state`
        : `POST ${path} answered without "${from}", needed to ask ${work.status} for the state`;
      throw new OzonApiError({ status: 200, method: 'POST', path, message });
    }
    setAt(request, field, v);
  }
  const call: Call = method === 'GET' ? (client.GET as unknown as Call) : (client.POST as unknown as Call);
  const init = method === 'GET' ? { params: { query: request } } : { body: request };
  const what = `the work started by POST ${path} (${Object.entries(request).map(([k, v]) => `${k} ${String(v)}`).join(', ')})`;
  const success = new Set<unknown>(work.success);
  const failure = new Set<unknown>(work.failure);
  const { request: _request, ...waitOpts } = opts ?? {};

  return waitFor<AsyncResult<P>>(
    async (s) => {
      const data = await unwrap(call(statusPath, { ...init, ...(s ? { signal: s } : {}) }));
      const states = statesAt(data, work.state);
      const final = states.length > 0 && states.every((x) => success.has(x) || failure.has(x));
      if (!final) return { done: false, state: states.length ? [...new Set(states.map(String))].join(', ') : 'no state yet' };
      const failed = states.filter((x) => failure.has(x));
      if (failed.length) {
        const of = states.length > 1 ? ` (${failed.length} of ${states.length})` : '';
        throw new OzonTaskFailedError({ status: 200, method, path: statusPath, result: data, message: `${what} ended in ${String(failed[0])}${of}${reasonOf(data)}` });
      }
      return { done: true, value: data as AsyncResult<P> };
    },
    { method, path: statusPath, what },
    waitOpts,
  );
}

/** Ozon's reason for a failure, where the answer has one in a usual place. */
function reasonOf(data: unknown): string {
  for (const p of ['error.message', 'result.error', 'error', 'message']) {
    const v = getAt(data, p);
    if (typeof v === 'string' && v) return `: ${v}`;
  }
  return '';
}
