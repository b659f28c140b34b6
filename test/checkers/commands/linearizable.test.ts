import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cli, useTempFiles } from '../helpers.ts';

const tmp = useTempFiles();

/** Writes Porcupine/Jepsen-style JSON ops, one per line, and returns the file. */
function ops(...list: Record<string, unknown>[]): string {
  const file = tmp('history.json');
  fs.writeFileSync(file, `${list.map((o) => JSON.stringify(o)).join('\n')}\n`);
  return file;
}
const inv = (process: number, f: string, value: unknown = null) => ({
  type: 'invoke',
  process,
  f,
  value,
});
const ok = (process: number, f: string, value: unknown = null) => ({
  type: 'ok',
  process,
  f,
  value,
});
const lin = (spec: string, ...rest: string[]) =>
  cli('check-history', '--model', 'linearizable', '--spec', spec, ...rest);

describe('check-history --model linearizable', () => {
  it('register: a read of a value never written is not linearizable (exit 1)', async () => {
    const file = ops(inv(0, 'write', 1), ok(0, 'write', 1), inv(1, 'read'), ok(1, 'read', 2));
    const run = await lin('register', file);
    expect(run.code).toBe(1);
    expect(run.err).toEqual([]);
    expect(run.out).toEqual([
      `${file}: 2 operations (0 pending) on 1 object, register spec`,
      '✗ not linearizable: operation line3 cannot be placed',
      "  smallest non-linearizable prefix: lines 1-4 (up to line3's answer)",
      '  line3 read → 2, with line1 write(1)',
    ]);
  });

  it('register: a stale read after a completed write is caught; a concurrent one is not', async () => {
    const stale = ops(
      inv(0, 'write', 1),
      ok(0, 'write', 1),
      inv(1, 'write', 2),
      ok(1, 'write', 2),
      inv(2, 'read'),
      ok(2, 'read', 1),
    );
    expect((await lin('register', stale)).code).toBe(1);
    const concurrent = ops(
      inv(0, 'write', 1),
      ok(0, 'write', 1),
      inv(1, 'write', 2),
      inv(2, 'read'),
      ok(2, 'read', 1),
      ok(1, 'write', 2),
      inv(2, 'cas', [2, 3]),
      { type: 'fail', process: 2, f: 'cas', value: [2, 3] },
      inv(0, 'cas', [2, 4]),
      ok(0, 'cas', [2, 4]),
      inv(1, 'read'),
      ok(1, 'read', 4),
    );
    const run = await lin('register', concurrent);
    expect(run.out.at(-1)).toBe('✓ linearizable');
    expect(run.code).toBe(0);
  });

  it('register: a pending (info) write may explain a later read', async () => {
    const file = ops(
      inv(0, 'write', 7),
      { type: 'info', process: 0, f: 'write', value: 7 },
      inv(1, 'read'),
      ok(1, 'read', 7),
    );
    const run = await lin('register', file);
    expect(run.code).toBe(0);
    expect(run.out[0]).toMatch(/2 operations \(1 pending\)/);
  });

  it('counter: reads must be a sum of the adds around them', async () => {
    const good = ops(
      inv(0, 'add', 1),
      inv(1, 'add', 2),
      inv(2, 'read'),
      ok(2, 'read', 2),
      ok(0, 'add', 1),
      ok(1, 'add', 2),
      inv(2, 'read'),
      ok(2, 'read', 3),
    );
    expect((await lin('counter', good)).code).toBe(0);
    const bad = ops(inv(0, 'add', 1), ok(0, 'add', 1), inv(1, 'read'), ok(1, 'read', 0));
    const run = await lin('counter', '--json', bad);
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout)).toEqual({
      version: 1,
      file: bad,
      model: 'linearizable',
      spec: 'counter',
      format: 'elle-json',
      operations: 2,
      pending: 0,
      objects: 1,
      linearizable: false,
      violation: {
        op: 'line3',
        line: 4,
        ops: ['line3', 'line1'],
        nodes: [0, 1],
        message: 'line3 read → 0, with line1 add(1)',
      },
    });
    expect(run.err).toEqual(['✗ not linearizable']);
  });

  it('kv: the JSON-lines observations of the library, keys checked apart', async () => {
    const run = await lin('kv', 'examples/histories/linearizability/kv-lost-increment.jsonl');
    expect(run.code).toBe(1);
    expect(run.out.at(-1)).toBe('  c incr(x) → 1, with a incr(x) → 1, b read(x) → 1');
    const file = ops(
      { type: 'invoke', process: 0, f: 'write', key: 'x', value: 1 },
      { type: 'invoke', process: 1, f: 'write', key: 'y', value: 2 },
      { type: 'ok', process: 0, f: 'write', key: 'x', value: 1 },
      { type: 'ok', process: 1, f: 'write', key: 'y', value: 2 },
      { type: 'invoke', process: 0, f: 'read', key: 'y' },
      { type: 'ok', process: 0, f: 'read', key: 'y', value: 2 },
    );
    const good = await lin('kv', file);
    expect(good.code).toBe(0);
    expect(good.out[0]).toMatch(/3 operations \(0 pending\) on 2 objects, kv spec$/);
  });

  it('reads Jepsen EDN, skipping the nemesis', async () => {
    const file = tmp('history.edn');
    fs.writeFileSync(
      file,
      [
        '{:type :invoke, :f :write, :value 1, :process 0, :index 0}',
        '{:type :info, :f :start-partition, :value nil, :process :nemesis, :index 1}',
        '{:type :ok, :f :write, :value 1, :process 0, :index 2}',
        '{:type :invoke, :f :read, :value nil, :process 1, :index 3}',
        '{:type :ok, :f :read, :value 0, :process 1, :index 4}',
        '',
      ].join('\n'),
    );
    const run = await lin('register', file);
    expect(run.code).toBe(1);
    expect(run.out.at(-1)).toBe('  op3 read → 0, with op0 write(1)');
  });

  it.each([
    [
      [{ type: 'ok', process: 0, f: 'read', value: 1 }],
      /:1: process 0 completes an operation it never invoked$/,
    ],
    [
      [inv(0, 'read'), inv(0, 'read')],
      /:2: process 0 invokes again before its operation line1 completed$/,
    ],
    [[inv(0, 'frob')], /:1: unknown operation f "frob" \(not read, write or cas\)/],
    [[inv(0, 'cas', 1)], /:1: a cas needs a value \[expected, new\], not 1/],
    [[{ type: 'invoke', process: -1, f: 'read' }], /:1: process must be a non-negative integer/],
  ])('bad input %#: one line, exit 2', async (list, message) => {
    const run = await lin('register', ops(...list));
    expect(run.code).toBe(2);
    expect(run.out).toEqual([]);
    expect(run.err).toHaveLength(1);
    expect(run.err[0]).toMatch(/^groupcheck: .*history\.json/);
    expect(run.err[0]).toMatch(message);
  });

  it('needs --spec, and --spec only with it', async () => {
    const file = ops(inv(0, 'read'), ok(0, 'read'));
    const none = await cli('check-history', '--model', 'linearizable', file);
    expect(none.code).toBe(2);
    expect(none.err).toEqual([
      'groupcheck: --model linearizable needs --spec (register, counter, kv)',
    ]);
    const extra = await cli('check-history', '--model', 'serializable', '--spec', 'kv', file);
    expect(extra.code).toBe(2);
    expect(extra.err).toEqual(['groupcheck: --spec applies to --model linearizable only']);
    const counter = await lin('counter', ops(inv(0, 'read'), ok(0, 'read', 'x')));
    expect(counter.code).toBe(2);
    expect(counter.err[0]).toMatch(/:2: a read needs an integer value, not "x"/);
  });
});
