// Sends through `fetch`: the global one (called as fetch(url, init), no Request copy), or one the
// user injected (handed a real Request, and raced with the attempt's signal in case it ignores it).
import { answer, type Outgoing, type Send } from './answer.js';

/** A sender over `fetchImpl`; `injected` false means the global fetch. */
export function fetchSender(fetchImpl: (input: Request) => Promise<Response>, injected: boolean): Send {
  return async (out: Outgoing, signal: AbortSignal) => {
    const init: RequestInit = { ...out.init, method: out.method, headers: out.headers, body: out.body as BodyInit | null, signal, redirect: out.redirect };
    if (!injected) return buffered(await fetch(out.url, init));
    // The Request lives only while the attempt does: its signal follows ours only while it lives.
    let req: Request | undefined = new Request(out.url, init);
    try {
      return buffered(await untilAborted(fetchImpl(req), signal), signal);
    } finally {
      req = undefined;
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
 * bytes (its body unread).
 */
async function buffered(response: Response, signal?: AbortSignal): Promise<Response> {
  if (response.body === null) return response;
  const read = response.arrayBuffer();
  const bytes = new Uint8Array(await (signal ? untilAborted(read, signal) : read));
  const { headers } = response;
  // Headers iterate each Set-Cookie on its own, so append keeps them apart.
  return answer(bytes, response.status, response.statusText, response.url, response.redirected, (h) => headers.forEach((value, name) => h.append(name, value)));
}
