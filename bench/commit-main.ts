/**
 * The duplicating-network yardstick on its own (`npx tsx bench/commit-main.ts [--quick]
 * [--strategy bfs|dfs]`): two-phase commit with 8 resource managers (1,354,782 states, 22.9M
 * transitions), explored exhaustively on one thread, safety only. Each search runs in a process
 * of its own (a peak is a high-water mark: a second search in the same process would start on the
 * first one's garbage), after a small one that warms the code up, several of them; printed are the medians of distinct states per CPU second
 * and of peak resident memory per state: all of it (the runtime and the loaded modules included),
 * and the search's own share (peak minus the resident size before the search: store, frontier or
 * stack, parent pointers, interned states and memo, and the heap the search grew).
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { runExhaustive } from '../checkers/exhaustive/search.ts';
import { fmt, median } from './stats.ts';
import { twoPhaseCommitProtocol as protocol } from './two-phase-commit.ts';

/** What one search in its own process measured. */
interface Sample {
  readonly distinct: number;
  readonly transitions: number;
  readonly rate: number;
  readonly before: number;
  readonly peak: number;
}

const quick = process.argv.includes('--quick');
const at = process.argv.indexOf('--strategy');
const strategy = at < 0 ? 'bfs' : process.argv[at + 1];
if (strategy !== 'bfs' && strategy !== 'dfs') {
  console.error(`--strategy is bfs or dfs, not ${String(strategy)}`);
  process.exit(2);
}
const rms = quick ? 7 : 8;

if (process.argv.includes('--one')) {
  // The child: a small search to warm the code up (a user's search of a million states runs
  // compiled code but for its first moments), then the one measured, its figures as one line of
  // JSON.
  runExhaustive(protocol, protocol.variants[0]!, { params: { rms: 5 }, strategy, liveness: false });
  const before = process.memoryUsage.rss();
  const cpu = process.cpuUsage();
  const r = runExhaustive(protocol, protocol.variants[0]!, {
    params: { rms },
    strategy,
    liveness: false,
  });
  const used = process.cpuUsage(cpu);
  const sample: Sample = {
    distinct: r.distinct,
    transitions: r.transitions,
    rate: r.distinct / ((used.user + used.system) / 1e6),
    before,
    peak: process.resourceUsage().maxRSS * 1024,
  };
  console.log(JSON.stringify(sample));
} else {
  const repeats = quick ? 1 : 5;
  const script = fileURLToPath(import.meta.url);
  const samples: Sample[] = [];
  for (let i = 0; i < repeats; i++) {
    const args = [...process.execArgv, script, '--one', '--strategy', strategy];
    const child = spawnSync(process.execPath, quick ? [...args, '--quick'] : args, {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    if (child.status !== 0) {
      console.error(`the yardstick's search exited with ${String(child.status)}`);
      process.exit(1);
    }
    samples.push(JSON.parse(child.stdout.trim().split('\n').pop()!) as Sample);
  }
  const { distinct, transitions } = samples[0]!;
  const peak = median(samples.map((s) => s.peak));
  const own = samples.map((s) => (s.peak - s.before) / distinct);
  const before = median(samples.map((s) => s.before));
  console.log(
    `\ntwo-phase commit, ${rms} resource managers, duplicating network, ${strategy === 'bfs' ? 'breadth' : 'depth'}-first (${fmt(distinct)} states, ${fmt(transitions)} transitions), ${repeats} searches, each in its own process: ` +
      `${fmt(median(samples.map((s) => s.rate)))} distinct states per CPU second (median), peak RSS ${Math.round(peak / 1e6)} MB = ${Math.round(peak / distinct)} bytes per state (median), ` +
      `${Math.round(median(own))} of them the search's (${Math.round(Math.min(...own))}-${Math.round(Math.max(...own))}; ${Math.round(before / 1e6)} MB resident before it)`,
  );
}
