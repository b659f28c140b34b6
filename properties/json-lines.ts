/**
 * The reading every history-file front-end shares (serializability, linearizability): bytes that
 * must be UTF-8, one JSON value per line, blank lines skipped, numbers read exactly. Every error is
 * a HistoryFileError naming its line, in one line of text; nothing is guessed or repaired.
 *
 * Numbers: `JSON.parse` rounds every number to the nearest double, so 9007199254740993 would be
 * read as 9007199254740992 and two different values would compare equal. Node 20's `JSON.parse`
 * does not show a reviver the source text, so the line's raw number tokens are scanned after it
 * parses: an integer must be a safe integer (|n| ≤ 2^53 − 1), and a number with a fraction or an
 * exponent must denote exactly the value it reads back as (the shortest decimal of its double:
 * `0.1`, `1.5e-7`, `1e21` are fine, `0.10000000000000000001` and `1e400` are not). A number that
 * does not fit is refused, with the advice to write it as a string.
 */

/** A history file that cannot be read: the line (1-based) that does not fit, or null for the file. */
export class HistoryFileError extends Error {
  /** `message` is made one line (control characters escaped). */
  constructor(
    readonly line: number | null,
    message: string,
  ) {
    super(oneLine(message));
  }
}

/** One non-blank line of a JSON-lines file: its number (1-based) and its value. */
export interface JsonLine {
  readonly line: number;
  readonly value: unknown;
}

/**
 * The JSON values of a JSON-lines file, one per non-blank line. `input` is the file's bytes (which
 * must be UTF-8; a byte-order mark is skipped) or its already decoded text. Throws a
 * HistoryFileError at the first line that is not UTF-8, not JSON, or holds an inexact number.
 */
export function readJsonLines(input: string | Uint8Array): JsonLine[] {
  const text = typeof input === 'string' ? input : decodeUtf8(input);
  const out: JsonLine[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line !== '') out.push({ line: i + 1, value: parseLine(line, i + 1) });
  }
  return out;
}

/** `message` with line breaks and other control characters escaped, so it prints as one line. */
export function oneLine(message: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what it escapes
  return message.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => {
    return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
}

/** At most `max` characters of `text`, with `…` when cut. */
export function clip(text: string, max = 120): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The text of UTF-8 `bytes`, or a HistoryFileError at the line of the first invalid byte. */
function decodeUtf8(bytes: Uint8Array): string {
  try {
    return utf8.decode(bytes);
  } catch {
    const at = firstInvalidUtf8(bytes);
    if (at < 0) throw new HistoryFileError(null, 'not UTF-8');
    let line = 1;
    let start = 0;
    for (let i = 0; i < at; i++) {
      if (bytes[i] === 0x0a) {
        line++;
        start = i + 1;
      }
    }
    const byte = bytes[at]!.toString(16).padStart(2, '0');
    throw new HistoryFileError(
      line,
      `not UTF-8: byte ${at - start + 1} of the line (0x${byte}) does not begin a valid character`,
    );
  }
}

/**
 * The offset of the first byte that does not begin a well-formed UTF-8 sequence (Unicode 15,
 * table 3-7: no overlong forms, no surrogates, nothing above U+10FFFF), or -1 if all are well formed.
 */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  const n = bytes.length;
  const cont = (j: number, lo = 0x80, hi = 0xbf) => j < n && bytes[j]! >= lo && bytes[j]! <= hi;
  while (i < n) {
    const b = bytes[i]!;
    let len = 0;
    if (b <= 0x7f) len = 1;
    else if (b >= 0xc2 && b <= 0xdf) len = cont(i + 1) ? 2 : 0;
    else if (b === 0xe0) len = cont(i + 1, 0xa0) && cont(i + 2) ? 3 : 0;
    else if (b === 0xed) len = cont(i + 1, 0x80, 0x9f) && cont(i + 2) ? 3 : 0;
    else if (b >= 0xe1 && b <= 0xef) len = cont(i + 1) && cont(i + 2) ? 3 : 0;
    else if (b === 0xf0) len = cont(i + 1, 0x90) && cont(i + 2) && cont(i + 3) ? 4 : 0;
    else if (b === 0xf4) len = cont(i + 1, 0x80, 0x8f) && cont(i + 2) && cont(i + 3) ? 4 : 0;
    else if (b >= 0xf1 && b <= 0xf3) len = cont(i + 1) && cont(i + 2) && cont(i + 3) ? 4 : 0;
    if (len === 0) return i;
    i += len;
  }
  return -1;
}

/** One line's JSON value, after checking that every number in it is read exactly. */
function parseLine(line: string, n: number): unknown {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (e) {
    throw new HistoryFileError(n, `not JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
  const problem = inexactNumber(line);
  if (problem !== null) throw new HistoryFileError(n, problem);
  return value;
}

const SUSPECT = /\d(?:\d{15}|[.eE])/;

/** Why the first number token of valid JSON `text` that is not read exactly is refused, or null. */
export function inexactNumber(text: string): string | null {
  // Only a run of 16 digits or a digit before `.`, `e` or `E` can be a number to look at.
  if (!SUSPECT.test(text)) return null;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      // A string: skip to its closing quote (in valid JSON, digits outside strings are numbers).
      for (i++; i < n; i++) {
        const d = text.charCodeAt(i);
        if (d === 0x5c) i++;
        else if (d === 0x22) break;
      }
    } else if (c === 0x2d || (c >= 0x30 && c <= 0x39)) {
      const start = i;
      let integer = true;
      for (i++; i < n; i++) {
        const d = text.charCodeAt(i);
        if (d >= 0x30 && d <= 0x39) continue;
        // `.`, `e`, `E`, and the exponent's sign.
        if (d === 0x2e || d === 0x65 || d === 0x45 || d === 0x2b || d === 0x2d) integer = false;
        else break;
      }
      // Up to 15 digits, an integer is always a safe integer.
      if (integer && i - start <= 15) continue;
      const problem = numberProblem(text.slice(start, i), integer);
      if (problem !== null) return problem;
      // text[i] ends the number: whitespace, `,`, `]` or `}`, nothing the loop must see.
    }
  }
  return null;
}

/** Why number token `token` is not read exactly, or null if it is. */
function numberProblem(token: string, integer: boolean): string | null {
  const read = Number(token);
  if (integer) {
    if (Number.isSafeInteger(read)) return null;
    return (
      `integer ${clip(token, 40)} is beyond ±(2^53 − 1) and would be read as ${read}; ` +
      'write it as a string'
    );
  }
  if (decimal(token) === decimal(String(read))) return null;
  return (
    `number ${clip(token, 40)} cannot be read exactly (it would be read as ${read}); ` +
    'write it as a string'
  );
}

/**
 * A canonical form of a decimal numeral (`-12.50e1` and `-125` give the same), or null for text
 * that is not one (`Infinity`). Zero has no sign: -0 and 0 are one value to the checkers.
 */
function decimal(text: string): string | null {
  const m = /^(-?)(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/.exec(text);
  if (m === null) return null;
  const [, sign, whole, fraction = '', exponent = '0'] = m;
  let digits = (whole! + fraction).replace(/^0+/, '');
  if (digits === '') return '0';
  let exp = BigInt(exponent) - BigInt(fraction.length);
  const trimmed = digits.replace(/0+$/, '');
  exp += BigInt(digits.length - trimmed.length);
  digits = trimmed;
  return `${sign}${digits}e${exp}`;
}
