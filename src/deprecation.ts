import type { OperationInfo } from '../generated/operations.js';

/** What a deprecation warning says. */
export interface DeprecationNotice {
  /** `METHOD /path` of the deprecated operation. */
  operation: string;
  /** `METHOD /path` of the operation to use instead, when the spec names one (`x-replaced-by`). */
  replacedBy: string | undefined;
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
export function noticeDeprecated(info: OperationInfo | undefined, handler: DeprecationHandler | false): void {
  if (!info?.deprecated || handler === false) return;
  let seen = reported.get(handler);
  if (!seen) reported.set(handler, (seen = new Set()));
  const operation = `${info.method} ${info.path}`;
  if (seen.has(operation)) return;
  seen.add(operation);
  const replacedBy = info.replacedBy;
  const message = `ozon-seller-api: ${operation} is deprecated by Ozon${replacedBy ? `; use ${replacedBy} instead` : ' and has no replacement'}`;
  handler({ operation, replacedBy, message });
}
