import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { describe, expect, it } from 'vitest';
import { main } from '../../../checkers/cli.ts';
import { cli, useTempFiles } from '../helpers.ts';

const tmp = useTempFiles();
const root = path.resolve(import.meta.dirname, '../../..');
const example = (name: string) => `examples/histories/${name}.jsonl`;

/** Runs `groupcheck ...argv` in-process with `input` as standard input. */
async function withStdin(input: string | Uint8Array, ...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, {
    out: (line) => out.push(stripVTControlCharacters(line)),
    err: (line) => err.push(stripVTControlCharacters(line)),
    stdin: () => (typeof input === 'string' ? new TextEncoder().encode(input) : input),
  });
  return { code, out, err, stdout: out.join('\n') };
}

/** A register history with `n` aborted reads (G1a): more than the text output keeps. */
function manyAnomalies(n: number): string {
  const lines: string[] = [];
  for (let i = 0; i < n; i++) {
    lines.push(JSON.stringify({ id: `w${i}`, status: 'aborted', ops: [['w', `k${i}`, 1]] }));
    lines.push(JSON.stringify({ id: `r${i}`, status: 'committed', ops: [['r', `k${i}`, 1]] }));
  }
  return `${lines.join('\n')}\n`;
}

describe('check-history --json: one versioned shape, every anomaly', () => {
  it('keeps every anomaly in JSON; the text output stops at 100', async () => {
    const file = tmp('many.jsonl');
    fs.writeFileSync(file, manyAnomalies(150));
    const json = await cli('check-history', '--model', 'serializable', '--json', file);
    expect(json.code).toBe(1);
    const verdict = JSON.parse(json.stdout);
    expect(verdict).toMatchObject({ version: 1, model: 'serializable', file, format: 'jsonl' });
    expect(verdict.counts).toEqual({ G1a: 150 });
    expect(verdict.anomalies).toHaveLength(150);
    expect(json.err).toEqual(['✗ not serializable: 150 anomalies (G1a 150)']);

    const text = await cli('check-history', '--model', 'serializable', file);
    expect(text.out.filter((l) => l.startsWith('  G1a'))).toHaveLength(100);
    expect(text.out.at(-1)).toBe('  … and 50 more');
  });

  it('has the same keys whatever the verdict, and stdout is the object alone', async () => {
    const keys = async (name: string) => {
      const run = await cli('check-history', '--model', 'serializable', '--json', example(name));
      expect(run.out).toHaveLength(1);
      expect(run.err).toHaveLength(1);
      return Object.keys(JSON.parse(run.stdout)).sort();
    };
    expect(await keys('register-valid')).toEqual(await keys('list-append-anomalies'));
    expect(await keys('register-valid')).toEqual(
      [
        'version',
        'file',
        'model',
        'format',
        'style',
        'serializable',
        'strongest',
        'realtime',
        'transactions',
        'committed',
        'aborted',
        'edges',
        'anomalies',
        'counts',
      ].sort(),
    );
  });
});

describe('- reads standard input', () => {
  it('check-history -: the format is sniffed from the contents', async () => {
    const jsonl = fs.readFileSync(example('list-append-anomalies'));
    const run = await withStdin(jsonl, 'check-history', '--model', 'serializable', '-');
    expect(run.code).toBe(1);
    expect(run.out[0]).toMatch(/^<stdin>: list-append history, 4 transactions/);

    const edn = fs.readFileSync('test/fixtures/jepsen/lost-update.edn');
    const json = await withStdin(edn, 'check-history', '--model', 'serializable', '--json', '-');
    expect(JSON.parse(json.stdout)).toMatchObject({ file: '<stdin>', format: 'edn' });
  });

  it('bad input on stdin: one line naming <stdin> and its line, exit 2', async () => {
    const bad = fs.readFileSync(example('malformed'));
    const run = await withStdin(bad, 'check-history', '--model', 'serializable', '-');
    expect(run.code).toBe(2);
    expect(run.out).toEqual([]);
    expect(run.err).toEqual([
      "groupcheck: <stdin>:3: status: expected 'committed', 'aborted' or 'unknown'",
    ]);
    const empty = await withStdin('', 'check-history', '--model', 'serializable', '-');
    expect(empty.code).toBe(2);
    expect(empty.err).toEqual(['groupcheck: <stdin>: no transactions: the history is empty']);
  });

  it('replay -: a trace from stdin; garbage is one line, exit 2', async () => {
    const trace = tmp();
    const made = await cli(
      'check',
      'total-order',
      '--variant',
      'lamport-no-wait',
      '--runs',
      '200',
      '--trace-out',
      trace,
    );
    expect(made.code).toBe(1);
    const run = await withStdin(fs.readFileSync(trace), 'replay', '-', '--format', 'mermaid');
    expect(run.code).toBe(1);
    expect(run.out[0]).toMatch(/^sequenceDiagram/);
    expect(run.err.at(-1)).toMatch(/^reproduced: total-order at step \d+$/);

    const bad = await withStdin('{"format":', 'replay', '-');
    expect(bad.code).toBe(2);
    expect(bad.out).toEqual([]);
    expect(bad.err).toHaveLength(1);
    expect(bad.err[0]).toMatch(/^groupcheck: <stdin> is not JSON: /);
  });

  it('a child process reads the history piped to its standard input', async () => {
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        'test/checkers/commands/cli-from-source.ts',
        'check-history',
        '--model',
        'serializable',
        '--json',
        '-',
      ],
      { cwd: root, stdio: ['pipe', 'pipe', 'pipe'] },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdin.end(fs.readFileSync(example('register-write-skew')));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code).toBe(1);
    expect(JSON.parse(stdout)).toMatchObject({
      version: 1,
      file: '<stdin>',
      counts: { 'G2-item': 1 },
    });
    expect(stripVTControlCharacters(stderr).trim()).toBe(
      '✗ not serializable: 1 anomaly (G2-item 1)',
    );
  });
});
