/**
 * `npm run bench:startup`: how long the command takes to start, as the median wall time of five
 * runs of `node bin/groupcheck.js ARGS` (after one warm-up), next to bare `node` and next to the
 * sources run through tsx. Prints the load average too: a busy machine is slower. Never asserted.
 */
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { median, samples } from './stats.ts';

const root = path.resolve(import.meta.dirname, '..');
const repeats = 5;

/** The median and the spread of `repeats` runs of `node ARGS`, in seconds. */
function time(args: readonly string[]): { median: number; min: number; max: number } {
  const runs = samples(repeats, () => {
    const start = performance.now();
    const r = spawnSync(process.execPath, args, { cwd: root, stdio: 'ignore' });
    if (r.status !== 0) throw new Error(`node ${args.join(' ')} exited with ${r.status}`);
    return (performance.now() - start) / 1000;
  });
  return { median: median(runs), min: Math.min(...runs), max: Math.max(...runs) };
}

/** Whether bin/groupcheck.js runs dist/ (it prints a hint on stderr when it runs the sources). */
function mode(): string {
  const r = spawnSync(process.execPath, ['bin/groupcheck.js', '--version'], {
    cwd: root,
    encoding: 'utf8',
  });
  return r.stderr.includes('running from source')
    ? 'sources via tsx (dist/ missing or stale)'
    : 'dist/';
}

const fromSource = `import { register } from 'tsx/esm/api'; register();
const { main } = await import('./checkers/cli.ts'); process.exitCode = await main(process.argv.slice(1));`;
const rows: [string, readonly string[]][] = [
  ['node -e 0 (bare node)', ['-e', '0']],
  ['groupcheck --version', ['bin/groupcheck.js', '--version']],
  ['groupcheck --help', ['bin/groupcheck.js', '--help']],
  ['groupcheck list', ['bin/groupcheck.js', 'list']],
  ['sources via tsx: --help', ['--input-type=module', '-e', fromSource, '--', '--help']],
  ['sources via tsx: list', ['--input-type=module', '-e', fromSource, '--', 'list']],
];

const load = os.loadavg().map((x) => x.toFixed(2));
console.log(
  `groupcheck startup: node ${process.version}, ${os.cpus().length} cores, load ${load.join(' ')}`,
);
console.log(`bin/groupcheck.js runs ${mode()}; median of ${repeats} runs (min-max), seconds\n`);
for (const [label, args] of rows) {
  const t = time(args);
  console.log(
    `${label.padEnd(26)} ${t.median.toFixed(2)}  (${t.min.toFixed(2)}-${t.max.toFixed(2)})`,
  );
}
