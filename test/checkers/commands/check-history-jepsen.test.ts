import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cli, useTempFiles } from '../helpers.ts';

const tmp = useTempFiles();
const fixture = (name: string) => `test/fixtures/jepsen/${name}`;
const check = (...args: string[]) => cli('check-history', '--model', 'serializable', ...args);

/** The report without its first line's file name. */
const body = (out: readonly string[]) => [out[0]!.replace(/^[^:]+: /, ''), ...out.slice(1)];

describe('groupcheck check-history: Jepsen histories', () => {
  it.each([
    ['lost-update', 1],
    ['g-single', 1],
    ['clean-register', 0],
  ])(
    '%s in EDN and elle-cli JSON (auto-detected) gets the verdict of its JSON-lines twin',
    async (name, code) => {
      const twin = await check(fixture(`${name}.jsonl`));
      expect(twin.code).toBe(code);
      for (const file of [
        `${name}.edn`,
        name === 'g-single' ? `${name}.elle.jsonl` : `${name}.json`,
      ]) {
        const run = await check(fixture(file));
        expect(run.code).toBe(code);
        expect(run.err).toEqual([]);
        expect(body(run.out)).toEqual(body(twin.out));
      }
    },
  );

  it('names the format in --json output, detected or given', async () => {
    const edn = await check('--json', fixture('g-single.edn'));
    expect(JSON.parse(edn.stdout)).toMatchObject({ format: 'edn', style: 'list-append' });
    const copy = tmp('history.txt');
    fs.copyFileSync(fixture('lost-update.json'), copy);
    const json = await check('--json', '--format', 'elle-json', copy);
    expect(JSON.parse(json.stdout)).toMatchObject({ format: 'elle-json', serializable: false });
    const auto = await check('--json', copy);
    expect(JSON.parse(auto.stdout)).toMatchObject({ format: 'elle-json' });
  });

  it('reads a file with --format edn whatever its name', async () => {
    const copy = tmp('history.json');
    fs.copyFileSync(fixture('clean-register.edn'), copy);
    expect((await check('--format', 'edn', copy)).code).toBe(0);
  });

  it.each([
    [
      '{:type :ok, :f :txn, :value [[:append :x 1]], :process 0}\n{:type :ok, :f :txn, :value [[:append :x 9007199254740993]], :process 1, :index 7}\n',
      /^groupcheck: \S+history\.edn:2: op 7: :value\[0\] element: the integer 9007199254740993, beyond ±\(2\^53 − 1\): expected an integer, a string or a keyword$/,
    ],
    [
      '{:type :ok, :f :read, :value 1, :process 0}\n',
      /history\.edn:1: :f "read" is not txn: only transaction histories are checked$/,
    ],
    ['{:type :ok, :value [[:r :x #{1}]], :process 0}', /history\.edn:1: :value\[0\] read: a set: /],
    ['[{:type :ok, :value [], :process 0}', /history\.edn:1: "\[" is never closed$/],
    [
      '{:type :info, :f :start, :process :nemesis}\n',
      /history\.edn: no transactions: the history has only nemesis ops \(1\)$/,
    ],
  ])('refuses bad EDN with one line and exit 2: %s', async (text, message) => {
    const file = tmp('history.edn');
    fs.writeFileSync(file, text);
    const run = await check(file);
    expect(run.code).toBe(2);
    expect(run.out).toEqual([]);
    expect(run.err).toHaveLength(1);
    expect(run.err[0]).toMatch(message);
  });

  it('refuses an unknown --format with exit 2', async () => {
    const run = await check('--format', 'yaml', fixture('g-single.edn'));
    expect(run.code).toBe(2);
    expect(run.err.join('\n')).toMatch(/yaml/);
    expect(run.out).toEqual([]);
  });

  it('says when a JSON-lines history is read as elle-cli JSON', async () => {
    const run = await check('--format', 'elle-json', fixture('g-single.jsonl'));
    expect(run.code).toBe(2);
    expect(run.err[0]).toMatch(/g-single\.jsonl:1: type must be .* use --format jsonl\)$/);
  });
});
