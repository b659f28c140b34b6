import { describe, expect, it } from 'vitest';
import {
  blockquote,
  cell,
  code,
  count,
  rebaseLinks,
  table,
} from '../../../checkers/docs/markdown.ts';

describe('markdown helpers', () => {
  it('escapes table cells and builds tables', () => {
    expect(cell('a | b\nc')).toBe('a \\| b c');
    expect(table(['x', 'y'], [['1', '2']])).toEqual(['| x | y |', '| --- | --- |', '| 1 | 2 |']);
  });

  it('quotes code spans holding backticks', () => {
    expect(code('Data')).toBe('`Data`');
    expect(code('a `b` c')).toBe('``a `b` c``');
    expect(code('`x`')).toBe('`` `x` ``');
  });

  it('quotes text line by line', () => {
    expect(blockquote('one\n\ntwo')).toEqual(['> one', '>', '> two']);
  });

  it('formats counts the same everywhere', () => {
    expect(count(7)).toBe('7');
    expect(count(104285)).toBe('104,285');
    expect(count(1532767)).toBe('1,532,767');
  });

  it('rewrites relative links for another folder and keeps the others', () => {
    const notes =
      '![plot](../../docs/experiments/learning.svg) [code](node.machine.ts) ' +
      '[web](https://example.org/a) [here](#notes)';
    expect(rebaseLinks(notes, 'models/freenet', 'docs/protocols')).toBe(
      '![plot](../experiments/learning.svg) [code](../../models/freenet/node.machine.ts) ' +
        '[web](https://example.org/a) [here](#notes)',
    );
  });
});
