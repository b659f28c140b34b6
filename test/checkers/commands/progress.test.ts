/**
 * Progress without a terminal: plain lines, one every interval (TLC style), never a redrawn bar;
 * with a terminal, the bar.
 */
import { describe, expect, it } from 'vitest';
import { progressLine, progressReporter } from '../../../checkers/commands/progress.ts';
import { checkCommand } from '../../../checkers/commands/check.ts';

/** A fake stderr that records what is written. */
function sink(isTTY: boolean) {
  const writes: string[] = [];
  return { writes, stream: { isTTY, columns: 100, write: (t: string) => (writes.push(t), true) } };
}

const plain = (writes: readonly string[]) => {
  const text = writes.join('');
  expect(text).not.toContain('\r');
  expect(text).not.toContain('\x1b');
  expect(text.endsWith('\n')).toBe(true);
  return text.trimEnd().split('\n');
};

describe('progress without a terminal', () => {
  it('random: a plain line per report once the interval has passed', () => {
    const { writes, stream } = sink(false);
    const progress = progressReporter('total-order/lamport', 1000, { stream, intervalMs: 0 });

    progress.update(50, 1200);
    progress.update(100, 2500);
    progress.stop();

    const lines = plain(writes);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(
      /^total-order\/lamport: 50\/1000 scenarios, 1200 world steps, \d+ steps\/s, \d+ s$/,
    );
  });

  it('random: nothing before the interval has passed, so a quick check prints no line', () => {
    const { writes, stream } = sink(false);
    const progress = progressReporter('x', 1000, { stream, intervalMs: 60_000 });

    progress.update(50, 1200);
    progress.update(100, 2500);
    progress.stop();

    expect(writes).toEqual([]);
  });

  it('exhaustive: states generated, distinct, queue, depth, rate', () => {
    const { writes, stream } = sink(false);
    const progress = progressLine('total-order/lamport', { stream, intervalMs: 0 });

    progress({ distinct: 16384, transitions: 60000, queue: 900, depth: 12 });
    progress(null);

    const lines = plain(writes);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^total-order\/lamport: 60000 states generated, 16384 distinct, queue 900, depth 12, \d+ distinct\/s, \d+ s$/,
    );
  });

  it('check prints such lines during a run', async () => {
    const { writes, stream } = sink(false);

    await checkCommand(
      {
        all: false,
        mutants: false,
        engines: ['random'],
        strategy: 'bfs',
        seed: 1,
        json: false,
        symmetry: false,
        exact: false,
        protocol: 'total-order',
        variant: 'sequencer',
        runs: 200,
      },
      { out: () => {}, err: () => {}, progress: { stream, intervalMs: 0 } },
    );

    const lines = plain(writes);
    expect(lines.length).toBeGreaterThanOrEqual(3);
    expect(lines[0]).toContain('scenarios');
  });
});

describe('progress on a terminal', () => {
  it('redraws a bar', () => {
    const { writes, stream } = sink(true);
    const progress = progressReporter('x', 1000, { stream, intervalMs: 0, ci: false });

    progress.update(50, 1200);
    progress.stop();

    const text = writes.join('');
    expect(text.includes('\r') || text.includes('\x1b[')).toBe(true);
  });

  it('in CI (the CI variable set), plain lines even on a terminal', () => {
    const { writes, stream } = sink(true);
    const progress = progressReporter('x', 1000, { stream, intervalMs: 0, ci: true });

    progress.update(50, 1200);
    progress.stop();

    expect(plain(writes)).toHaveLength(1);
  });
});
