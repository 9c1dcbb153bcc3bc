// Credentials: checks them when the client is created, sets the headers of each request, and
// keeps the list of values every error must scrub (exactly what was sent).

/** An OAuth access token, or a function returning the current one (called before each request). */
export type AccessToken = string | (() => string | Promise<string>);

/** Auth options: `clientId` + `apiKey`, or an OAuth `accessToken`. */
export interface AuthOptions {
  clientId?: string | number;
  apiKey?: string;
  accessToken?: AccessToken;
}

export interface Auth {
  /** The `Client-Id` (sent with an Api-Key; with a token, only the key of the account's rate budget). */
  clientId: string | undefined;
  /** Key of the account's shared request budget: the Client-Id, else one per client. */
  account: string;
  /** Sets the auth headers of one request. */
  apply(headers: Headers): Promise<void> | void;
  /** Values scrubbed from every error: the Api-Key, or the tokens sent so far. Grows as tokens refresh. */
  secrets: string[];
}

/** What `Headers.set` accepts and a server reads back unchanged: printable ASCII, no CR/LF, no edge spaces. */
const HEADER_VALUE = /^[\x21-\x7e](?:[\x20-\x7e]*[\x21-\x7e])?$/;

/**
 * Trims surrounding whitespace (a key read from a file ends with a newline; fetch would trim it
 * anyway), then refuses anything that is not a valid header value. The message names the option
 * and never holds its value.
 */
export function headerValue(where: string, name: string, value: unknown): string {
  if (typeof value !== 'string') throw new TypeError(`${where}: option "${name}" must be a string`);
  const v = value.trim();
  if (v === '') throw new TypeError(`${where}: option "${name}" is required (a non-empty string)`);
  if (!HEADER_VALUE.test(v)) {
    throw new TypeError(`${where}: option "${name}" is not a valid header value (it holds a line break, a control character or a non-ASCII character)`);
  }
  return v;
}

let anonymous = 0;
/** Tokens remembered for scrubbing: enough for a few refreshes while errors are still built. */
const KEEP_TOKENS = 8;

export function resolveAuth(options: AuthOptions): Auth {
  const where = 'createOzonClient';
  const { apiKey, accessToken } = options;
  const hasKey = apiKey !== undefined;
  const hasToken = accessToken !== undefined;
  if (hasKey && hasToken) throw new TypeError(`${where}: give either "apiKey" (with "clientId") or "accessToken", not both`);
  if (!hasKey && !hasToken) throw new TypeError(`${where}: option "apiKey" is required (with "clientId"), or give "accessToken" for OAuth`);
  const rawId = options.clientId;
  if (hasKey || rawId !== undefined) {
    if ((typeof rawId !== 'string' && typeof rawId !== 'number') || String(rawId).trim() === '') {
      throw new TypeError(`${where}: option "clientId" is required (the seller account id, a non-empty string or number)`);
    }
  }
  const clientId = rawId === undefined ? undefined : headerValue(where, 'clientId', String(rawId));
  const account = clientId ?? `client#${++anonymous}`;
  if (hasKey) {
    const key = headerValue(where, 'apiKey', apiKey);
    return {
      clientId,
      account,
      secrets: [key],
      apply(headers) {
        headers.set('Client-Id', clientId!);
        headers.set('Api-Key', key);
      },
    };
  }
  if (typeof accessToken === 'string') {
    const token = headerValue(where, 'accessToken', accessToken);
    return { clientId, account, secrets: [token], apply: (headers) => headers.set('Authorization', `Bearer ${token}`) };
  }
  if (typeof accessToken !== 'function') throw new TypeError(`${where}: option "accessToken" must be a string or a function returning one`);
  const secrets: string[] = [];
  return {
    clientId,
    account,
    secrets,
    async apply(headers) {
      const token = headerValue('accessToken()', 'accessToken', await accessToken());
      if (!secrets.includes(token)) {
        secrets.push(token);
        if (secrets.length > KEEP_TOKENS) secrets.shift();
      }
      headers.set('Authorization', `Bearer ${token}`);
    },
  };
}
