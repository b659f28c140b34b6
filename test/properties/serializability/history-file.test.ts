import { describe, expect, it } from 'vitest';
import {
  HistoryFileError,
  parseHistory,
} from '../../../properties/serializability/history-file.ts';

/** The line and message of the error `text` raises. */
function errorOf(text: string): string {
  try {
    parseHistory(text);
  } catch (e) {
    if (e instanceof HistoryFileError) return `${e.line}: ${e.message}`;
    throw e;
  }
  throw new Error('no error');
}

const line = (ops: string, extra = '') => `{"status":"committed","ops":${ops}${extra}}`;

describe('parseHistory', () => {
  it('reads one record per line, skipping blank ones, and keeps line numbers', () => {
    const text = `\n${line('[["append","x",1]]')}\n  \n{"id":7,"process":"p","status":"aborted","ops":[]}\n`;
    expect(parseHistory(text)).toEqual({
      records: [
        { status: 'committed', ops: [['append', 'x', 1]] },
        { id: 7, process: 'p', status: 'aborted', ops: [] },
      ],
      lines: [2, 4],
    });
  });

  it('accepts reads of lists, scalars and null', () => {
    const ops = '[["r","x",[1,"a"]],["r","y",3],["r","z",null],["w","k","v"]]';
    expect(parseHistory(line(ops)).records[0]!.ops).toHaveLength(4);
  });

  it.each([
    ['{bad', /^1: not JSON: /],
    ['[1,2]', /^1: Invalid input: expected object, received array$/],
    ['{"ops":[]}', /^1: status: expected 'committed' or 'aborted'$/],
    ['{"status":"done","ops":[]}', /^1: status: expected 'committed' or 'aborted'$/],
    [line('"no"'), /^1: ops: expected a list of operations$/],
    [line('[["x","k",1]]'), /^1: ops\[0\]\[0\]: expected 'r', 'append' or 'w'$/],
    [line('[["append",null,1]]'), /^1: ops\[0\]\[1\]: expected a string or a number$/],
    [line('[["append","k",[1]]]'), /^1: ops\[0\]\[2\]: 'append' needs a string or number value$/],
    [line('[["r","k",{}]]'), /^1: ops\[0\]\[2\]: a read returns null/],
    [line('[["append","k"]]'), /^1: ops\[0\]: /],
    [line('[]', ',"when":3'), /^1: Unrecognized key: "when"$/],
  ])('rejects %s with its line and reason', (text, expected) => {
    expect(errorOf(text)).toMatch(expected);
  });

  it('names the first bad line, after good ones', () => {
    expect(errorOf(`${line('[]')}\n\n${line('[]')}\n{"status":1,"ops":[]}`)).toMatch(/^4: status/);
  });
});
