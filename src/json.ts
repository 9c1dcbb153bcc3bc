// JSON.parse that keeps integers beyond Number.MAX_SAFE_INTEGER exact: such a number reaches the
// caller as a string of its digits (chat message ids are about 3·10^18; JSON.parse would round
// them, and an id sent back to Ozon would then name another message).

const decoder = new TextDecoder();

// Spelled out: V8 runs `\d{16}` about 30 times slower than sixteen `\d`s. 16 digits is the
// shortest run that can exceed 2^53 - 1. `test` on this global regex finds the next run without
// allocating a match; `lastIndex` is then its end (the `+` is greedy).
const RUNS = /\d\d\d\d\d\d\d\d\d\d\d\d\d\d\d\d+/g;
const MAX_SAFE_DIGITS = String(Number.MAX_SAFE_INTEGER);

const isSpace = (c: number | undefined) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
const isDigit = (c: number) => c >= 0x30 && c <= 0x39;

/** The text with every unsafe integer token quoted; undefined when there is none. */
function quoteBigIntegers(text: string): string | undefined {
  let out = '';
  let from = 0;
  RUNS.lastIndex = 0;
  while (RUNS.test(text)) {
    const end = RUNS.lastIndex;
    // The match starts where the run does (the scan resumes after the previous run's end).
    let start = end - 16;
    while (start > 0 && isDigit(text.charCodeAt(start - 1))) start--;
    // A leading zero is not a JSON number: left alone, JSON.parse rejects it.
    if (text.charCodeAt(start) === 0x30) continue;
    // Safe: 16 digits up to 9007199254740991 (17 or more never are).
    if (end - start === 16 && text.slice(start, end) <= MAX_SAFE_DIGITS) continue;
    const token = text.charCodeAt(start - 1) === 0x2d ? start - 1 : start;
    // A whole integer token: after `:`, `[`, `,` or the start, before `,`, `]`, `}` or the end
    // (whitespace aside); so not part of a float or an exponent.
    let i = token - 1;
    while (i >= 0 && isSpace(text.charCodeAt(i))) i--;
    const before = text.charCodeAt(i);
    if (i >= 0 && before !== 0x3a && before !== 0x5b && before !== 0x2c) continue;
    let j = end;
    while (j < text.length && isSpace(text.charCodeAt(j))) j++;
    const after = text.charCodeAt(j);
    if (j < text.length && after !== 0x2c && after !== 0x5d && after !== 0x7d) continue;
    out += text.slice(from, token) + '"' + text.slice(token, end) + '"';
    from = end;
  }
  return from === 0 ? undefined : out + text.slice(from);
}

/**
 * Quotes unsafe integers with a full scan that knows where strings are; used only when the fast
 * path quoted a run inside a string (and so made the text invalid JSON).
 */
function quoteBigIntegersStrictly(text: string): string {
  return text.replace(/"(?:[^"\\]|\\.)*"|(?<![\w.+-])(-?(?:0|[1-9]\d*))(?![\d.eE])/g, (token, digits: string | undefined) =>
    digits !== undefined && digits.replace('-', '').length >= 16 && !Number.isSafeInteger(Number(digits)) ? `"${digits}"` : token,
  );
}

/**
 * Parses JSON like `JSON.parse`, except that an integer beyond ±(2^53 - 1) becomes the string of
 * its exact digits. Text without 16 digits in a row goes straight to `JSON.parse`.
 */
export function parseJson(text: string): unknown {
  const quoted = quoteBigIntegers(text);
  if (quoted === undefined) return JSON.parse(text);
  try {
    return JSON.parse(quoted);
  } catch {
    // Quoting a digit run inside a string always breaks the JSON (the string ends, a number
    // follows), so a failure here means the fast path guessed wrong, or the text was never valid.
    return JSON.parse(quoteBigIntegersStrictly(text));
  }
}

// --- answers as bytes ---------------------------------------------------------------------------
// A string over 128 KB lives in V8's large-object space, whose fresh pages cost about as much as
// 15% of parsing the text. Decoding a big answer whole and then quoting its big ids would make
// two such strings; decoded and parsed in pieces of an array, it makes none.

/** Bytes per piece: decoded and quoted, a piece stays well under 128 KB. */
const PIECE = 48 * 1024;
/** How far past a piece's nominal end a cut between two elements is looked for. */
const REACH = 16 * 1024;
/** How far into the answer the array to cut may start. */
const HEAD = 4096;
/** The first element of the last piece's array, to find that array again in the tree. */
const MARK = '\u0000';

/** Whether `"\u0000"` (the only way to write MARK in JSON) is in `b` from `from` on. */
function hasMark(b: Uint8Array, from: number): boolean {
  for (let i = b.indexOf(0x5c, from); i >= 0; i = b.indexOf(0x5c, i + 1)) {
    // `"\u0000"`: a quote, the backslash, u, four zeros, a quote.
    if (b[i - 1] === 0x22 && b[i + 1] === 0x75 && b[i + 2] === 0x30 && b[i + 3] === 0x30 && b[i + 4] === 0x30 && b[i + 5] === 0x30 && b[i + 6] === 0x22) return true;
  }
  return false;
}

/** The offset of the first byte from `i` on that is not JSON whitespace. */
function afterSpaces(b: Uint8Array, i: number): number {
  while (isSpace(b[i])) i++;
  return i;
}

/** Where a JSON string that opens at `i` closes (its `"`), or -1. */
function stringEnd(b: Uint8Array, i: number): number {
  for (;;) {
    i = b.indexOf(0x22, i + 1);
    if (i < 0) return -1;
    let slashes = 0;
    while (b[i - 1 - slashes] === 0x5c) slashes++;
    if (slashes % 2 === 0) return i;
  }
}

