// JSON.parse that keeps integers beyond Number.MAX_SAFE_INTEGER exact: such a number reaches the
// caller as a string of its digits (chat message ids are about 3·10^18; JSON.parse would round
// them, and an id sent back to Ozon would then name another message).

// Spelled out: V8 runs `\d{16}` about 30 times slower than sixteen `\d`s. 16 digits is the
// shortest run that can exceed 2^53 - 1. `test` on this global regex finds the next run without
// allocating a match; `lastIndex` is then its end (the `+` is greedy).
const RUNS = /\d\d\d\d\d\d\d\d\d\d\d\d\d\d\d\d+/g;
const MAX_SAFE_DIGITS = String(Number.MAX_SAFE_INTEGER);

const isSpace = (c: number) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
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
