/**
 * `npm run bench:ab -- --base REV [--workload dfs|bfs|liveness|random] [--rounds N] [--runs N]`: is the
 * working tree faster than revision REV? On a shared machine whose speed moves by a third within
 * minutes, two benchmarks run one after the other cannot tell a 5% change from the weather. This
 * builds both (each into a temporary copy), then runs them in turns, a fresh process each, for
 * `rounds` rounds; each process runs the workload `runs` times and its figure is the median after
 * the first. It prints each build's median, in how many rounds the working tree won, and the
 * median ratio of the two processes of a round (they shared that round's load). Never asserted.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Table from 'cli-table3';
import { abOptions, compareBuilds, processFigure, type AbWorkload } from './ab-stats.ts';
import { fmt } from './stats.ts';

const root = path.resolve(import.meta.dirname, '..');
const options = abOptions(process.argv.slice(2));
if (typeof options === 'string') {
  console.error(`bench:ab: ${options}`);
  process.exit(2);
}
const git = (args: readonly string[]) =>
  spawnSync('git', args, { cwd: root, encoding: 'utf8', maxBuffer: 1 << 26 });
const revision = git(['rev-parse', '--verify', '--quiet', `${options.base}^{commit}`]);
if (revision.status !== 0) {
  console.error(`bench:ab: '${options.base}' is not a revision of this repository`);
  process.exit(2);
}
const commit = revision.stdout.trim().slice(0, 12);
/** What a build reads: the sources the engines are compiled from, and the compiler's settings. */
const SOURCES = ['models', 'checkers', 'properties', 'experiments', 'index.ts', 'package.json'];
const TSCONFIGS = ['tsconfig.json', 'tsconfig.build.json'];
const unit: Record<AbWorkload, string> = {
  dfs: 'distinct states/s, depth-first',
  bfs: 'distinct states/s, breadth-first',
  liveness: 'graph states/s, liveness pass',
  random: 'world steps/s, random',
};

/** Compiles the copy in `dir` (node_modules linked to this repository's), or exits saying why. */
function build(dir: string, label: string): string {
  fs.symlinkSync(path.join(root, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  const r = finished(
    spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json', '--declaration', 'false'], {
      cwd: dir,
      encoding: 'utf8',
    }),
  );
  if (r.status !== 0) {
    const first = `${r.stdout}${r.stderr}`.trim().split('\n')[0] ?? '';
    throw new Error(`the build of ${label} failed: ${first}`);
  }
  return path.join(dir, 'dist');
}

/** The working tree's sources (tracked or not, unless ignored), copied into `dir`. */
function copyWorkingTree(dir: string): void {
  const files = git(['ls-files', '-co', '--exclude-standard', '--', ...SOURCES, ...TSCONFIGS]);
  for (const file of files.stdout.split('\n').filter((f) => f !== '')) {
    if (!fs.existsSync(path.join(root, file))) continue; // deleted, not yet staged
    fs.mkdirSync(path.join(dir, path.dirname(file)), { recursive: true });
    fs.copyFileSync(path.join(root, file), path.join(dir, file));
  }
}

/** Revision `rev`'s sources, as `git archive` gives them, unpacked into `dir`. */
function copyRevision(rev: string, dir: string): void {
  fs.mkdirSync(dir, { recursive: true });
  const archive = spawnSync('git', ['archive', rev, '--', ...SOURCES, ...TSCONFIGS], {
    cwd: root,
    maxBuffer: 1 << 28,
  });
  if (archive.status !== 0) throw new Error(`git archive ${rev} failed`);
  const tar = spawnSync('tar', ['-x', '-C', dir], { input: archive.stdout });
  if (tar.status !== 0) throw new Error(`unpacking ${rev} failed`);
}

/** One process of a build: the probe's figure for it. */
function probe(dist: string, workload: AbWorkload, runs: number): number {
  const r = finished(
    spawnSync(
      process.execPath,
      ['--import', 'tsx', path.join(root, 'bench', 'ab-probe.ts'), dist, workload, String(runs)],
      { cwd: root, encoding: 'utf8' },
    ),
  );
  if (r.status !== 0) throw new Error(`a probe of ${dist} failed: ${r.stderr.trim()}`);
  return processFigure((JSON.parse(r.stdout) as { rates: number[] }).rates);
}

/** Thrown when Ctrl-C stopped a child: the scratch copies are removed before the exit. */
class Interrupted extends Error {}
/** The child `r` ran to its end, or `Interrupted` if Ctrl-C stopped it. */
function finished<T extends { signal: NodeJS.Signals | null }>(r: T): T {
  if (r.signal === 'SIGINT' || r.signal === 'SIGTERM') throw new Interrupted('interrupted');
  return r;
}
// Ctrl-C reaches the child running now, which stops; this process stays to clean up after it.
process.on('SIGINT', () => {});
process.on('SIGTERM', () => {});

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'groupcheck-ab-'));
try {
  const work = path.join(scratch, 'work');
  const base = path.join(scratch, 'base');
  copyWorkingTree(work);
  copyRevision(commit, base);
  console.log(`bench:ab: building the working tree (A) and ${commit} (B)`);
  const dists = { a: build(work, 'the working tree'), b: build(base, commit) };
  const { workload, rounds, runs } = options;
  console.log(
    `${unit[workload]}: ${rounds} rounds of one process per build, in turns (who goes first ` +
      `alternates); a process's figure is the median of its ${runs} runs after the first\n`,
  );
  const a: number[] = [];
  const b: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 === 0 ? (['a', 'b'] as const) : (['b', 'a'] as const);
    for (const build of order) (build === 'a' ? a : b).push(probe(dists[build], workload, runs));
    console.log(`round ${round + 1}: A ${fmt(a[round]!)}  B ${fmt(b[round]!)}`);
  }
  const c = compareBuilds(a, b);
  const table = new Table({
    head: ['build', 'median', '(min-max)', 'rounds won', 'A / B, median of rounds', 'p (sign)'],
    colAligns: ['left', 'right', 'right', 'right', 'right', 'right'],
  });
  const spread = (xs: number[]) => `${fmt(Math.min(...xs))}-${fmt(Math.max(...xs))}`;
  table.push(
    [
      'A: working tree',
      fmt(c.a),
      spread(a),
      `${c.aWins} of ${c.rounds}`,
      c.ratio.toFixed(3),
      c.p.toFixed(3),
    ],
    [`B: ${commit}`, fmt(c.b), spread(b), `${c.rounds - c.aWins} of ${c.rounds}`, '', ''],
  );
  console.log(`\n${table.toString()}`);
} catch (e) {
  console.error(`bench:ab: ${(e as Error).message}`);
  process.exitCode = e instanceof Interrupted ? 130 : 1;
} finally {
  fs.rmSync(scratch, { recursive: true, force: true });
}
