/**
 * `npm run bench:schedulers`: scenarios to catch every mutant with each random scheduler (uniform,
 * PCT at depths 1 to 3, swarm testing), the median over seeds; a mutant a scheduler misses within
 * the budget counts as the budget plus one, and the misses are listed. Which wins where is read off
 * the table (the closing note of issue 16 summarises it).
 */
import Table from 'cli-table3';
import { protocols } from '../models/index.ts';
import type { Protocol } from '../models/kernel/protocol.ts';
import { runRandom, type RandomOptions } from '../checkers/random.ts';
import { runsAsScript } from './cli.ts';
import { median } from './stats.ts';

/** A scheduler configuration the bench compares. */
export interface SchedulerSetting {
  readonly label: string;
  readonly options: Pick<RandomOptions, 'scheduler' | 'depth' | 'swarm'>;
}

/** The settings compared, uniform first. */
export const SETTINGS: readonly SchedulerSetting[] = [
  { label: 'uniform', options: {} },
  { label: 'pct d=1', options: { scheduler: 'pct', depth: 1 } },
  { label: 'pct d=2', options: { scheduler: 'pct', depth: 2 } },
  { label: 'pct d=3', options: { scheduler: 'pct', depth: 3 } },
  { label: 'swarm', options: { swarm: true } },
  { label: 'pct d=2 + swarm', options: { scheduler: 'pct', depth: 2, swarm: true } },
];

/** Scenarios each setting needed to catch one mutant: the median over seeds and the misses. */
export interface CatchRow {
  readonly protocol: string;
  readonly mutant: string;
  /** Per setting, in `SETTINGS` order. */
  readonly medians: readonly number[];
  readonly misses: readonly number[];
}

/** Every mutant of `protocol` under every setting, `seeds` runs each with `budget` scenarios. */
export function benchCatch(
  protocol: Protocol,
  seeds: readonly number[],
  budget: number,
): CatchRow[] {
  return protocol.variants
    .filter((v) => v.breaks !== undefined)
    .map((variant) => {
      const perSetting = SETTINGS.map((s) =>
        seeds.map((seed) => {
          const r = runRandom(protocol, variant, { runs: budget, seed, ...s.options });
          return r.ok ? budget + 1 : r.runs;
        }),
      );
      return {
        protocol: protocol.name,
        mutant: variant.name,
        medians: perSetting.map(median),
        misses: perSetting.map((runs) => runs.filter((r) => r > budget).length),
      };
    });
}

if (runsAsScript(import.meta.url)) {
  const quick = process.argv.includes('--quick');
  const seeds = Array.from({ length: quick ? 3 : 7 }, (_, i) => i + 1);
  const budget = 2000;
  console.log(
    `scenarios to catch each mutant: median over seeds ${seeds[0]}..${seeds[seeds.length - 1]}, budget ${budget} (a miss counts ${budget + 1}; misses in brackets)\n`,
  );
  const table = new Table({
    head: ['protocol', 'mutant', ...SETTINGS.map((s) => s.label)],
    style: { head: [], border: [] },
  });
  const wins = SETTINGS.map(() => 0);
  for (const protocol of protocols) {
    for (const row of benchCatch(protocol, seeds, budget)) {
      const best = Math.min(...row.medians);
      row.medians.forEach((m, i) => {
        if (m === best) wins[i]!++;
      });
      table.push([
        row.protocol,
        row.mutant,
        ...row.medians.map((m, i) => (row.misses[i]! > 0 ? `${m} (${row.misses[i]})` : `${m}`)),
      ]);
    }
  }
  console.log(table.toString());
  console.log(
    `\nfewest scenarios (ties count for each): ${SETTINGS.map((s, i) => `${s.label} ${wins[i]}`).join(', ')}`,
  );
}
