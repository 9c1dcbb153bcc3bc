// The answers the senders hand back: a real `Response` over bytes already read (so a dropped
// connection fails inside the attempt), with the bytes kept aside so the client parses them
// without reading the body, which stays unread for the caller.

/** One request as the transport sends it: the URL, method and headers are final. */
export interface Outgoing {
  method: string;
  url: string;
  headers: Headers;
  /** A string or bytes; anything else (FormData, Blob, a stream) was turned into bytes first. */
  body: string | Uint8Array | null;
  /** `redirect` of the call's init: `follow` (the default), `manual` or `error`. */
  redirect: RequestRedirect;
  /** The rest of the call's init (cache, credentials, ...), for a sender that is fetch. */
  init?: RequestInit;
}

/** Sends one attempt and resolves once the whole answer is read; rejects when `signal` aborts. */
export type Send = (out: Outgoing, signal: AbortSignal) => Promise<Response>;

const bodies = new WeakMap<Response, Uint8Array>();

/** The bytes of an answer a sender built, so later steps need not read the body again. */
export function bufferedBody(response: Response): Uint8Array | undefined {
  return bodies.get(response);
}

const NULL_BODY = new Set([101, 103, 204, 205, 304]);

/**
 * A `Response` over `bytes`. `headers` is filled in place (the response's own `Headers`, so they
 * are copied once); `url` is the address that answered, as fetch's responses carry it.
 */
export function answer(bytes: Uint8Array, status: number, statusText: string, url: string, redirected: boolean, fill: (headers: Headers) => void): Response {
  const empty = NULL_BODY.has(status);
  const response = new Response(empty ? null : (bytes as BodyInit), { status, statusText });
  fill(response.headers);
  if (!empty) bodies.set(response, bytes);
  return pin(response, url, redirected);
}

/** Gives `response` and its clones the `url` and `redirected` of fetch's (a constructed Response has neither). */
function pin(response: Response, url: string, redirected: boolean): Response {
  return Object.defineProperties(response, {
    url: { value: url },
    redirected: { value: redirected },
    clone: { value: () => pin(Response.prototype.clone.call(response), url, redirected) },
  });
}
