/**
 * Splits a Jepsen history file into its operations' source texts, each with its line, before any
 * value is read: EDN (`edn-data` reads each form afterwards) or JSON (`JSON.parse`). A file is
 * either a sequence of op maps or a single vector (EDN: or list, JSON: array) of them, as Jepsen
 * and elle-cli write them. The scan checks what the EDN reader would gloss over (a closing bracket
 * that does not match, an unterminated string, a map with an odd number of forms) and, in EDN,
 * marks the number tokens that a double cannot hold exactly, so nothing is rounded or guessed.
 * Every error is a HistoryFileError naming its line.
 */
import { firstInvalidUtf8, HistoryFileError } from '../json-lines.ts';

/** The two syntaxes of Jepsen history files. */
export type Syntax = 'edn' | 'json';

/** The source of one top-level operation: its text (EDN: numbers marked) and its first line. */
export interface OpForm {
  readonly text: string;
  readonly line: number;
}

/** EDN tag of an integer a double cannot hold (`#groupcheck/big "9007199254740993"`). */
export const BIG_TAG = 'groupcheck/big';
/** EDN tag of a number that is not an integer (`#groupcheck/float "1.5"`). */
export const FLOAT_TAG = 'groupcheck/float';
/** How deep collections may nest (an operation needs four levels). */
export const MAX_DEPTH = 1000;

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The text of a file (its bytes must be UTF-8; a byte-order mark is skipped). */
export function decodeHistory(input: string | Uint8Array): string {
  if (typeof input === 'string') return input.startsWith('\ufeff') ? input.slice(1) : input;
  try {
    return utf8.decode(input);
  } catch {
    const at = firstInvalidUtf8(input);
    let line = 1;
    let start = 0;
    for (let i = 0; i < at; i++) {
      if (input[i] === 0x0a) {
        line++;
        start = i + 1;
      }
    }
    const byte = (input[at] ?? 0).toString(16).padStart(2, '0');
    throw new HistoryFileError(
      at < 0 ? null : line,
      `not UTF-8: byte ${at - start + 1} of the line (0x${byte}) does not begin a valid character`,
    );
  }
}

const OPENERS: Record<string, string> = { '[': ']', '{': '}', '(': ')' };
const CLOSERS = new Set([']', '}', ')']);
/** Where edn-data ends a token. */
const EDN_DELIMITERS = new Set([
  ' ',
  ',',
  '\t',
  '\n',
  '\r',
  '"',
  ';',
  '[',
  ']',
  '{',
  '}',
  '(',
  ')',
]);
const JSON_SPACE = new Set([' ', '\t', '\n', '\r']);

/** One top-level form found by the scan. */
interface Span {
  readonly start: number;
  readonly end: number;
  /** Its opening bracket, or '' for a scalar. */
  readonly opener: string;
  /** An EDN `#_` form, which the reader discards. */
  readonly discarded: boolean;
}

/** A scanner over one file's text. */
class Scanner {
  private readonly lineStarts: number[] = [0];
  /** EDN number tokens to mark: [start, end, replacement], in text order. */
  readonly marks: [number, number, string][] = [];

  constructor(
    readonly text: string,
    readonly syntax: Syntax,
  ) {
    for (let i = 0; i < text.length; i++) if (text[i] === '\n') this.lineStarts.push(i + 1);
  }

