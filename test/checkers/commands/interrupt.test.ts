/**
 * Ctrl-C during `check`: the search stops, the statistics so far and an incomplete verdict are
 * printed, the cursor is shown again, and the exit code is 130. In-process through the abort
 * signal, and once with a real SIGINT to a child process.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { describe, expect, it } from 'vitest';
import {
  checkCommand,
  EXIT_INTERRUPTED,
  type CheckOptions,
} from '../../../checkers/commands/check.ts';
import { useTempFiles } from '../helpers.ts';

const tmp = useTempFiles();
const root = path.resolve(import.meta.dirname, '../../..');

const base: CheckOptions = {
  all: false,
  mutants: false,
  engines: ['random'],
  strategy: 'bfs',
  seed: 1,
  json: false,
  symmetry: false,
  exact: false,
  protocol: 'total-order',
};

/** Runs `check` in-process and aborts it at its first progress report. */
async function interrupted(options: Partial<CheckOptions>, isTTY = false) {
  const controller = new AbortController();
  const out: string[] = [];
  const err: string[] = [];
  const progress: string[] = [];
  const code = await checkCommand(
    { ...base, ...options },
    {
      out: (line) => out.push(stripVTControlCharacters(line)),
      err: (line) => err.push(stripVTControlCharacters(line)),
      signal: controller.signal,
      progress: {
        stream: {
          isTTY,
          columns: 100,
          write: (text: string) => {
            progress.push(text);
            controller.abort();
            return true;
          },
        },
        intervalMs: 0,
        ci: false,
      },
    },
  );
  return { code, stdout: out.join('\n'), stderr: err.join('\n'), progress: progress.join('') };
}

describe('an interrupted check', () => {
  it('random: stops early, prints the figures so far and an incomplete verdict, exits 130', async () => {
    const run = await interrupted({ variant: 'lamport', runs: 1_000_000 });

    expect(EXIT_INTERRUPTED).toBe(130);
    expect(run.code).toBe(130);
    expect(run.stdout).not.toContain('every property held');
    expect(run.stdout).toMatch(/\? incomplete: interrupted\b.*\((\d+) scenarios, \d+ world steps/);
    const runs = Number(/\((\d+) scenarios/.exec(run.stdout)![1]);
    expect(runs).toBeGreaterThan(0);
    expect(runs).toBeLessThan(1_000_000);
  });

  it('exhaustive: stops early with the states so far, exits 130', async () => {
    // total-order / lamport has 186,113 states; progress first reports at 16,384.
    const run = await interrupted({ variant: 'lamport', engines: ['exhaustive'] });

    expect(run.code).toBe(130);
    expect(run.stdout).toMatch(/\? incomplete: interrupted/);
    const distinct = Number(/\((\d+) distinct states/.exec(run.stdout)![1]);
    expect(distinct).toBeGreaterThan(0);
    expect(distinct).toBeLessThan(186_113);
  });

  it('shows the cursor again after a progress bar hid it', async () => {
    const run = await interrupted({ variant: 'lamport', runs: 1_000_000 }, true);

    expect(run.code).toBe(130);
    const hidden = run.progress.lastIndexOf('\x1b[?25l');
    expect(hidden).toBeGreaterThanOrEqual(0);
    expect(run.progress.lastIndexOf('\x1b[?25h')).toBeGreaterThan(hidden);
  });

  it('--all: stops after the interrupted check and says how many ran', async () => {
    const run = await interrupted({
      protocol: undefined,
      all: true,
      runs: 1_000_000,
    } as Partial<CheckOptions>);

    expect(run.code).toBe(130);
    expect(run.stdout).toMatch(/interrupted after 1 of \d+ checks/);
  });

  it('--json says interrupted', async () => {
    const run = await interrupted({ variant: 'lamport', runs: 1_000_000, json: true });

    expect(run.code).toBe(130);
    const report = JSON.parse(run.stdout) as {
      interrupted: boolean;
      results: { complete: boolean; stopped: string }[];
    };
    expect(report.interrupted).toBe(true);
    expect(report.results[0]).toMatchObject({ complete: false, stopped: 'interrupted' });
  });

  it('a real SIGINT: the figures so far, an incomplete verdict, exit 130', async () => {
    const child = spawn(
      process.execPath,
      [
        path.join(root, 'bin/groupcheck.js'),
        'check',
        'total-order',
        '--variant',
        'lamport',
        '--runs',
        '100000000',
        '--trace-out',
        tmp(),
      ],
      {
        cwd: root,
        env: { ...process.env, GROUPCHECK_PROGRESS_MS: '0' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
      // The first progress line: the search is under way.
      if (stderr.includes('scenarios')) child.kill('SIGINT');
    });
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));

    expect(stripVTControlCharacters(stdout)).toMatch(
      /\? incomplete: interrupted\b.*\(\d+ scenarios/,
    );
    expect(code).toBe(130);
  });
});
