// One redirect step, as fetch's `redirect: 'follow'` takes it, except that credentials stay with
// the first origin: fetch drops only Authorization there, and would send Api-Key and Client-Id to
// whatever host a Location names. Both senders (node:http, fetch) follow redirects with it.

const REDIRECT = new Set([301, 302, 303, 307, 308]);
export const MAX_REDIRECTS = 20;
/** Not sent to another origin after a redirect. */
const CREDENTIALS = ['authorization', 'proxy-authorization', 'cookie', 'api-key', 'client-id'];
/** Dropped with the body when a redirect turns the request into a GET. */
const CONTENT = ['content-type', 'content-length', 'content-encoding', 'content-language', 'content-location'];
/** Any character outside ASCII. */
export const NON_ASCII = /[^\x00-\x7f]/;

/** One request of a call: the first, or one a redirect asked for. */
export interface Hop {
  url: URL;
  method: string;
  headers: Headers;
  body: string | Uint8Array | null;
}

/** Whether an answer with `status` and `location` is a redirect to follow. */
export const isRedirect = (status: number, location: string | null | undefined): location is string => REDIRECT.has(status) && location != null;

/**
 * The request a redirect (`status`, `location`) of `hop` asks for, after `hops` redirects so far;
 * a TypeError when it must not be followed.
 */
export function nextHop(hop: Hop, status: number, location: string, hops: number, mode: RequestRedirect): Hop {
  if (mode === 'error') throw new TypeError(`redirect to ${location} refused: redirect mode is "error"`);
  if (hops === MAX_REDIRECTS) throw new TypeError(`more than ${MAX_REDIRECTS} redirects`);
  // Header bytes arrive as Latin-1: a Location in raw UTF-8 (a non-ASCII path) is read as UTF-8, as fetch does.
  const raw = NON_ASCII.test(location) ? new TextDecoder().decode(Uint8Array.from(location, (c) => c.charCodeAt(0))) : location;
  const url = new URL(raw, hop.url);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new TypeError(`redirect to ${url.protocol} refused`);
  const headers = new Headers(hop.headers);
  let { method, body } = hop;
  if ((status === 303 && method !== 'GET' && method !== 'HEAD') || ((status === 301 || status === 302) && method === 'POST')) {
    method = 'GET';
    body = null;
    for (const name of CONTENT) headers.delete(name);
  }
  if (url.origin !== hop.url.origin) for (const name of CREDENTIALS) headers.delete(name);
  return { url, method, headers, body };
}
