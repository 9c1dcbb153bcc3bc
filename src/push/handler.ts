// createPushHandler: one core, two shapes. The handler itself is a Web-standard
// `(request) => Promise<Response>` (Node 20 with a small adapter, Hono, Next.js route handlers,
// Bun, Deno, Cloudflare Workers); `handler.node` is a `(req, res)` listener for node:http and Express.
import { DEFAULT_MAX_BODY_BYTES, createPushCore } from './core.js';
import { errorAnswer } from './answers.js';
import type { PushAnswer, PushHandlerOptions, PushHandlers, PushInput } from './types.js';

/** What a Web-standard server knows about the caller; Deno passes `{ remoteAddr: { hostname } }`. */
export interface PushRequestInfo {
  readonly remoteAddress?: string;
  readonly remoteAddr?: { readonly hostname?: string };
}

/** The parts of node:http's IncomingMessage (and Express's request) the listener reads. */
export interface NodePushRequest extends AsyncIterable<Uint8Array | string> {
  readonly method?: string | undefined;
  readonly headers: { readonly [name: string]: string | readonly string[] | undefined };
  readonly socket?: { readonly remoteAddress?: string | undefined } | null;
  /** Set by Express body parsers; used instead of the stream when present. */
  readonly body?: unknown;
}

/** The parts of node:http's ServerResponse the listener writes. */
export interface NodePushResponse {
  statusCode: number;
  readonly headersSent?: boolean;
  setHeader(name: string, value: string): unknown;
  end(body?: string): unknown;
}

export interface PushHandler {
  (request: Request, info?: PushRequestInfo): Promise<Response>;
  /** The same receiver as a node:http / Express listener. */
  readonly node: (req: NodePushRequest, res: NodePushResponse) => Promise<void>;
  /** The core: a request's method, body and addresses in, the answer out. */
  readonly handle: (input: PushInput) => Promise<PushAnswer>;
}

const JSON_TYPE = 'application/json';
const tooLarge = (max: number) => errorAnswer(413, 'ERROR_UNKNOWN', `the request body is larger than ${max} bytes`);
const header = (v: string | readonly string[] | undefined) => (typeof v === 'string' ? v : v?.join(', '));

async function readNode(req: NodePushRequest, max: number): Promise<PushInput['body'] | undefined> {
  if (req.body !== undefined && req.body !== null) {
    if (typeof req.body === 'string' || req.body instanceof Uint8Array) return req.body;
    return { parsed: req.body };
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of req) {
    const bytes = typeof chunk === 'string' ? new TextEncoder().encode(chunk) : chunk;
    size += bytes.byteLength;
    if (size <= max) chunks.push(bytes); // past the limit: read on (so the answer reaches the caller), keep nothing
  }
  if (size > max) return undefined;
  const all = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) all.set(c, (at += c.byteLength) - c.byteLength);
  return all;
}

/**
 * A receiver of Ozon's push notifications. `handlers` maps each `message_type` to a callback that
 * gets the typed payload; `TYPE_PING` is answered by the receiver itself.
 */
export function createPushHandler(handlers: PushHandlers, options: PushHandlerOptions = {}): PushHandler {
  const handle = createPushCore(handlers, options);
  const max = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;

  const web = async (request: Request, info?: PushRequestInfo): Promise<Response> => {
    let answer: PushAnswer;
    if (Number(request.headers.get('content-length') ?? 0) > max) answer = tooLarge(max);
    else {
      const body = request.method === 'POST' ? new Uint8Array(await request.arrayBuffer().catch(() => new ArrayBuffer(0))) : '';
      answer = body.length > max
        ? tooLarge(max)
        : await handle({ method: request.method, body, remoteAddress: info?.remoteAddress ?? info?.remoteAddr?.hostname, forwardedFor: request.headers.get('x-forwarded-for') });
    }
    return new Response(JSON.stringify(answer.body), { status: answer.status, headers: { 'content-type': JSON_TYPE } });
  };

  const node = async (req: NodePushRequest, res: NodePushResponse): Promise<void> => {
    let answer: PushAnswer;
    try {
      const body = await readNode(req, max);
      answer = body === undefined
        ? tooLarge(max)
        : await handle({ method: req.method ?? 'GET', body, remoteAddress: req.socket?.remoteAddress, forwardedFor: header(req.headers['x-forwarded-for']) });
    } catch {
      answer = errorAnswer(400, 'ERROR_UNKNOWN', 'the request body could not be read');
    }
    try {
      if (res.headersSent) return;
      res.statusCode = answer.status;
      res.setHeader('content-type', JSON_TYPE);
      res.end(JSON.stringify(answer.body));
    } catch {
      // The connection is gone: nothing left to answer.
    }
  };

  return Object.assign(web, { node, handle });
}
