import { OzonApiError } from './errors.js';
import { errorFromResponse } from './response-errors.js';

interface RequestInfo {
  method: string;
  path: string;
  secrets: readonly string[];
  attempts?: number;
  note?: string | undefined;
}

const requests = new WeakMap<Response, RequestInfo>();

/** Called by the client for every response, so errors can name the request. */
export function rememberRequest(response: Response, info: RequestInfo): void {
  requests.set(response, info);
}

/** What openapi-fetch's methods resolve to. */
export interface FetchResult<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/**
 * Returns `data` of a successful call, or throws `OzonApiError` for an error response.
 *
 * ```ts
 * const page = await unwrap(ozon.POST('/v1/returns/list', { body: { limit: 100 } }));
 * ```
 */
export async function unwrap<T>(call: Promise<FetchResult<T>> | FetchResult<T>): Promise<T> {
  const { data, error, response } = await call;
  if (response.ok) return data as T;
  const info = requests.get(response) ?? { method: 'UNKNOWN', path: new URL(response.url || 'http://unknown/').pathname, secrets: [] };
  throw errorFromResponse(error, response, info);
}

export { OzonApiError };
