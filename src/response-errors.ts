// The OzonApiError for a response: Ozon's error JSON, another body (a snippet), an empty or
// broken 2xx body; with the response's status, trace id and headers.
import { isPlainObject as isRecord } from './dotted.js';
import { OzonApiError, type OzonErrorDetail } from './errors.js';

const SNIPPET_LENGTH = 200;

/** The response's trace id header (Ozon sends `Trace-ID`; some gateways `X-O3-Trace-Id`). */
export function traceIdOf(response: Response): string | undefined {
  return response.headers.get('trace-id') ?? response.headers.get('x-o3-trace-id') ?? undefined;
}

type RequestFacts = { method: string; path: string; secrets?: readonly string[]; attempts?: number; note?: string };

/** Response headers that never go into an error: cookies the server set. */
const HIDDEN_HEADERS = new Set(['set-cookie', 'set-cookie2']);

/** The response's headers as a plain object (lower-case names), without cookies. */
export function headersOf(response: Response): Record<string, string> {
  const out: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    if (!HIDDEN_HEADERS.has(name)) out[name] = value;
  });
  return out;
}

/**
 * The first violation in the `sl-violations` header of a Prism mock, as `filter.product_id.0
 * must be string`; undefined when there is none.
 */
export function mockViolation(response: Response): string | undefined {
  const raw = response.headers.get('sl-violations');
  if (!raw) return undefined;
  try {
    const list: unknown = JSON.parse(raw);
    const first = Array.isArray(list) ? (list.find((v) => isRecord(v) && v.severity === 'Error') ?? list[0]) : undefined;
    if (!isRecord(first) || typeof first.message !== 'string') return undefined;
    const loc = Array.isArray(first.location) ? first.location.map(String) : [];
    const where = (loc[0] === 'request' ? loc.slice(loc[1] === 'body' ? 2 : 1) : loc).join('.');
    if (!where) return first.message;
    // Prism's message usually repeats the location ("Request body property a.b must be string").
    const at = first.message.indexOf(where);
    return at >= 0 ? first.message.slice(at) : `${where} ${first.message}`;
  } catch {
    return undefined;
  }
}

/** What every error about a response carries: status, request, trace id, attempts, headers. */
function responseFacts(response: Response, request: RequestFacts) {
  return {
    headers: headersOf(response),
    status: response.status,
    method: request.method,
    path: request.path,
    traceId: traceIdOf(response),
    secrets: request.secrets,
    attempts: request.attempts,
    note: request.note,
  };
}

/** A body as a one-line snippet, and the response's content type for the message. */
function snippetOf(text: string, response: Response) {
  return { snippet: text.replace(/\s+/g, ' ').trim().slice(0, SNIPPET_LENGTH), kind: response.headers.get('content-type') ?? 'no content type' };
}

/**
 * Builds the error for a non-2xx response from openapi-fetch's `error` value: Ozon's JSON body
 * `{code, message, details}` when it is one, else a short snippet of whatever the body was.
 */
export function errorFromResponse(body: unknown, response: Response, request: RequestFacts): OzonApiError {
  const base = responseFacts(response, request);
  const where = `${request.method} ${request.path}`;
  if (isRecord(body) && (typeof body.message === 'string' || typeof body.code === 'number')) {
    const message = typeof body.message === 'string' && body.message ? body.message : response.statusText || 'error';
    const violation = mockViolation(response);
    return new OzonApiError({
      ...base,
      code: typeof body.code === 'number' ? body.code : undefined,
      details: Array.isArray(body.details) ? (body.details.filter(isRecord) as OzonErrorDetail[]) : [],
      message: `${where} failed with ${response.status}: ${message}${violation ? ` (${violation})` : ''}`,
    });
  }
  const text = typeof body === 'string' ? body : body === undefined || body === null ? '' : JSON.stringify(body);
  const { snippet, kind } = snippetOf(text, response);
  return new OzonApiError({
    ...base,
    snippet,
    message: snippet
      ? `${where} failed with ${response.status} and a body that is not Ozon's error JSON (${kind}): ${snippet}`
      : `${where} failed with ${response.status} and an empty body`,
  });
}

/** A 2xx with an empty body where a JSON answer was expected: an error, not `undefined`. */
export function emptyBodyError(response: Response, request: RequestFacts): OzonApiError {
  return new OzonApiError({
    ...responseFacts(response, request),
    note: undefined,
    message: `${request.method} ${request.path} answered ${response.status} with an empty body where a JSON answer was expected`,
  });
}

/** A 2xx whose body is not valid JSON: an error with a snippet, instead of a bare SyntaxError. */
export function malformedJsonError(text: string, response: Response, request: RequestFacts, cause: unknown): OzonApiError {
  const { snippet, kind } = snippetOf(text, response);
  return new OzonApiError({
    ...responseFacts(response, request),
    note: undefined,
    snippet,
    cause,
    message: `${request.method} ${request.path} answered ${response.status} with a body that is not valid JSON (${kind}): ${snippet}`,
  });
}
