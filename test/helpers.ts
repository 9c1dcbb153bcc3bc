// Test helpers: an injected fetch that records requests and answers from a queue.
export interface Recorded {
  method: string;
  url: string;
  headers: Headers;
  body: string;
}

export type Reply = Response | ((req: Request) => Response | Promise<Response>);

/** A fetch that records each request and answers with the next queued reply. */
export function queueFetch(...replies: Reply[]) {
  const log: Recorded[] = [];
  const fetch = async (req: Request): Promise<Response> => {
    log.push({ method: req.method, url: req.url, headers: new Headers(req.headers), body: await req.clone().text() });
    const next = replies.shift();
    if (!next) throw new Error('queueFetch: no reply left');
    return typeof next === 'function' ? next(req) : next;
  };
  return { fetch, log };
}

export function json(body: unknown, init: ResponseInit = {}): Response {
  return new Response(JSON.stringify(body), { status: 200, ...init, headers: { 'content-type': 'application/json', ...(init.headers ?? {}) } });
}

export const KEY = 'sk-test-5f1c2a9e-key-must-never-leak';

/** What a promise rejects with, or undefined when it resolves: for asserting on thrown errors. */
export function caught<E = any>(p: Promise<unknown>): Promise<E | undefined> {
  return p.then(
    () => undefined,
    (e: unknown) => e as E,
  );
}
