// JSON.parse that keeps integers beyond Number.MAX_SAFE_INTEGER exact: such a number reaches the
// caller as a string of its digits (chat message ids are about 3·10^18; JSON.parse would round
// them, and an id sent back to Ozon would then name another message).

// Spelled out: V8 runs `\d{16}` about 30 times slower than sixteen `\d`s.
/** 16 digits in a row: the shortest run that can exceed 2^53 - 1 (9007199254740991). */
const LONG_RUN = /\d\d\d\d\d\d\d\d\d\d\d\d\d\d\d\d/;
/** A run of 16+ digits; the code around it decides whether it is a whole integer token. */
const RUNS = /-?\d\d\d\d\d\d\d\d\d\d\d\d\d\d\d\d+/g;

const isSpace = (c: number) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

/** The text with every unsafe integer token quoted; undefined when there is none. */
function quoteBigIntegers(text: string): string | undefined {
  let out: string | undefined;
  let from = 0;
  RUNS.lastIndex = 0;
  for (let m = RUNS.exec(text); m; m = RUNS.exec(text)) {
    const start = m.index;
    const end = start + m[0].length;
    // A whole integer token: after `:`, `[` or `,` and before `,`, `]` or `}` (whitespace aside).
    let i = start - 1;
    while (i >= 0 && isSpace(text.charCodeAt(i))) i--;
    const before = text.charCodeAt(i);
    if (before !== 0x3a && before !== 0x5b && before !== 0x2c) continue;
    let j = end;
    while (j < text.length && isSpace(text.charCodeAt(j))) j++;
    const after = text.charCodeAt(j);
    if (after !== 0x2c && after !== 0x5d && after !== 0x7d) continue;
    if (Number.isSafeInteger(Number(m[0]))) continue;
    out = (out ?? '') + text.slice(from, start) + '"' + m[0] + '"';
    from = end;
  }
  return out === undefined ? undefined : out + text.slice(from);
}

/**
 * Quotes unsafe integers with a full scan that knows where strings are; used only when the fast
 * path quoted a run inside a string (and so made the text invalid JSON).
 */
function quoteBigIntegersStrictly(text: string): string {
  return text.replace(/"(?:[^"\\]|\\.)*"|(?<![\w.+-])(-?\d+)(?![\d.eE])/g, (token, digits: string | undefined) =>
    digits !== undefined && digits.replace('-', '').length >= 16 && !Number.isSafeInteger(Number(digits)) ? `"${digits}"` : token,
  );
}

/**
 * Parses JSON like `JSON.parse`, except that an integer beyond ±(2^53 - 1) becomes the string of
 * its exact digits. Text without 16 digits in a row goes straight to `JSON.parse`.
 */
export function parseJson(text: string): unknown {
  if (!LONG_RUN.test(text)) return JSON.parse(text);
  const quoted = quoteBigIntegers(text);
  if (quoted === undefined) return JSON.parse(text);
  try {
    return JSON.parse(quoted);
  } catch {
    // Quoting a digit run inside a string always breaks the JSON (a string then a bare number),
    // so a failure here means the fast path guessed wrong, or the text was never valid.
    return JSON.parse(quoteBigIntegersStrictly(text));
  }
}