  /** The 1-based line of offset `at`. */
  lineOf(at: number): number {
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid]! <= at) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  }

  fail(at: number, message: string): never {
    throw new HistoryFileError(this.lineOf(at), message);
  }

  /** The offset of the next character that is not whitespace (EDN: nor a comma or comment). */
  skipSpace(i: number): number {
    const { text } = this;
    while (i < text.length) {
      const c = text[i]!;
      if (this.syntax === 'edn') {
        if (c === ';') {
          while (i < text.length && text[i] !== '\n') i++;
        } else if (c === ' ' || c === ',' || c === '\t' || c === '\n' || c === '\r') i++;
        else return i;
      } else if (JSON_SPACE.has(c)) i++;
      else return i;
    }
    return i;
  }

  /** The forms in `[from, to)`, separated (JSON inside an array) by single commas. */
  forms(from: number, to: number, commas: boolean): Span[] {
    const out: Span[] = [];
    let i = this.skipSpace(from);
    while (i < to) {
      if (commas && out.length > 0) {
        if (this.text[i] !== ',')
          this.fail(i, `expected ',' between operations, found ${this.show(i)}`);
        i = this.skipSpace(i + 1);
        if (i >= to) this.fail(i - 1, "a ',' after the last operation");
      }
      const span = this.form(i);
      out.push(span);
      i = this.skipSpace(span.end);
    }
    return out;
  }

  private show(i: number): string {
    return i >= this.text.length ? 'the end of the file' : JSON.stringify(this.text[i]);
  }

  /** The form starting at `start` (not whitespace). Iterative: nesting never grows the JS stack. */
  form(start: number): Span {
    const { text } = this;
    const stack: { closer: string; at: number; count: number; map: boolean }[] = [];
    let i = start;
    let opener = '';
    let discarded = false;
    for (;;) {
      i = this.skipSpace(i);
      if (i >= text.length) {
        const open = stack[stack.length - 1];
        if (open === undefined) this.fail(i, 'expected a form, found the end of the file');
        this.fail(open.at, `${JSON.stringify(text[open.at])} is never closed`);
      }
      const c = text[i]!;
      const top = stack[stack.length - 1];
      if (CLOSERS.has(c)) {
        if (top === undefined) this.fail(i, `unexpected ${JSON.stringify(c)}`);
        if (c !== top.closer) {
          this.fail(
            i,
            `expected ${JSON.stringify(top.closer)} to close the bracket of line ${this.lineOf(top.at)}, found ${JSON.stringify(c)}`,
          );
        }
        if (top.map && this.syntax === 'edn' && top.count % 2 === 1) {
          this.fail(top.at, 'a map needs an even number of forms (a value for every key)');
        }
        stack.pop();
        i++;
      } else if (this.syntax === 'json' && top !== undefined && (c === ',' || c === ':')) {
        i++; // JSON.parse checks the separators inside an operation
        continue;
      } else {
        if (top !== undefined) top.count++;
        const prefix = this.syntax === 'edn' && c === '#' ? this.dispatch(i) : null;
        if (prefix !== null) {
          // `#_ form`, `#tag form`: the prefix and the form that follows are one form.
          const discard = text[i + 1] === '_';
          if (stack.length === 0 && discard) discarded = true;
          // The prefix is no form of its own; a discarded form does not count in its map either.
          if (top !== undefined) top.count -= discard ? 2 : 1;
          i = prefix;
          continue;
        }
        const set = this.syntax === 'edn' && c === '#' && text[i + 1] === '{';
        const bracket = set ? '{' : c;
        const closer = OPENERS[bracket];
        if (closer !== undefined && (this.syntax === 'edn' || bracket !== '(')) {
          if (stack.length === 0) opener = set ? '#{' : bracket;
          if (stack.length >= MAX_DEPTH) this.fail(i, `nested deeper than ${MAX_DEPTH} levels`);
          stack.push({ closer, at: i, count: 0, map: bracket === '{' && !set });
          i += set ? 2 : 1;
          continue;
        }
        i = c === '"' ? this.string(i) : this.token(i);
      }
      if (stack.length === 0) return { start, end: i, opener, discarded };
    }
  }

  /** The end of the string starting at `start` (its opening quote). */
  private string(start: number): number {
    const { text } = this;
    for (let i = start + 1; i < text.length; i++) {
      if (text[i] === '\\') i++;
      else if (text[i] === '"') return i + 1;
    }
    return this.fail(start, 'a string that is never closed');
  }

  /** EDN `#_` or `#tag` at `i`: the offset after the prefix, or null for anything else (`#{`). */
  private dispatch(i: number): number | null {
    const next = this.text[i + 1];
    if (next === '_') return i + 2;
    if (next === undefined || next === '{' || EDN_DELIMITERS.has(next)) return null;
    return this.token(i, false);
  }

  /** The end of the token at `start`; in EDN, marks a number a double would not read exactly. */
  private token(start: number, mark = true): number {
    const { text } = this;
    let i = start + 1;
    if (this.syntax === 'edn' && text[start] === '\\') {
      // A character literal: `\a`, `\newline`; one that is a delimiter the reader would misplace.
      if (i >= text.length || EDN_DELIMITERS.has(text[i]!)) {
        this.fail(start, `the character literal \\${text[i] ?? ''} is not supported`);
      }
      i++;
    }
    const delimiters = this.syntax === 'edn' ? EDN_DELIMITERS : JSON_DELIMITERS;
    while (i < text.length && !delimiters.has(text[i]!)) i++;
    if (mark && this.syntax === 'edn') this.markNumber(start, i);
    return i;
  }

  private markNumber(start: number, end: number): void {
    const token = this.text.slice(start, end);
    if (!/^[-+]?\d/.test(token)) return;
    const int = /^([-+]?)(\d+)(N?)$/.exec(token);
    if (int === null) {
      this.marks.push([start, end, `#${FLOAT_TAG} "${token.replace(/[\\"]/g, '')}"`]);
    } else if (BigInt(int[2]!) > BigInt(Number.MAX_SAFE_INTEGER)) {
      this.marks.push([start, end, `#${BIG_TAG} "${token}"`]);
    } else if (int[3] === 'N') {
      this.marks.push([start, end, `${int[1]}${int[2]}`]); // a safe bigint is a plain integer
    }
  }

  /** The text of `span` with the marks inside it applied. */
  textOf(span: Span): string {
    let lo = 0;
    let hi = this.marks.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.marks[mid]![0] < span.start) lo = mid + 1;
      else hi = mid;
    }
    let out = '';
    let at = span.start;
    for (let m = lo; m < this.marks.length && this.marks[m]![1] <= span.end; m++) {
      const [s, e, replacement] = this.marks[m]!;
      out += this.text.slice(at, s) + replacement;
      at = e;
    }
    return out + this.text.slice(at, span.end);
  }
}

const JSON_DELIMITERS = new Set([' ', '\t', '\n', '\r', ',', ':', '"', '[', ']', '{', '}']);

/**
 * The operations' sources in a history file's text: the top-level forms, or, when the file is
 * one vector, list (EDN) or array (JSON), its elements. EDN `#_` forms are dropped.
 */
export function opForms(text: string, syntax: Syntax): OpForm[] {
  const scan = new Scanner(text, syntax);
  let spans = scan.forms(0, text.length, false).filter((s) => !s.discarded);
  const only = spans[0];
  if (spans.length === 1 && only !== undefined && (only.opener === '[' || only.opener === '(')) {
    spans = scan.forms(only.start + 1, only.end - 1, syntax === 'json').filter((s) => !s.discarded);
  }
  return spans.map((span) => ({ text: scan.textOf(span), line: scan.lineOf(span.start) }));
}
