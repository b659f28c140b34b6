import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import {
  clip,
  firstInvalidUtf8,
  HistoryFileError,
  inexactNumber,
  oneLine,
  readJsonLines,
} from '../../properties/json-lines.ts';

/**
 * Whether `v` holds an integer JSON.stringify prints without an exponent (below 1e21) that is
 * beyond 2^53 − 1: refused, as 2^53 + 1 would be read as it.
 */
function unsafeInteger(v: unknown): boolean {
  if (typeof v === 'number')
    return Number.isInteger(v) && !Number.isSafeInteger(v) && Math.abs(v) < 1e21;
  if (typeof v !== 'object' || v === null) return false;
  return Object.values(v).some(unsafeInteger);
}

const bytes = (...b: number[]) => Uint8Array.from(b);
const utf8 = (text: string) => new TextEncoder().encode(text);

/** `line: message` of the HistoryFileError `input` raises (any other error fails the test). */
function errorOf(input: string | Uint8Array): string {
  try {
    readJsonLines(input);
  } catch (e) {
    if (e instanceof HistoryFileError) return `${e.line}: ${e.message}`;
    throw e;
  }
  throw new Error('no error');
}

describe('readJsonLines', () => {
  it('reads one value per non-blank line, from text or UTF-8 bytes, with line numbers', () => {
    const text = '\n{"a":1}\r\n  \n["é",2.5]\n';
    const expected = [
      { line: 2, value: { a: 1 } },
      { line: 4, value: ['é', 2.5] },
    ];
    expect(readJsonLines(text)).toEqual(expected);
    expect(readJsonLines(utf8(text))).toEqual(expected);
  });

  it('skips a byte-order mark', () => {
    expect(readJsonLines(bytes(0xef, 0xbb, 0xbf, ...utf8('"x"')))).toEqual([
      { line: 1, value: 'x' },
    ]);
  });

  it('refuses a line that is not JSON, with its number', () => {
    expect(errorOf('1\n{bad')).toMatch(/^2: not JSON: /);
    expect(errorOf('NaN')).toMatch(/^1: not JSON: /);
  });

  it('refuses invalid UTF-8 with the line and the byte', () => {
    // Latin-1 é (0xe9) on line 2: decoded loosely it would be U+FFFD, equal to any other bad byte.
    const file = bytes(...utf8('"a"\n"caf'), 0xe9, ...utf8('"\n"b"'));
    expect(errorOf(file)).toBe(
      '2: not UTF-8: byte 5 of the line (0xe9) does not begin a valid character',
    );
    // An overlong encoding of '/', a lone surrogate, a truncated sequence at the very end.
    expect(errorOf(bytes(0x22, 0xc0, 0xaf, 0x22))).toMatch(/^1: not UTF-8: byte 2 .*0xc0/);
    expect(errorOf(bytes(0x0a, 0x22, 0xed, 0xa0, 0x80, 0x22))).toMatch(/^2: not UTF-8: byte 2 /);
    expect(errorOf(bytes(0x22, 0x22, 0x0a, 0xf0, 0x9f))).toMatch(/^2: not UTF-8: byte 1 /);
  });

  it('reads integers up to 2^53 − 1 exactly and refuses larger ones', () => {
    expect(readJsonLines('[9007199254740991,-9007199254740991]')[0]!.value).toEqual([
      9007199254740991, -9007199254740991,
    ]);
    expect(errorOf('{"ok":1}\n[1,9007199254740993]')).toBe(
      '2: integer 9007199254740993 is beyond ±(2^53 − 1) and would be read as 9007199254740992; ' +
        'write it as a string',
    );
    expect(errorOf('-9007199254740992')).toMatch(/^1: integer -9007199254740992 is beyond/);
  });

  it('reads fractions and exponents that read back as written, and refuses the others', () => {
    expect(readJsonLines('[0.1,1.5e-7,1e21,-2.50,1E+2,0.0,-0]')[0]!.value).toEqual([
      0.1, 1.5e-7, 1e21, -2.5, 100, 0, -0,
    ]);
    expect(errorOf('0.10000000000000000001')).toBe(
      '1: number 0.10000000000000000001 cannot be read exactly (it would be read as 0.1); ' +
        'write it as a string',
    );
    expect(errorOf('1e400')).toMatch(/^1: number 1e400 cannot be read exactly .*Infinity/);
    expect(errorOf('1e-400')).toMatch(/^1: number 1e-400 cannot be read exactly .*as 0\)/);
  });

  it('leaves digits inside strings alone', () => {
    expect(readJsonLines('["9007199254740993", "0.10000000000000000001 \\" 1e999"]')).toHaveLength(
      1,
    );
  });
});

