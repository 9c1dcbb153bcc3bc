import type { OperationInfo } from '../generated/operations.js';

/** What a deprecation warning says. */
export interface DeprecationNotice {
  /** `METHOD /path` of the deprecated operation. */
  operation: string;
  /** `METHOD /path` of the operation to use instead, when the spec names one (`x-replaced-by`). */
  replacedBy: string | undefined;
  /** The date (YYYY-MM-DD) Ozon switches the method off, when the spec gives one (`x-sunset`). */
  sunset?: string;
  message: string;
}

export type DeprecationHandler = (notice: DeprecationNotice) => void;

/** The default handler: a Node `DeprecationWarning` (or `console.warn` outside Node). */
export const defaultDeprecationHandler: DeprecationHandler = (notice) => {
  const proc = (globalThis as { process?: { emitWarning?: (m: string, o: object) => void } }).process;
  if (typeof proc?.emitWarning === 'function') proc.emitWarning(notice.message, { type: 'DeprecationWarning', code: 'OZON_DEPRECATED_OPERATION' });
  else console.warn(notice.message);
};

/** Operations already reported, per handler: the default handler hears of each once per process. */
const reported = new WeakMap<DeprecationHandler, Set<string>>();

/** Tells `handler` that a deprecated operation was called, once per operation. */
export function noticeDeprecated(info: OperationInfo | undefined, handler: DeprecationHandler | false, now: number = Date.now()): void {
  if (!info?.deprecated || handler === false) return;
  let seen = reported.get(handler);
  if (!seen) reported.set(handler, (seen = new Set()));
  const operation = `${info.method} ${info.path}`;
  if (seen.has(operation)) return;
  seen.add(operation);
  const { replacedBy, sunset } = info;
  const when = sunset ? (Date.parse(`${sunset}T00:00:00Z`) <= now ? ` (switched off since ${sunset})` : ` (Ozon switches it off on ${sunset})`) : '';
  const message = `ozon-seller-api: ${operation} is deprecated by Ozon${when}${replacedBy ? `; use ${replacedBy} instead` : ' and has no replacement'}`;
  handler(sunset ? { operation, replacedBy, sunset, message } : { operation, replacedBy, message });
}
