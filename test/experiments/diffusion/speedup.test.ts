import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { diffusionExperiments } from '../../../experiments/diffusion/index.ts';
import { diffusionReport, measure, workload } from '../../../experiments/diffusion/speedup.ts';
import { Rng } from '../../../experiments/rng.ts';

const small = { seed: 3, maxWorkers: 4, requests: 12, trials: 2 };

describe('diffusion performance experiment', () => {
  it('is deterministic for a seed, and another seed changes it', () => {
    const a = diffusionReport(small);
    expect(diffusionReport(small)).toEqual(a);
    expect(diffusionReport({ ...small, seed: 4 }).table).not.toBe(a.table);
  });

  it('refuses bad options with a clear message', () => {
    expect(() => measure({ ...small, maxWorkers: 0 })).toThrow(/a server group needs a worker/);
    expect(() => measure({ ...small, crashRate: 1 })).toThrow(/at most 0.01/);
  });

  it('draws a workload with a tail of large requests', () => {
    const sizes = workload(new Rng(1), 500).map((r) => r.length);
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(20);
    expect(sizes.filter((s) => s >= 200).length).toBeGreaterThan(20);
  });

  it('measures every mode at 1..maxWorkers; without faults, more workers finish sooner', () => {
    const { serial, measures } = measure(small);
    expect(measures).toHaveLength(4 * 4);
    const clean = measures.filter((m) => m.mode.includes('no crash'));
    expect(clean.map((m) => m.workers)).toEqual([1, 2, 3, 4]);
    for (let i = 1; i < clean.length; i++) {
      expect(clean[i]!.makespan).toBeLessThan(clean[i - 1]!.makespan);
    }
    expect(clean[0]!.makespan).toBeGreaterThanOrEqual(serial);
  });

  it('writes makespan, speed-up and re-dispatch files and the table where it is told', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'diffusion-'));
    const experiments = diffusionExperiments({ ...small, out: dir });
    expect(experiments.map((e) => e.name)).toEqual([
      'diffusion-makespan',
      'diffusion-speedup',
      'diffusion-redispatches',
    ]);
    for (const e of experiments) expect(e.series.length).toBeLessThanOrEqual(4);
    expect(readdirSync(dir).sort()).toHaveLength(10);
    expect(readFileSync(path.join(dir, 'diffusion-table.md'), 'utf8')).toContain('| mode |');
  });
});
