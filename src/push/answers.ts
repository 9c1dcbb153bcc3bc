// The answers Ozon expects: 200 `{"result": true}`, the `TYPE_PING` answer, and the error answer.
import type { PushAnswer, PushErrorCode } from './types.js';

export const ACCEPTED: PushAnswer = /* @__PURE__ */ Object.freeze({ status: 200, body: Object.freeze({ result: true as const }) });

export function errorAnswer(status: number, code: PushErrorCode, message: string, details?: string): PushAnswer {
  return { status, body: { error: details === undefined ? { code, message } : { code, message, details } } };
}

export function pingAnswer(name: string, version: string, now: Date): PushAnswer {
  return { status: 200, body: { version, name, time: now.toISOString() } };
}

/**
 * Throw it from a callback to choose the error answer: its status (400 to 599), code and message
 * are sent as they are. Any other error is answered 500 with a generic message.
 */
export class PushError extends Error {
  override readonly name = 'PushError';
  readonly status: number;
  readonly code: PushErrorCode;
  readonly details: string | undefined;

  constructor(message: string, options: { status?: number; code?: PushErrorCode; details?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    const status = options.status ?? 500;
    if (!Number.isInteger(status) || status < 400 || status > 599) throw new TypeError(`PushError: status must be 400 to 599, got ${status}`);
    this.status = status;
    this.code = options.code ?? 'ERROR_UNKNOWN';
    this.details = options.details;
  }
}
