import fs from 'node:fs';
import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { HistoryFileError } from '../../../properties/json-lines.ts';
import {
  checkHistoryInput,
  detectFormat,
} from '../../../properties/serializability/jepsen-format.ts';
import {
  checkJepsenFile,
  parseJepsenHistory,
} from '../../../properties/serializability/jepsen-history.ts';

const FIXTURES = fs
  .readdirSync('test/fixtures/jepsen')
  .filter((f) => !/(?<!\.elle)\.jsonl$/.test(f))
  .map((f) => fs.readFileSync(`test/fixtures/jepsen/${f}`, 'utf8'));

/** Runs `read`, which may only throw a HistoryFileError with a one-line message. */
function onlyFileErrors(read: () => unknown): void {
  try {
    read();
  } catch (e) {
    expect(e).toBeInstanceOf(HistoryFileError);
    expect((e as Error).message).not.toMatch(/[\n\r]/);
  }
}

function everyReader(input: string | Uint8Array): void {
  for (const format of ['edn', 'elle-json'] as const) {
    onlyFileErrors(() => checkJepsenFile(input, format));
  }
  for (const name of ['h.edn', 'h.json']) {
    expect(['jsonl', 'edn', 'elle-json']).toContain(detectFormat(name, input));
    onlyFileErrors(() => checkHistoryInput(name, input, 'auto'));
  }
}

/** Characters that matter to the EDN and JSON readers, and some that do not. */
const SIGNIFICANT = fc.constantFrom(
  ...'[]{}()"\\;#_:,. \n\t0123456789-+NMexnil/'.split(''),
  'nil',
  ':r',
  ':append',
  '9007199254740993',
  '#{',
  '#_',
  '\\u00',
  '\ufeff',
);

const mutation = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.nat(6) }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.nat(),
    text: fc.string({ unit: SIGNIFICANT, maxLength: 4 }),
  }),
  fc.record({
    kind: fc.constant('copy' as const),
    at: fc.nat(),
    from: fc.nat(),
    length: fc.nat(40),
  }),
);

type Mutation = typeof mutation extends fc.Arbitrary<infer M> ? M : never;

function mutate(text: string, m: Mutation): string {
  const at = m.at % (text.length + 1);
  if (m.kind === 'delete') return text.slice(0, at) + text.slice(at + m.length);
  if (m.kind === 'insert') return text.slice(0, at) + m.text + text.slice(at);
  const from = m.from % (text.length + 1);
  return text.slice(0, at) + text.slice(from, from + m.length) + text.slice(at);
}

describe('Jepsen readers, fuzzed', () => {
  test.prop([fc.uint8Array({ maxLength: 300 })], { numRuns: 300 })('arbitrary bytes', everyReader);

  test.prop([fc.string({ unit: SIGNIFICANT, maxLength: 80 })], { numRuns: 500 })(
    'strings of significant characters',
    everyReader,
  );

  test.prop([fc.nat(FIXTURES.length - 1), fc.array(mutation, { minLength: 1, maxLength: 4 })], {
    numRuns: 1000,
  })('mutated fixtures', (which, mutations) => {
    everyReader(mutations.reduce(mutate, FIXTURES[which]!));
  });
});

/** A random list-append history of completed transactions, written both ways. */
const txn = fc.record({
  process: fc.nat(3),
  type: fc.constantFrom('ok', 'fail', 'info'),
  ops: fc.array(
    fc.oneof(
      fc.tuple(fc.constant('append'), fc.constantFrom('x', 'y'), fc.maxSafeInteger()),
      fc.tuple(fc.constant('r'), fc.constantFrom('x', 'y'), fc.array(fc.nat(9), { maxLength: 3 })),
    ),
    { maxLength: 3 },
  ),
});

describe('Jepsen readers agree', () => {
  test.prop([fc.array(txn, { minLength: 1, maxLength: 6 })], { numRuns: 200 })(
    'an EDN history and its elle-cli JSON give the same records',
    (txns) => {
      const ednOps: string[] = [];
      const jsonOps: unknown[] = [];
      let index = 0;
      for (const t of txns) {
        for (const type of ['invoke', t.type]) {
          const value = t.ops.map(([f, k, v]) =>
            f === 'r' && type === 'invoke' ? ['r', k, null] : [f, k, v],
          );
          const ednValue = value
            .map(
              ([f, k, v]) =>
                `[:${String(f)} :${String(k)} ${v === null ? 'nil' : JSON.stringify(v).replace(/,/g, ' ')}]`,
            )
            .join(' ');
          ednOps.push(
            `{:type :${type}, :f :txn, :value [${ednValue}], :process ${t.process}, :index ${index}}`,
          );
          jsonOps.push({ type, f: 'txn', value, process: t.process, index });
          index++;
        }
      }
      const fromEdn = parseJepsenHistory(`[${ednOps.join('\n')}]`, 'edn');
      const fromJson = parseJepsenHistory(JSON.stringify(jsonOps), 'elle-json');
      expect(fromEdn.records).toEqual(fromJson.records);
      expect(fromEdn.records).toHaveLength(txns.length);
    },
  );
});
