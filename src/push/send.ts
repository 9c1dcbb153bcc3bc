// sendPush: posts a push notification the way Ozon does (the spec's example of the type, with
// overrides) and says whether Ozon would accept the answer. For testing a receiver before the URL
// is registered in the seller portal.
import { pushExamples } from '../../generated/push-examples.js';
import { pushSchemas, type PushType } from '../../generated/push.js';
import { PACKAGE_NAME, PACKAGE_VERSION } from '../version.js';
import { checkPayload } from './validate.js';

/** Ozon suspends notifications to a service that takes longer than this to answer. */
export const OZON_PUSH_LIMIT_MS = 5000;

/** A reason Ozon would reject the answer, named with the codes the seller portal shows. */
export interface PushProblem {
  readonly code:
    | 'REQUEST_ERROR'
    | 'REQUEST_TIMEOUT'
    | 'SERVER_FAULT'
    | 'STATUS_CODE_NOT_OK'
    | 'EMPTY_BODY'
    | 'INVALID_BODY'
    | 'INVALID_JSON'
    | 'WRONG_RESULT_FIELD'
    | 'WRONG_RESULT_TIME_FIELD';
  readonly message: string;
}

export interface PushDelivery {
  /** True when Ozon would count the answer as a delivered notification. */
  readonly accepted: boolean;
  readonly problems: readonly PushProblem[];
  /** HTTP status of the answer; 0 when there was none. */
  readonly status: number;
  readonly contentType: string | null;
  /** The answer's body as text, and parsed when it is JSON. */
  readonly text: string;
  readonly body: unknown;
  readonly elapsedMs: number;
  /** What was sent. */
  readonly payload: Record<string, unknown>;
  /** Where the payload sent breaks the spec (after overrides): a receiver should answer 4xx then. */
  readonly payloadProblems: readonly string[];
}

export interface SendPushOptions {
  /** Give up waiting after this many ms. Default `10000` (an answer after 5000 ms is reported as too slow). */
  timeoutMs?: number;
  /** Default `globalThis.fetch`. */
  fetch?: typeof fetch;
  /** The clock for the `TYPE_PING` time. Default `() => new Date()`. */
  now?: () => Date;
  /** The payload to start from instead of the spec's example (e.g. a captured notification). */
  from?: Readonly<Record<string, unknown>> | undefined;
}

function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let o: Record<string, unknown> = target;
  for (const [i, key] of keys.slice(0, -1).entries()) {
    const next = o[key];
    if (next === null || typeof next !== 'object') o[key] = /^\d+$/.test(keys[i + 1]!) ? [] : {};
    o = o[key] as Record<string, unknown>;
  }
  o[keys[keys.length - 1]!] = value;
}

/**
 * The spec's example of `type` (or `from`) with `overrides` applied (keys are dotted paths:
 * `products.0.sku`). `message_type` is always `type`; a `TYPE_PING` example gets the current time.
 */
export function pushPayload(type: PushType, overrides: Readonly<Record<string, unknown>> = {}, now = new Date(), from?: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const example = pushExamples[type];
  if (!example) throw new TypeError(`unknown push type "${type}"; known: ${Object.keys(pushSchemas).join(', ')}`);
  const payload = { ...structuredClone(from ?? example), message_type: type } as Record<string, unknown>;
  if (type === 'TYPE_PING' && !from) payload.time = now.toISOString();
  for (const [path, value] of Object.entries(overrides)) setPath(payload, path, value);
  return payload;
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

/** Ozon's verdict on an answer to a notification of `type`. */
export function judgeAnswer(type: string, answer: { status: number; contentType: string | null; text: string; elapsedMs: number }): PushProblem[] {
  const problems: PushProblem[] = [];
  const add = (code: PushProblem['code'], message: string) => problems.push({ code, message });
  if (answer.elapsedMs > OZON_PUSH_LIMIT_MS) add('REQUEST_TIMEOUT', `answered in ${Math.round(answer.elapsedMs)} ms; Ozon waits ${OZON_PUSH_LIMIT_MS} ms`);
  if (answer.status >= 500) add('SERVER_FAULT', `status ${answer.status}: the service failed`);
  else if (answer.status !== 200) add('STATUS_CODE_NOT_OK', `status ${answer.status}; Ozon needs 200`);
  if (answer.status !== 200) return problems;
  if (!answer.text.trim()) return [...problems, { code: 'EMPTY_BODY', message: 'the answer has no body' }];
  if (!/^application\/json\s*(;|$)/i.test(answer.contentType ?? '')) add('INVALID_BODY', `Content-Type is ${answer.contentType ?? 'missing'}; Ozon needs application/json`);
  let body: unknown;
  try {
    body = JSON.parse(answer.text);
  } catch {
    return [...problems, { code: 'INVALID_JSON', message: 'the body is not valid JSON' }];
  }
  const o = (body ?? {}) as Record<string, unknown>;
  if (type === 'TYPE_PING') {
    if (typeof o.name !== 'string' || typeof o.version !== 'string') add('WRONG_RESULT_FIELD', 'the answer to TYPE_PING needs string fields name and version');
    if (typeof o.time !== 'string' || !RFC3339.test(o.time) || Number.isNaN(Date.parse(o.time))) add('WRONG_RESULT_TIME_FIELD', 'the answer to TYPE_PING needs time, a date-time in UTC');
  } else if (o.result !== true) add('WRONG_RESULT_FIELD', 'the body must be {"result": true}');
  return problems;
}

/** POSTs a notification of `type` (the spec's example with `overrides`) to `url` and judges the answer. */
export async function sendPush(url: string | URL, type: PushType, overrides: Readonly<Record<string, unknown>> = {}, options: SendPushOptions = {}): Promise<PushDelivery> {
  const payload = pushPayload(type, overrides, (options.now ?? (() => new Date()))(), options.from);
  const payloadProblems = checkPayload(pushSchemas[type], structuredClone(payload), { limit: 20 });
  const started = performance.now();
  const base = { payload, payloadProblems };
  let response: Response;
  let text: string;
  try {
    response = await (options.fetch ?? fetch)(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': `${PACKAGE_NAME}/${PACKAGE_VERSION} (ozon-seller-push)` },
      body: JSON.stringify(payload),
      signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
    });
    text = await response.text();
  } catch (error) {
    const elapsedMs = performance.now() - started;
    const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
    const problem: PushProblem = timedOut
      ? { code: 'REQUEST_TIMEOUT', message: `no answer within ${options.timeoutMs ?? 10_000} ms` }
      : { code: 'REQUEST_ERROR', message: `no connection: ${error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error)}` };
    return { ...base, accepted: false, problems: [problem], status: 0, contentType: null, text: '', body: undefined, elapsedMs };
  }
  const elapsedMs = performance.now() - started;
  const contentType = response.headers.get('content-type');
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  const problems = judgeAnswer(type, { status: response.status, contentType, text, elapsedMs });
  return { ...base, accepted: problems.length === 0, problems, status: response.status, contentType, text, body, elapsedMs };
}
