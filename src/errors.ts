/** One piece of extra information in Ozon's error body. */
export interface OzonErrorDetail {
  typeUrl?: string;
  value?: string;
}

export interface OzonApiErrorInit {
  /** HTTP status; 0 when no response arrived (timeout, network failure). */
  status: number;
  /** HTTP method of the request, e.g. `POST`. */
  method: string;
  /** Schema path of the request, e.g. `/v3/product/list`. */
  path: string;
  message: string;
  /** Ozon's error code from the body, when the body had one. */
  code?: number;
  details?: OzonErrorDetail[];
  /** The `Trace-ID` response header: quote it to Ozon support. */
  traceId?: string;
  /** The start of a body that was not Ozon's JSON error (an HTML page, plain text). */
  snippet?: string;
  cause?: unknown;
  /** Values to scrub from every text the error holds (the client passes its Api-Key). */
  secrets?: readonly string[];
  /** How many requests were sent, retries included. */
  attempts?: number;
  /** A remark appended to the message, e.g. why the request was not retried. */
  note?: string;
  /** The response headers; none when no response arrived. */
  headers?: Record<string, string>;
}

const SNIPPET_LENGTH = 200;
const REDACTED = '[REDACTED]';

function scrub(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) if (s) out = out.split(s).join(REDACTED);
  return out;
}

/** Only the harmless parts of a cause: its name, message and code, scrubbed. */
function safeCause(cause: unknown, secrets: readonly string[]): { name: string; message: string; code?: string } | undefined {
  if (cause === undefined || cause === null) return undefined;
  if (cause instanceof Error) {
    const code = (cause as { code?: unknown }).code;
    const inner = (cause as { cause?: { code?: unknown } }).cause?.code;
    const anyCode = typeof code === 'string' ? code : typeof inner === 'string' ? inner : undefined;
    return { name: cause.name, message: scrub(cause.message, secrets), ...(anyCode ? { code: anyCode } : {}) };
  }
  return { name: typeof cause, message: scrub(String(cause), secrets).slice(0, SNIPPET_LENGTH) };
}

/**
 * An error answered by the Ozon Seller API, or a request that got no answer.
 * It never holds the Api-Key: texts are scrubbed and `cause` keeps only name, message and code.
 */
export class OzonApiError extends Error {
  override name = 'OzonApiError';
  readonly status: number;
  readonly code: number | undefined;
  readonly details: OzonErrorDetail[];
  readonly traceId: string | undefined;
  readonly method: string;
  readonly path: string;
  readonly snippet: string | undefined;
  /** How many requests were sent, retries included; undefined when the error did not come from a request. */
  readonly attempts: number | undefined;
  /** The response's headers, names in lower case (empty when no response arrived). Only what the server sent; never the request's credentials. */
  readonly headers: Record<string, string>;

  constructor(init: OzonApiErrorInit) {
    const secrets = init.secrets ?? [];
    const cause = safeCause(init.cause, secrets);
    const message = init.note ? `${init.message}; ${init.note}` : init.message;
    super(scrub(message, secrets), cause ? { cause } : undefined);
    this.attempts = init.attempts;
    this.status = init.status;
    this.code = init.code;
    this.details = (init.details ?? []).map((d) => ({
      ...(d.typeUrl !== undefined ? { typeUrl: scrub(String(d.typeUrl), secrets) } : {}),
      ...(d.value !== undefined ? { value: scrub(String(d.value), secrets) } : {}),
    }));
    this.traceId = init.traceId;
    this.method = init.method;
    this.path = init.path;
    this.snippet = init.snippet === undefined ? undefined : scrub(init.snippet, secrets).slice(0, SNIPPET_LENGTH);
    this.headers = Object.fromEntries(Object.entries(init.headers ?? {}).map(([k, v]) => [k, scrub(v, secrets)]));
  }

  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      message: this.message,
      status: this.status,
      code: this.code,
      details: this.details,
      traceId: this.traceId,
      method: this.method,
      path: this.path,
      snippet: this.snippet,
      attempts: this.attempts,
      headers: this.headers,
      cause: this.cause,
    };
  }
}

/**
 * The request was aborted because it took longer than the client's `timeoutMs`; or, from the
 * waiting helpers (`createReport`, `waitForProductImport`, ...), the work was not done in time.
 */
export class OzonTimeoutError extends OzonApiError {
  override name = 'OzonTimeoutError';
  readonly timeoutMs: number;
  constructor(init: Omit<OzonApiErrorInit, 'status' | 'message'> & { timeoutMs: number; message?: string }) {
    super({ ...init, status: 0, message: init.message ?? `${init.method} ${init.path} timed out after ${init.timeoutMs} ms; the request was aborted` });
    this.timeoutMs = init.timeoutMs;
  }
}

/** No HTTP response arrived: DNS failure, refused or reset connection, closed socket. */
export class OzonNetworkError extends OzonApiError {
  override name = 'OzonNetworkError';
  constructor(init: Omit<OzonApiErrorInit, 'status' | 'message'> & { reason: string }) {
    super({ ...init, status: 0, message: `${init.method} ${init.path} failed before a response arrived: ${init.reason}` });
  }
}
