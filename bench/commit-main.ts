/**
 * The duplicating-network yardstick on its own process (`npx tsx bench/commit-main.ts [--quick]
 * [--strategy bfs|dfs]`): two-phase commit with 8 resource managers (1,354,782 states, 22.9M
 * transitions), explored exhaustively on one thread, safety only; distinct states per CPU second
 * (median of several runs) and peak resident memory per state: all of it (the runtime and the
 * loaded modules included), and the search's own share (peak minus the resident size before the
 * first search: store, frontier or stack, parent pointers, interned states and memo).
 */
import { runExhaustive } from '../checkers/exhaustive/search.ts';
import { fmt, median } from './stats.ts';
import { twoPhaseCommitProtocol as protocol } from './two-phase-commit.ts';

const quick = process.argv.includes('--quick');
const at = process.argv.indexOf('--strategy');
const strategy = at < 0 ? 'bfs' : process.argv[at + 1];
if (strategy !== 'bfs' && strategy !== 'dfs') {
  console.error(`--strategy is bfs or dfs, not ${String(strategy)}`);
  process.exit(2);
}
const rms = quick ? 7 : 8;
const repeats = quick ? 1 : 3;
const rates: number[] = [];
let distinct = 0;
let transitions = 0;
const before = process.memoryUsage.rss();
for (let i = 0; i < repeats; i++) {
  const cpu = process.cpuUsage();
  const r = runExhaustive(protocol, protocol.variants[0]!, {
    params: { rms },
    strategy,
    liveness: false,
  });
  const used = process.cpuUsage(cpu);
  rates.push(r.distinct / ((used.user + used.system) / 1e6));
  distinct = r.distinct;
  transitions = r.transitions;
}
const rss = process.resourceUsage().maxRSS * 1024;
console.log(
  `\ntwo-phase commit, ${rms} resource managers, duplicating network, ${strategy === 'bfs' ? 'breadth' : 'depth'}-first (${fmt(distinct)} states, ${fmt(transitions)} transitions): ` +
    `${fmt(median(rates))} distinct states per CPU second (median of ${repeats}), peak RSS ${Math.round(rss / 1e6)} MB = ${Math.round(rss / distinct)} bytes per state, ` +
    `${Math.round((rss - before) / distinct)} of them the search's (${Math.round(before / 1e6)} MB resident before it)`,
);
