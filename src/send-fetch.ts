// Sends through `fetch`: the global one (called as fetch(url, init), no Request copy), or one the
// user injected (handed a real Request, and raced with the attempt's signal in case it ignores it).
import { answer, type Outgoing, type Send } from './answer.js';
import { isRedirect, nextHop, type Hop } from './redirect.js';

/**
 * A sender over `fetchImpl`; `injected` false means the global fetch. Redirects are followed here,
 * one fetch per hop (`redirect: 'manual'`), so that credentials stay with the first origin.
 */
export function fetchSender(fetchImpl: (input: Request) => Promise<Response>, injected: boolean): Send {
  /** One request; the Request made for an injected fetch lives only while the attempt does. */
  const once = (hop: Hop, init: RequestInit): Promise<Response> => {
    const all: RequestInit = { ...init, method: hop.method, headers: hop.headers, body: hop.body as BodyInit | null };
    return injected ? untilAborted(fetchImpl(new Request(hop.url, all)), init.signal as AbortSignal) : fetch(hop.url, all);
  };
  return async (out: Outgoing, signal: AbortSignal) => {
    const follow = out.redirect === 'follow';
    const init: RequestInit = { ...out.init, signal, redirect: follow ? 'manual' : out.redirect };
    let hop: Hop = { url: new URL(out.url), method: out.method, headers: out.headers, body: out.body };
    for (let hops = 0; ; hops++) {
      const response = await once(hop, init);
      const location = response.headers.get('location');
      if (!follow || !isRedirect(response.status, location)) {
        // A runtime that hides a redirect's target (a browser) cannot be followed safely.
        if (follow && response.type === 'opaqueredirect') throw new TypeError('a redirect whose target this runtime hides (an opaque redirect) is not followed');
        return buffered(response, injected ? signal : undefined, hops > 0 ? hop.url.href : undefined);
      }
      // Not waited for, as fetch does not wait for it.
      response.body?.cancel().catch(() => undefined);
      hop = nextHop(hop, response.status, location, hops, out.redirect);
    }
  };
}

/** Settles like `promise`, or rejects with the signal's reason once it aborts. */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e) => {
        signal.removeEventListener('abort', onAbort);
        reject(e);
      },
    );
  });
}

/**
 * Reads the whole body inside the attempt, so a connection that drops mid-body is a network
 * error that can be retried, and the timeout covers the body too; the answer is a copy over the
 * bytes (its body unread), with `redirectedTo` as its url when it came after redirects.
 */
async function buffered(response: Response, signal?: AbortSignal, redirectedTo?: string): Promise<Response> {
  if (response.body === null && !redirectedTo) return response;
  const read = response.arrayBuffer();
  const bytes = new Uint8Array(await (signal ? untilAborted(read, signal) : read));
  const { headers } = response;
  // Headers iterate each Set-Cookie on its own, so append keeps them apart.
  return answer(bytes, response.status, response.statusText, redirectedTo ?? response.url, redirectedTo !== undefined || response.redirected, (h) => headers.forEach((value, name) => h.append(name, value)));
}
