import { describe, expect, it } from 'vitest';
import { HistoryFileError } from '../../../properties/json-lines.ts';
import {
  decodeHistory,
  MAX_DEPTH,
  opForms,
} from '../../../properties/serializability/jepsen-forms.ts';

describe('opForms', () => {
  it('splits top-level EDN forms, each with its first line, dropping #_ forms', () => {
    const text = '; c\n{:a 1}\n\n{:b\n 2} #_{:c 3}\n#jepsen.history.Op{:d "}"}';
    expect(opForms(text, 'edn')).toEqual([
      { text: '{:a 1}', line: 2 },
      { text: '{:b\n 2}', line: 4 },
      { text: '#jepsen.history.Op{:d "}"}', line: 6 },
    ]);
  });

  it('splits the elements of a single vector, list or array', () => {
    expect(opForms('[{:a 1}\n {:b [2]}]', 'edn').map((f) => f.line)).toEqual([1, 2]);
    expect(opForms('({:a 1}\n\n{:b 2})', 'edn').map((f) => f.text)).toEqual(['{:a 1}', '{:b 2}']);
    expect(opForms('[\n {"a": [1, 2]},\n {"b": "]"}\n]', 'json')).toEqual([
      { text: '{"a": [1, 2]}', line: 2 },
      { text: '{"b": "]"}', line: 3 },
    ]);
  });

  it('marks EDN numbers a double cannot hold, and plain safe N integers', () => {
    const [form] = opForms(
      '{:a 9007199254740993 :b 1.5 :c 7N :d "9007199254740993" :e x1.5}',
      'edn',
    );
    expect(form!.text).toBe(
      '{:a #groupcheck/big "9007199254740993" :b #groupcheck/float "1.5" :c 7 :d "9007199254740993" :e x1.5}',
    );
  });

  it('refuses unbalanced input, odd maps and deep nesting at their line', () => {
    const line = (text: string) => {
      try {
        opForms(text, 'edn');
      } catch (e) {
        expect(e).toBeInstanceOf(HistoryFileError);
        return [(e as HistoryFileError).line, (e as Error).message];
      }
      return null;
    };
    expect(line('{:a 1}\n{:a [1}')).toEqual([
      2,
      'expected "]" to close the bracket of line 2, found "}"',
    ]);
    expect(line('{:a 1 :b}')).toEqual([
      1,
      'a map needs an even number of forms (a value for every key)',
    ]);
    expect(line('{:a #_ 1 :b 2}')).toEqual([
      1,
      'a map needs an even number of forms (a value for every key)',
    ]);
    expect(line('{:a #_ 1 :b}')).toBeNull(); // {:a :b}
    expect(line('#{:a}')).toBeNull();
    expect(line('\n\n"abc')).toEqual([3, 'a string that is never closed']);
    expect(line('['.repeat(MAX_DEPTH + 1))).toEqual([1, `nested deeper than ${MAX_DEPTH} levels`]);
  });

  it('decodes UTF-8 and skips a byte-order mark', () => {
    expect(decodeHistory(new Uint8Array([0xef, 0xbb, 0xbf, 0x7b, 0x7d]))).toBe('{}');
    expect(decodeHistory('\ufeff{}')).toBe('{}');
    expect(() => decodeHistory(new Uint8Array([0x0a, 0xff]))).toThrow(/not UTF-8: byte 1/);
  });
});
