/**
 * The duplicating-network yardstick on its own process (`npx tsx bench/commit-main.ts [--quick]`):
 * two-phase commit with 8 resource managers (1,354,782 states, 22.9M transitions), explored
 * exhaustively on one thread; distinct states per CPU second and peak resident memory per state
 * (frontier, store, parent pointers and the runtime all included), medians of several runs.
 */
import { runExhaustive } from '../checkers/exhaustive/search.ts';
import { fmt, median } from './stats.ts';
import { twoPhaseCommitProtocol as protocol } from './two-phase-commit.ts';

const quick = process.argv.includes('--quick');
const rms = quick ? 7 : 8;
const repeats = quick ? 1 : 3;
const rates: number[] = [];
let distinct = 0;
let transitions = 0;
for (let i = 0; i < repeats; i++) {
  const cpu = process.cpuUsage();
  const r = runExhaustive(protocol, protocol.variants[0]!, { params: { rms } });
  const used = process.cpuUsage(cpu);
  rates.push(r.distinct / ((used.user + used.system) / 1e6));
  distinct = r.distinct;
  transitions = r.transitions;
}
const rss = process.resourceUsage().maxRSS * 1024;
console.log(
  `\ntwo-phase commit, ${rms} resource managers, duplicating network (${fmt(distinct)} states, ${fmt(transitions)} transitions): ` +
    `${fmt(median(rates))} distinct states per CPU second (median of ${repeats}), peak RSS ${Math.round(rss / 1e6)} MB = ${Math.round(rss / distinct)} bytes per state`,
);
