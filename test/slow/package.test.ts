/**
 * Publish-ready: a scratch project outside this repository installs the packed tarball, defines a
 * protocol with `defineProtocol()` and no casts (test/fixtures/scratch-project/), type-checks it,
 * checks it from the CLI and from its own vitest suite, and a planted bug fails with a trace that
 * `groupcheck replay` reproduces.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const fixture = path.join(root, 'test/fixtures/scratch-project');
const lock = JSON.parse(fs.readFileSync(path.join(root, 'package-lock.json'), 'utf8')) as {
  packages: Record<string, { version: string }>;
};
/** The version this repository installed, so the scratch install is served from npm's cache. */
const installed = (name: string) => lock.packages[`node_modules/${name}`]!.version;

let dir = '';

/** Runs a command in the scratch project; its exit code and output (colours stripped). */
function run(command: string, args: readonly string[]) {
  const r = spawnSync(command, args, {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
  });
  const text = (s: string | null) => stripVTControlCharacters(s ?? '');
  return { code: r.status, stdout: text(r.stdout), stderr: text(r.stderr) };
}
const groupcheck = (...args: string[]) =>
  run(process.execPath, [path.join(dir, 'node_modules/groupcheck/bin/groupcheck.js'), ...args]);
const vitest = (...args: string[]) =>
  run(process.execPath, [path.join(dir, 'node_modules/vitest/vitest.mjs'), 'run', ...args]);

/** The newest modification time of a file under `top` with one of `exts`. */
function newest(top: string, exts: RegExp): number {
  if (!fs.existsSync(top)) return 0;
  if (fs.statSync(top).isFile()) return fs.statSync(top).mtimeMs;
  let most = 0;
  for (const f of fs.readdirSync(top, { recursive: true }) as string[])
    if (exts.test(f)) most = Math.max(most, fs.statSync(path.join(top, f)).mtimeMs);
  return most;
}

beforeAll(() => {
  // `npm ci` builds dist/ (prepare); packing must not rebuild it under other running tests.
  const sources = ['models', 'checkers', 'properties', 'experiments', 'index.ts'].map((s) =>
    newest(path.join(root, s), /\.ts$/),
  );
  const built = newest(path.join(root, 'dist/checkers/cli.js'), /\.js$/);
  if (built < Math.max(...sources))
    throw new Error('dist/ is older than the sources: run `npm run build` first');
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'groupcheck-scratch-'));
  const packed = execFileSync(
    'npm',
    ['pack', '--json', '--ignore-scripts', '--pack-destination', dir],
    { cwd: root, encoding: 'utf8' },
  );
  const tarball = path.join(dir, (JSON.parse(packed) as { filename: string }[])[0]!.filename);
  for (const f of fs.readdirSync(fixture))
    fs.copyFileSync(path.join(fixture, f), path.join(dir, f));
  const devDependencies: Record<string, string> = { groupcheck: `file:${tarball}` };
  for (const name of ['vitest', 'fast-check', 'xstate', 'zod'])
    devDependencies[name] = installed(name);
  fs.writeFileSync(
    path.join(dir, 'package.json'),
    `${JSON.stringify({ name: 'scratch', private: true, type: 'module', devDependencies }, null, 2)}\n`,
  );
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline'], {
    cwd: dir,
    encoding: 'utf8',
  });
});

afterAll(() => {
  if (dir !== '') fs.rmSync(dir, { recursive: true, force: true });
});

describe('a scratch project that installs the packed tarball', () => {
  it('defines its protocol with no casts, and it type-checks against the declarations', () => {
    for (const f of ['relay.ts', 'buggy.ts', 'relay.spec.ts', 'buggy.spec.ts']) {
      const code = fs
        .readFileSync(path.join(dir, f), 'utf8')
        .replace(/\/\*[\s\S]*?\*\//g, '')
        .replace(/\/\/.*$/gm, '');
      // An `x as T` cast (an import's `* as fc` is no cast), or an angle-bracket one.
      expect(code, f).not.toMatch(/[\w)\]}'"]\s+as\s+(?!const\b)[\w{[(]/);
      expect(code, f).not.toMatch(/<(?:unknown|any)>/);
    }
    const tsc = run(process.execPath, [
      path.join(root, 'node_modules/typescript/bin/tsc'),
      '-p',
      dir,
    ]);
    expect(tsc.stdout + tsc.stderr).toBe('');
    expect(tsc.code).toBe(0);
  });

  it('checks it from the CLI with both engines, from the built code', () => {
    const r = groupcheck('check', './relay.ts', '--engine', 'all');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/relay\s+held\s+200 runs/);
    expect(r.stdout).toMatch(/relay\s+held\s+\d+ states/);
  });

  it('fails the planted bug with a trace that names its module and replays', () => {
    const r = groupcheck(
      'check',
      './buggy.ts',
      '--engine',
      'exhaustive',
      '--trace-out',
      'bug.json',
    );
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('integrity violated');
    const trace = JSON.parse(fs.readFileSync(path.join(dir, 'bug.json'), 'utf8')) as {
      module: string;
    };
    expect(trace.module).toBe('./buggy.ts');
    const replayed = groupcheck('replay', 'bug.json');
    expect(replayed.code).toBe(1);
    expect(replayed.stdout).toContain('reproduced: integrity');
  });

  it('runs its own vitest suite: the protocol passes, the planted bug fails with a replay command', () => {
    const good = vitest('relay.spec.ts');
    expect(good.stdout + good.stderr).toMatch(/Tests\s+2 passed/);
    expect(good.code).toBe(0);

    const bad = vitest('buggy.spec.ts');
    expect(bad.code).toBe(1);
    const output = bad.stdout + bad.stderr;
    expect(output).toContain('integrity violated');
    const file = /replay it: npx groupcheck replay (\S+)/.exec(output)?.[1];
    expect(file).toBeDefined();
    const replayed = groupcheck('replay', file!);
    expect(replayed.code).toBe(1);
    expect(replayed.stdout).toContain('reproduced: integrity');
  });
});