interface Target {
  /** The offset of the array's `[`. */
  open: number;
  /** The keys and indexes that lead from the root to the array. */
  path: (string | number)[];
  /** `"key"` as bytes: the first key of the array's first object. */
  key: Uint8Array;
}

/** The first array whose first element is an object, if it starts within HEAD bytes. */
function firstArrayOfObjects(b: Uint8Array): Target | undefined {
  const path: (string | number)[] = [];
  const inObject: boolean[] = [];
  let expectKey = false;
  const end = Math.min(b.length, HEAD);
  for (let i = 0; i < end; i++) {
    const c = b[i];
    if (c === 0x22) {
      const close = stringEnd(b, i);
      if (close < 0) return undefined;
      if (expectKey) path[path.length - 1] = JSON.parse(decoder.decode(b.subarray(i, close + 1))) as string;
      expectKey = false;
      i = close;
    } else if (c === 0x7b) {
      inObject.push(true);
      path.push('');
      expectKey = true;
    } else if (c === 0x5b) {
      const j = afterSpaces(b, i + 1);
      if (b[j] === 0x7b) {
        const k = afterSpaces(b, j + 1);
        const close = b[k] === 0x22 ? stringEnd(b, k) : -1;
        return close < 0 ? undefined : { open: i, path, key: b.slice(k, close + 1) };
      }
      inObject.push(false);
      path.push(0);
    } else if (c === 0x7d || c === 0x5d) {
      inObject.pop();
      path.pop();
    } else if (c === 0x2c) {
      if (inObject[inObject.length - 1]) expectKey = true;
      else (path[path.length - 1] as number)++;
    }
  }
  return undefined;
}

/**
 * The offset of the `,` in the first `}, {"key"` (whitespace allowed) at or after `from` and
 * within REACH, or -1. Where it really is between two elements of the array is for the parse of
 * the pieces to prove.
 */
function cutAfter(b: Uint8Array, from: number, key: Uint8Array): number {
  const limit = Math.min(b.length, from + REACH);
  for (let i = b.indexOf(0x7d, from); i >= 0 && i < limit; i = b.indexOf(0x7d, i + 1)) {
    const comma = afterSpaces(b, i + 1);
    if (b[comma] !== 0x2c) continue;
    const brace = afterSpaces(b, comma + 1);
    if (b[brace] !== 0x7b) continue;
    const j = afterSpaces(b, brace + 1);
    let k = 0;
    while (k < key.length && b[j + k] === key[k]) k++;
    if (k === key.length) return comma;
  }
  return -1;
}

/** The UTF-8 `bytes` as text, their unsafe integers quoted. */
const quoted = (bytes: Uint8Array) => {
  const text = decoder.decode(bytes);
  return quoteBigIntegers(text) ?? text;
};

/** The array elements in `bytes`, a list of whole values (or it throws). */
const elementsIn = (bytes: Uint8Array) => JSON.parse(`[${quoted(bytes)}]`) as unknown[];

/**
 * A big answer that holds a long array of objects, parsed in pieces of that array (no string
 * over 128 KB is ever made); undefined when it does not split so or a piece does not parse, and
 * the caller then parses it whole. Exact by construction: each piece between two cuts must parse
 * as a list of whole values, which it does only if both cuts are between elements of the array;
 * the last piece is the text before the array, a mark, and the rest of the answer, so it parses
 * as the whole answer would, with the mark in place of the elements before it.
 */
export function parsePieces(b: Uint8Array): unknown {
  const target = firstArrayOfObjects(b);
  if (!target) return undefined;
  const cuts: number[] = [];
  let last = -1;
  for (let from = target.open + PIECE; from < b.length - PIECE / 2; from = last + PIECE) {
    const cut = cutAfter(b, from, target.key);
    if (cut < 0) break;
    cuts.push((last = cut));
  }
  // With the mark already in the rest of the answer, a repeated key could pass for the array.
  if (last < 0 || hasMark(b, last)) return undefined;
  try {
    const lists: unknown[][] = [];
    let from = target.open + 1;
    for (const cut of cuts) {
      lists.push(elementsIn(b.subarray(from, cut)));
      from = cut + 1;
    }
    const root: unknown = JSON.parse(`${quoted(b.subarray(0, target.open + 1))}${JSON.stringify(MARK)},${quoted(b.subarray(from))}`);
    const keys = target.path.slice();
    const key = keys.pop();
    let parent = root as Record<string | number, unknown>;
    for (const k of keys) parent = parent[k] as Record<string | number, unknown>;
    const tail = key === undefined ? root : parent[key];
    // Not the array with the mark (a key repeated after the array replaced it): parse it whole.
    if (!Array.isArray(tail) || tail[0] !== MARK) return undefined;
    const elements = ([] as unknown[]).concat(...lists, tail.slice(1));
    if (key === undefined) return elements;
    parent[key] = elements;
    return root;
  } catch {
    return undefined;
  }
}

/**
 * `parseJson` of an answer's UTF-8 bytes (a leading BOM dropped, as fetch's `text()` does). A big
 * answer whose bulk is one array of objects is decoded and parsed in pieces of that array, which
 * gives the same value with no string over 128 KB; any other is decoded whole.
 */
export function parseJsonBytes(bytes: Uint8Array): unknown {
  if (bytes.length > 2 * PIECE) {
    const value = parsePieces(bytes);
    if (value !== undefined) return value;
  }
  return parseJson(decoder.decode(bytes));
}
