/**
 * Small Markdown builders for the generated pages: table cells, code spans, block quotes, numbers,
 * and relative links moved from one folder to another.
 */
import { posix } from 'node:path';

/** Text safe in a table cell: pipes escaped, line breaks folded into spaces. */
export function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\s*\r?\n\s*/g, ' ');
}

/** A code span holding `text` as is (a longer fence when the text holds backticks). */
export function code(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

/** A Markdown table: a header row, a separator and one row per entry (cells already escaped). */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const row = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  return [row(header), row(header.map(() => '---')), ...rows.map(row)];
}

/** `text` as a block quote, line by line (blank lines kept inside the quote). */
export function blockquote(text: string): string[] {
  return text.split(/\r?\n/).map((line) => (line.trim() === '' ? '>' : `> ${line}`));
}

/** An integer with thousands separators (`104,285`), the same on every machine. */
export function count(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/**
 * `markdown` written in folder `from` (repository-relative), with its relative link and image
 * targets rewritten to work from folder `to`. Absolute URLs, anchors and rooted paths are kept.
 */
export function rebaseLinks(markdown: string, from: string, to: string): string {
  return markdown.replace(
    /(!?\[[^\]]*\]\()([^)\s]+)(\))/g,
    (whole, open: string, target: string, close: string) => {
      if (/^([a-z][a-z0-9+.-]*:|#|\/)/i.test(target)) return whole;
      return `${open}${posix.relative(to, posix.join(from, target))}${close}`;
    },
  );
}
