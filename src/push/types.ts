// Types of the push receiver: payloads from the spec's `webhooks`, callbacks, options, answers.
import type { webhooks } from '../../generated/schema.js';
import type { PushType } from '../../generated/push.js';

export type { PushType };

/** The payload Ozon sends for a push type, as the spec describes it. */
export type PushPayload<T extends PushType> = webhooks[T]['post']['requestBody']['content']['application/json'];

/** Types a callback can handle: every type but the connection check, which the receiver answers itself. */
export type PushNotificationType = Exclude<PushType, 'TYPE_PING'>;

/** Any payload the spec describes, narrowed by `message_type`. */
export type AnyPushPayload = { [T in PushType]: PushPayload<T> }[PushType];

export interface PushContext {
  /** Aborted when the answer was sent before the callback finished (see `timeoutMs`). */
  readonly signal: AbortSignal;
  /** When the notification arrived. */
  readonly receivedAt: Date;
}

/** A callback: return (or resolve) to answer 200 `{"result": true}`; throw to answer an error. */
export type PushCallback<T extends PushNotificationType> = (payload: PushPayload<T>, context: PushContext) => unknown;

/** Callbacks keyed by `message_type`. A type with no callback is acknowledged with 200. */
export type PushHandlers = { readonly [T in PushNotificationType]?: PushCallback<T> };

export interface PushHandlerOptions {
  /** Application name in the answer to `TYPE_PING`. Default `'ozon-seller-api'`. */
  name?: string;
  /** Application version in the answer to `TYPE_PING`. Default: this package's version. */
  version?: string;
  /** Longest wait for a callback, in ms, before answering 503 (Ozon waits 5 s); the callback keeps running. Default `4000`. */
  timeoutMs?: number;
  /** Addresses allowed to call (IPv4 `a.b.c.d/n` ranges or exact addresses); others get 403. Default: any. Ozon's ranges: `OZON_PUSH_SOURCES`. */
  allowedSources?: readonly string[];
  /** Take the caller's address from `X-Forwarded-For`, written by this many trusted proxies in front of the app (`true` is 1). Default `false`: the socket's address. */
  trustProxy?: boolean | number;
  /** Answer 200 to a `message_type` the spec does not describe (e.g. `TYPE_POSTING_SHIPPED`), calling nothing. Default `false`: 400. */
  acceptUnknownTypes?: boolean;
  /** Refuse values outside a field's documented enum. Default `true`; `false` checks only their type. */
  strictEnums?: boolean;
  /** Largest body read, in bytes; larger ones get 413. Default `1048576`. */
  maxBodyBytes?: number;
  /** Receives errors thrown by callbacks, also those that end after the answer was sent. Default: `console.error`. */
  onError?: (error: unknown, info: { readonly type: PushType; readonly late: boolean }) => void;
  /** The clock for the `TYPE_PING` answer. Default `() => new Date()`. */
  now?: () => Date;
}

/** What the core needs from a request, whatever the server. */
export interface PushInput {
  readonly method: string;
  /** The raw body; or `{ parsed }` when a framework already parsed the JSON. */
  readonly body: string | Uint8Array | { readonly parsed: unknown };
  /** The socket's peer address. */
  readonly remoteAddress?: string | undefined;
  /** The `X-Forwarded-For` header, read only with `trustProxy`. */
  readonly forwardedFor?: string | null | undefined;
}

/** Error codes of Ozon's error answer. */
export type PushErrorCode = 'ERROR_UNKNOWN' | 'ERROR_PARAMETER_VALUE_MISSED' | 'ERROR_REQUEST_DUPLICATED';

export type PushAnswerBody =
  | { readonly result: true }
  | { readonly version: string; readonly name: string; readonly time: string }
  | { readonly error: { readonly code: PushErrorCode; readonly message: string; readonly details?: string } };

/** The answer to send: an HTTP status and a JSON body. */
export interface PushAnswer {
  readonly status: number;
  readonly body: PushAnswerBody;
}
