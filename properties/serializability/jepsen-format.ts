/**
 * The history formats `check-history` reads, and how `--format auto` picks one: `.edn` files are
 * EDN; otherwise the first characters decide (an EDN map, vector or comment; a JSON op with a
 * `"type"` key, or an array of them, is elle-cli's JSON; anything else is our JSON lines, whose
 * reader then says what is wrong).
 */
import type { SerializabilityReport } from './anomaly.ts';
import { DEFAULT_ANOMALY_LIMIT } from './check.ts';
import { checkHistoryFile } from './history-file.ts';
import { checkJepsenFile } from './jepsen-history.ts';
import type { HistoryStyle } from './transactions.ts';

/** The values of `--format`. */
export const HISTORY_FORMATS = ['auto', 'jsonl', 'edn', 'elle-json'] as const;

/** A history file format (`auto`: detect it). */
export type HistoryFormat = (typeof HISTORY_FORMATS)[number];

/** A format that was detected or given. */
export type KnownFormat = Exclude<HistoryFormat, 'auto'>;

const SNIFF = 64 * 1024;
const loose = new TextDecoder('utf-8');

/** The format of `file` with contents `input`: by its extension (`.edn`), else by its start. */
export function detectFormat(file: string, input: string | Uint8Array): KnownFormat {
  if (/\.edn$/i.test(file)) return 'edn';
  const head =
    typeof input === 'string' ? input.slice(0, SNIFF) : loose.decode(input.subarray(0, SNIFF));
  const text = head.replace(/^\ufeff/, '');
  const start = /^[\s,]*(\S)\s*(\S)?\s*(\S)?/.exec(text);
  if (start === null) return 'jsonl';
  const [, first, second, third] = start;
  if (first === ';' || first === '(' || first === '#') return 'edn';
  if (first === '{') {
    if (second === ':') return 'edn';
    const line = text.slice(text.indexOf('{')).split('\n', 1)[0]!;
    return /"type"\s*:/.test(line) ? 'elle-json' : 'jsonl';
  }
  if (first === '[')
    return second === ':' || (second === '{' && third === ':') ? 'edn' : 'elle-json';
  return 'jsonl';
}

/**
 * Reads and checks a history file in `format` (`auto`: `detectFormat`). Throws a HistoryFileError
 * (from `../json-lines.ts`) for anything that does not fit.
 */
export function checkHistoryInput(
  file: string,
  input: string | Uint8Array,
  format: HistoryFormat,
  limit = DEFAULT_ANOMALY_LIMIT,
): { format: KnownFormat; style: HistoryStyle; report: SerializabilityReport } {
  const known = format === 'auto' ? detectFormat(file, input) : format;
  const result =
    known === 'jsonl' ? checkHistoryFile(input, limit) : checkJepsenFile(input, known, limit);
  return { format: known, ...result };
}