describe('inexactNumber', () => {
  it('shortens a very long number in its message', () => {
    expect(inexactNumber(`[${'9'.repeat(100)}]`)).toMatch(/^integer 9{39}… is beyond/);
  });
});

describe('one-line messages', () => {
  it('escapes line breaks and control characters', () => {
    expect(oneLine('a\nb\r\u2028\u0000')).toBe('a\\u000ab\\u000d\\u2028\\u0000');
    expect(new HistoryFileError(1, 'x\ny').message).toBe('x\\u000ay');
  });

  it('clips long text', () => {
    expect(clip('abcdef', 4)).toBe('abc…');
    expect(clip('abc', 4)).toBe('abc');
  });
});

describe('readJsonLines, fuzzed', () => {
  test.prop([fc.uint8Array({ maxLength: 64 })], { numRuns: 500 })(
    'its UTF-8 check agrees with a fatal TextDecoder',
    (data) => {
      let valid = true;
      try {
        new TextDecoder('utf-8', { fatal: true }).decode(data);
      } catch {
        valid = false;
      }
      expect(firstInvalidUtf8(data) < 0).toBe(valid);
    },
  );

  test.prop([
    fc.oneof(
      fc.uint8Array({ maxLength: 200 }),
      fc.string({ unit: 'binary', maxLength: 200 }),
      fc.array(fc.json(), { maxLength: 5 }).map((lines) => lines.join('\n')),
    ),
  ])('never throws anything but a one-line HistoryFileError', (input) => {
    try {
      readJsonLines(input);
    } catch (e) {
      expect(e).toBeInstanceOf(HistoryFileError);
      expect((e as HistoryFileError).message).not.toMatch(/[\n\r]/);
    }
  });

  test.prop([fc.array(fc.jsonValue(), { maxLength: 5 })])(
    'reads back what JSON.stringify wrote, or refuses an integer beyond 2^53 − 1',
    (values) => {
      const text = values.map((v) => JSON.stringify(v)).join('\n');
      if (values.some(unsafeInteger)) {
        expect(() => readJsonLines(text)).toThrow(/integer .* is beyond/);
        return;
      }
      // JSON.stringify prints -0 as 0.
      const normal = JSON.parse(JSON.stringify(values)) as unknown[];
      expect(readJsonLines(text).map((l) => l.value)).toEqual(normal);
    },
  );

  test.prop([fc.double({ noNaN: true, noDefaultInfinity: true })])(
    'accepts every double JSON.stringify prints, but for integers beyond 2^53 − 1',
    (x) => {
      expect(inexactNumber(JSON.stringify(x)) === null).toBe(!unsafeInteger(x));
    },
  );

  test.prop([fc.bigInt({ min: -(2n ** 60n), max: 2n ** 60n })])(
    'reads an integer exactly or refuses it: never a rounded value',
    (n) => {
      const lines = (() => {
        try {
          return readJsonLines(`[${n}]`);
        } catch (e) {
          expect(e).toBeInstanceOf(HistoryFileError);
          return null;
        }
      })();
      const safe = n >= -(2n ** 53n - 1n) && n <= 2n ** 53n - 1n;
      expect(lines !== null).toBe(safe);
      if (lines !== null) expect(BigInt((lines[0]!.value as number[])[0]!)).toBe(n);
    },
  );
});
