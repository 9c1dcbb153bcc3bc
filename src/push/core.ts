// The receiver's core, shared by the Web and Node shapes: source check, parsing, validation,
// TYPE_PING, dispatch to the callback with a deadline, and the answer. It never throws.
import { pushSchemas, type PushType } from '../../generated/push.js';
import { PACKAGE_NAME, PACKAGE_VERSION } from '../version.js';
import { ACCEPTED, PushError, errorAnswer, pingAnswer } from './answers.js';
import { callerAddress, sourceMatcher } from './sources.js';
import type { PushAnswer, PushHandlerOptions, PushHandlers, PushInput } from './types.js';
import { checkPayload } from './validate.js';

export const DEFAULT_PUSH_TIMEOUT_MS = 4000;
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

const decoder = new TextDecoder();
const isKnown = (type: string): type is PushType => Object.prototype.hasOwnProperty.call(pushSchemas, type);

function parse(body: PushInput['body']): { payload: unknown } | PushAnswer {
  if (typeof body === 'object' && 'parsed' in body) return { payload: body.parsed };
  const text = typeof body === 'string' ? body : decoder.decode(body);
  if (!text.trim()) return errorAnswer(400, 'ERROR_PARAMETER_VALUE_MISSED', 'the request body is empty; expected a JSON notification');
  try {
    return { payload: JSON.parse(text) };
  } catch {
    return errorAnswer(400, 'ERROR_UNKNOWN', 'the request body is not valid JSON');
  }
}

export function createPushCore(handlers: PushHandlers, options: PushHandlerOptions = {}): (input: PushInput) => Promise<PushAnswer> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_PUSH_TIMEOUT_MS;
  if (!(timeoutMs > 0)) throw new TypeError('timeoutMs must be a positive number of milliseconds');
  const hops = options.trustProxy === true ? 1 : Number(options.trustProxy || 0);
  if (!Number.isInteger(hops) || hops < 0) throw new TypeError('trustProxy must be a boolean or a number of proxies');
  const allowed = options.allowedSources ? sourceMatcher(options.allowedSources) : undefined;
  for (const key of Object.keys(handlers)) {
    if (!isKnown(key) || key === 'TYPE_PING') throw new TypeError(`handlers: "${key}" is not a push notification type with a callback`);
  }
  const onError = options.onError ?? ((error, { type, late }) => console.error(`ozon push ${type}: the callback failed${late ? ' after the answer was sent' : ''}:`, error));
  const now = options.now ?? (() => new Date());

  async function dispatch(type: Exclude<PushType, 'TYPE_PING'>, payload: unknown): Promise<PushAnswer> {
    const callback = handlers[type] as ((p: unknown, c: object) => unknown) | undefined;
    if (!callback) return ACCEPTED;
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const work = Promise.resolve().then(() => callback(payload, { signal: controller.signal, receivedAt: now() }));
    const late = new Promise<'late'>((resolve) => (timer = setTimeout(resolve, timeoutMs, 'late')));
    try {
      const outcome = await Promise.race([work.then(() => 'done' as const), late]);
      if (outcome === 'done') return ACCEPTED;
      controller.abort(new Error(`answered after ${timeoutMs} ms`));
      work.catch((error: unknown) => onError(error, { type, late: true }));
      return errorAnswer(503, 'ERROR_UNKNOWN', `the notification was not processed within ${timeoutMs} ms; send it again later`);
    } catch (error) {
      if (error instanceof PushError) return errorAnswer(error.status, error.code, error.message, error.details);
      onError(error, { type, late: false });
      return errorAnswer(500, 'ERROR_UNKNOWN', 'the notification could not be processed; send it again later');
    } finally {
      clearTimeout(timer);
    }
  }

  return async function handle(input) {
    try {
      if (input.method.toUpperCase() !== 'POST') return errorAnswer(405, 'ERROR_UNKNOWN', `push notifications are POSTed; got ${input.method}`);
      if (allowed && !allowed(callerAddress(input.remoteAddress, input.forwardedFor, hops))) {
        return errorAnswer(403, 'ERROR_UNKNOWN', 'the request does not come from an allowed address');
      }
      const parsed = parse(input.body);
      if ('status' in parsed) return parsed;
      const { payload } = parsed;
      const type = (payload as { message_type?: unknown } | null)?.message_type;
      if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) return errorAnswer(400, 'ERROR_UNKNOWN', 'the body must be a JSON object');
      if (typeof type !== 'string') return errorAnswer(400, 'ERROR_PARAMETER_VALUE_MISSED', 'message_type is missing');
      if (!isKnown(type)) {
        return options.acceptUnknownTypes ? ACCEPTED : errorAnswer(400, 'ERROR_UNKNOWN', `unknown message_type "${type.slice(0, 64)}"`);
      }
      const problems = checkPayload(pushSchemas[type], payload, { strictEnums: options.strictEnums ?? true });
      if (problems.length) return errorAnswer(400, 'ERROR_PARAMETER_VALUE_MISSED', `${type}: ${problems[0]}`, problems.length > 1 ? problems.join('; ') : undefined);
      if (type === 'TYPE_PING') return pingAnswer(options.name ?? PACKAGE_NAME, options.version ?? PACKAGE_VERSION, now());
      return await dispatch(type, payload);
    } catch {
      return errorAnswer(500, 'ERROR_UNKNOWN', 'the notification could not be processed');
    }
  };
}
