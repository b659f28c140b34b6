import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cli, useTempFiles } from '../helpers.ts';

const tmp = useTempFiles();
const example = (name: string) => `examples/histories/${name}.jsonl`;

/** Writes `lines` as a history file and returns its path. */
function history(...lines: string[]): string {
  const file = tmp('history.jsonl');
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

/** Asserts the input-error contract: exit 2, one `groupcheck: ` line, no stack, nothing on stdout. */
function expectInputError(run: Awaited<ReturnType<typeof cli>>, mentions: RegExp): void {
  expect(run.code).toBe(2);
  expect(run.err).toHaveLength(1);
  expect(run.err[0]).toMatch(/^groupcheck: /);
  expect(run.err[0]).not.toMatch(/\n\s+at /);
  expect(run.err[0]).toMatch(mentions);
  expect(run.out).toEqual([]);
}

describe('groupcheck check-history: verdicts', () => {
  it.each(['list-append-valid', 'register-valid'])('accepts %s with exit 0', async (name) => {
    const run = await cli('check-history', '--model', 'serializable', example(name));
    expect(run.code).toBe(0);
    expect(run.err).toEqual([]);
    expect(run.out[1]).toBe('✓ serializable');
  });

  it('reports the anomalies of a list-append history with their cycles, exit 1', async () => {
    const run = await cli(
      'check-history',
      '--model',
      'serializable',
      example('list-append-anomalies'),
    );
    expect(run.code).toBe(1);
    expect(run.out).toEqual([
      `${example('list-append-anomalies')}: list-append history, 4 transactions (3 committed, 1 aborted), 3 dependency edges`,
      '✗ not serializable: 2 anomalies (G1a 1, G-single 1)',
      'strongest model: read-uncommitted (no invoke/complete times: real-time order not checked)',
      '  G1a (aborted read): t4 read z = [1]; t3 appended 1 to z and aborted',
      '  G-single: t1 -rw(x)-> t2 -wr(y)-> t1',
      '    t1 -rw(x)-> t2: t1 read x = []; t2 appended 1 to x, the next version',
      '    t2 -wr(y)-> t1: t2 appended 1 to y; t1 read y = [1]',
    ]);
  });

  it('reports write skew in a register history as G2-item', async () => {
    const run = await cli(
      'check-history',
      '--model',
      'serializable',
      example('register-write-skew'),
    );
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('G2-item: alice -rw(y)-> bob -rw(x)-> alice');
  });

  it('--json prints the verdict as one object', async () => {
    const run = await cli(
      'check-history',
      '--model',
      'serializable',
      '--json',
      example('register-write-skew'),
    );
    expect(run.code).toBe(1);
    const verdict = JSON.parse(run.stdout);
    expect(verdict).toMatchObject({
      model: 'serializable',
      style: 'rw-register',
      serializable: false,
      counts: { 'G2-item': 1 },
      strongest: 'snapshot-isolation',
    });
    expect(verdict.anomalies[0].cycle).toHaveLength(2);
  });

  it('counts every anomaly but prints at most 100', async () => {
    const lines = Array.from(
      { length: 120 },
      (_, i) => `{"status":"committed","ops":[["r","k${i}",[1]]]}`,
    );
    const run = await cli('check-history', '--model', 'serializable', history(...lines));
    expect(run.code).toBe(1);
    expect(run.out[1]).toBe('✗ not serializable: 120 anomalies (garbage-read 120)');
    expect(run.out.at(-1)).toBe('  … and 20 more');
  });
});

describe('groupcheck check-history: bad input', () => {
  it('names the malformed line of the example', async () => {
    const run = await cli('check-history', '--model', 'serializable', example('malformed'));
    expectInputError(
      run,
      /malformed\.jsonl:3: status: expected 'committed', 'aborted' or 'unknown'$/,
    );
  });

  it('names the line of the example with an integer beyond 2^53 − 1', async () => {
    const run = await cli('check-history', '--model', 'serializable', example('big-integer'));
    expectInputError(
      run,
      /big-integer\.jsonl:2: integer 9007199254740993 is beyond ±\(2\^53 − 1\) and would be read as 9007199254740992; write it as a string$/,
    );
  });

  it('reports a line that is not JSON with its number', async () => {
    const file = history('{"status":"committed","ops":[]}', '{"status":');
    expectInputError(
      await cli('check-history', '--model', 'serializable', file),
      /history\.jsonl:2: not JSON/,
    );
  });

  it('reports a line mixing styles with its number', async () => {
    const file = history(
      '{"status":"committed","ops":[["append","x",1]]}',
      '{"status":"committed","ops":[["r","x",[1]]]}',
      '{"status":"committed","ops":[["w","y",1]]}',
    );
    expectInputError(
      await cli('check-history', '--model', 'serializable', file),
      /history\.jsonl:3: mixes rw-register operations with the list-append ones of record 1$/,
    );
  });

  it('reports a repeated append and a repeated id on the second line', async () => {
    const append = history(
      '{"status":"committed","ops":[["append","x",1]]}',
      '{"status":"aborted","ops":[["append","x",1]]}',
    );
    expectInputError(
      await cli('check-history', '--model', 'serializable', append),
      /:2: element 1 is appended to x again \(first by record 1\)$/,
    );
    const id = history(
      '{"id":"a","status":"committed","ops":[]}',
      '',
      '{"id":"a","status":"committed","ops":[]}',
    );
    expectInputError(
      await cli('check-history', '--model', 'serializable', id),
      /:3: transaction id a is already used by record 1$/,
    );
  });

  it('refuses an empty history: a check pointed at the wrong file must not pass', async () => {
    const file = history('', '  ');
    expectInputError(
      await cli('check-history', '--model', 'serializable', file),
      /history\.jsonl: no transactions: the history is empty$/,
    );
  });

  it('refuses an integer beyond 2^53 − 1 with its line instead of rounding it', async () => {
    const file = history(
      '{"status":"committed","ops":[["w","x",9007199254740992]]}',
      '{"status":"committed","ops":[["r","x",9007199254740993]]}',
    );
    expectInputError(
      await cli('check-history', '--model', 'serializable', file),
      /history\.jsonl:1: integer 9007199254740992 is beyond ±\(2\^53 − 1\)/,
    );
  });

  it('refuses invalid UTF-8 with its line instead of reading U+FFFD', async () => {
    const file = tmp('latin1.jsonl');
    const line = (key: number[]) => [
      ...Buffer.from('{"status":"committed","ops":[["w","'),
      ...key,
      ...Buffer.from('",1]]}\n'),
    ];
    // Two different Latin-1 keys, é and è: decoded loosely, both would be the key "\ufffd".
    fs.writeFileSync(file, Uint8Array.from([...line([0x63]), ...line([0xe9]), ...line([0xe8])]));
    expectInputError(
      await cli('check-history', '--model', 'serializable', file),
      /latin1\.jsonl:2: not UTF-8: byte 36 of the line \(0xe9\)/,
    );
  });

  it('reads a UTF-8 file with a byte-order mark and Windows line ends', async () => {
    const file = tmp('bom.jsonl');
    fs.writeFileSync(file, '\ufeff{"status":"committed","ops":[["w","clé",1]]}\r\n');
    const run = await cli('check-history', '--model', 'serializable', file);
    expect(run.code).toBe(0);
  });

  it('names the line of an unknown operation', async () => {
    const file = history(
      '{"status":"committed","ops":[]}',
      '{"status":"committed","ops":[["cas","x",1]]}',
    );
    expectInputError(
      await cli('check-history', '--model', 'serializable', file),
      /history\.jsonl:2: ops\[0\]\[0\]: expected 'r', 'append' or 'w'$/,
    );
  });

  it('keeps an error on one line when the input holds a line break', async () => {
    const line = '{"id":"a\\nb","status":"committed","ops":[]}';
    expectInputError(
      await cli('check-history', '--model', 'serializable', history(line, line)),
      /history\.jsonl:2: transaction id a\\u000ab is already used by record 1$/,
    );
  });

  it('rejects a missing file', async () => {
    expectInputError(
      await cli('check-history', '--model', 'serializable', 'no/such/file.jsonl'),
      /cannot read no\/such\/file\.jsonl: ENOENT/,
    );
  });

  it('requires --model and knows only serializable and linearizable', async () => {
    const missing = await cli('check-history', example('register-valid'));
    expect(missing.code).toBe(2);
    expect(missing.err).toHaveLength(1);
    expect(missing.err[0]).toMatch(/^groupcheck: required option '--model <model>' not specified/);
    const unknown = await cli('check-history', '--model', 'sequential', example('register-valid'));
    expect(unknown.code).toBe(2);
    expect(unknown.err).toHaveLength(1);
    expect(unknown.err[0]).toMatch(/sequential.*serializable, linearizable/);
  });
});
