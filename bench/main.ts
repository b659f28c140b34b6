/**
 * `npm run bench`: the figures the issues ask for, as medians over several runs (the machine is
 * noisy; the spread is printed too). Never asserted in tests.
 */
import os from 'node:os';
import Table from 'cli-table3';
import { protocols } from '../models/index.ts';
import { benchRandom, benchShrink } from './random-engine.ts';
import { fmt } from './stats.ts';

const quick = process.argv.includes('--quick');
const repeats = quick ? 3 : 5;
const runs = quick ? 1000 : 3000;
const compact = {
  chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
  style: { head: [], border: [] },
};

console.log(
  `groupcheck bench: node ${process.version}, ${os.cpus().length} cores (${os.cpus()[0]?.model ?? '?'})`,
);
console.log(
  `random engine: median of ${repeats} explorations of ${runs} scenarios each, fresh memo, after a warm-up\n`,
);

const speed = new Table({
  head: ['protocol', 'variant', 'nodes', 'world steps/s', '(min-max)', 'scenarios/s', 'memo hits'],
  colAligns: ['left', 'left', 'right', 'right', 'right', 'right', 'right'],
  ...compact,
});
for (const protocol of protocols) {
  for (const nodes of [3, 5].filter((n) => n >= protocol.nodes.min && n <= protocol.nodes.max)) {
    for (const row of benchRandom(protocol, nodes, runs, repeats)) {
      speed.push([
        row.protocol,
        row.variant,
        row.nodes,
        fmt(row.stepsPerSecond),
        row.spread,
        fmt(row.scenariosPerSecond),
        `${(row.memoShare * 100).toFixed(1)}%`,
      ]);
    }
  }
}
console.log(speed.toString());

const seeds = Array.from({ length: quick ? 5 : 9 }, (_, i) => i + 1);
console.log(
  `\nmutants: shrunk trace length over seeds ${seeds[0]}..${seeds[seeds.length - 1]} (default budget)\n`,
);
const shrink = new Table({
  head: ['protocol', 'mutant', 'breaks', 'median length', 'lengths', 'median scenarios to catch'],
  colAligns: ['left', 'left', 'left', 'right', 'left', 'right'],
  ...compact,
});
for (const protocol of protocols) {
  for (const row of benchShrink(protocol, seeds)) {
    shrink.push([
      row.protocol,
      row.variant,
      row.breaks,
      row.medianLength,
      row.lengths.join(' '),
      row.medianScenarios,
    ]);
  }
}
console.log(shrink.toString());
