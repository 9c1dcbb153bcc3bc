// The shape of the generated operations table (generated/operations.ts) and its decoder: the
// table is shipped as one packed string (format and packing: scripts/pack-operations.js), which
// `unpack` expands when the module loads.

export interface RateLimit {
  readonly requests: number;
  readonly per: 'second' | 'minute' | 'hour' | 'day';
}

export interface Pagination {
  readonly style: 'last_id' | 'offset' | 'page' | 'cursor';
  readonly items: string;
  readonly request: { readonly cursor: string; readonly limit?: string };
  readonly response?: { readonly cursor?: string; readonly itemCursor?: string; readonly hasNext?: string; readonly total?: string; readonly pageCount?: string };
  /** Page style: the number of the first page (0 or 1), from the page field's default or minimum. */
  readonly firstPage?: number;
  /** Offset style: the offset field is an int64 sent as a JSON string ("0", "50", ...). */
  readonly offsetAsString?: boolean;
  /** last_id and cursor styles: what the first page sends when the cursor field is required. */
  readonly firstCursor?: string | number;
}

/** x-async: the work a method starts, and how to wait for it. */
export interface AsyncWork {
  /** `METHOD /path` of the method that reports the state. */
  readonly status: string;
  /** Its request: field (query parameter for GET) <- dotted path in the starting method's 200 body, or `$request.<path>` in its request body. */
  readonly request: { readonly [field: string]: string };
  /** Dotted path of the state in the status answer; through arrays, one state per item. */
  readonly state: string;
  readonly success: readonly (string | boolean)[];
  readonly failure: readonly (string | boolean)[];
}

export interface OperationInfo {
  readonly method: string;
  readonly path: string;
  readonly idempotent?: boolean;
  readonly report?: boolean;
  readonly deprecated?: boolean;
  readonly replacedBy?: string;
  /** Deprecated operations: the date (YYYY-MM-DD) Ozon switches the method off (x-sunset). */
  readonly sunset?: string;
  readonly rateLimit?: RateLimit;
  readonly pagination?: Pagination;
  readonly async?: AsyncWork;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** The word of `list` that starts with the letter `c`. */
const byLetter = <T extends string>(list: readonly T[], c: string | undefined): T => list.find((w) => w[0] == c)!;
/** "POST /x" from "/x", "GET /x" from "GET/x". */
const opKey = (s: string) => (s[0] == '/' ? 'POST ' + s : s.replace('/', ' /'));
const states = (s: string | undefined) => (s ? s.split('|').map((v) => (v[0] == '!' ? v == '!true' : v)) : []);

/** Expands the packed table (see scripts/pack-operations.js for the format). */
export function unpack(text: string): Record<string, OperationInfo> {
  const table: Record<string, OperationInfo> = {};
  let segments: string[] = [];
  for (const line of text.split('\n')) {
    const [head = '', flags = '', pg, as, by, sunset, rate] = line.split(' ');
    segments = [...segments.slice(0, head.charCodeAt(0) - 48), ...head.slice(1).split('/')];
    const path = segments.join('/');
    const method = flags.replace(/[a-z]/g, '') || 'POST';
    const info: Mutable<OperationInfo> = { method, path };
    if (flags.includes('i')) info.idempotent = true;
    if (flags.includes('r')) info.report = true;
    if (flags.includes('d')) info.deprecated = true;
    if (pg) {
      const [items = '', cursor, limit, rc, itemCursor, hasNext, total, pageCount, x] = pg.split(',');
      const style = byLetter(['last_id', 'offset', 'page', 'cursor'] as const, items[0]);
      const request: Mutable<Pagination['request']> = { cursor: cursor || style };
      if (limit != '-') request.limit = limit || 'limit';
      const response = Object.fromEntries(Object.entries({ cursor: rc == '=' ? request.cursor : rc, itemCursor, hasNext, total, pageCount }).filter(([, v]) => v));
      const p: Mutable<Pagination> = { style, items: items.slice(1), request };
      if (Object.keys(response).length) p.response = response;
      if (x) style == 'page' ? (p.firstPage = +x) : style == 'offset' ? (p.offsetAsString = true) : (p.firstCursor = x == '0' ? 0 : '');
      info.pagination = p;
    }
    if (as) {
      const [status = '', request = '', state = '', success, failure] = as.split(',');
      const fields = request.split('&').map((r) => r.split('='));
      info.async = { status: opKey(status), request: Object.fromEntries(fields.map(([f = '', from = f]) => [f, from])), state, success: states(success), failure: states(failure) };
    }
    if (by) info.replacedBy = /^\d+$/.test(by) ? 'POST ' + path.replace(/\d+/, by) : opKey(by);
    if (sunset) info.sunset = sunset;
    if (rate) info.rateLimit = { requests: parseInt(rate), per: byLetter(['second', 'minute', 'hour', 'day'] as const, rate.slice(-1)) };
    table[method + ' ' + path] = info;
  }
  return table;
}
