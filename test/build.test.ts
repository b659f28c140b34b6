/**
 * The build (`npm run build`, run by `npm ci` through `prepare`): tsc writes JavaScript and
 * declarations to dist/, the package's `exports` resolve to them (for Node and for TypeScript),
 * the command runs the built code, and `npm pack` ships dist/ but not the tests.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');
const dist = path.join(root, 'dist');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  version: string;
  exports: Record<string, string | { types: string; import: string }>;
};
/** The library entries of the exports map (not `./package.json`). */
const entries = Object.entries(pkg.exports).flatMap(([key, target]) =>
  typeof target === 'string' ? [] : [{ key, ...target }],
);
const specifier = (key: string) => `groupcheck${key.slice(1)}`;
const HINT = 'groupcheck: running from source (npm run build for a fast start)';

/** Runs `node args…` in the repository; its exit code and output. */
function node(args: readonly string[], cwd = root) {
  const r = spawnSync(process.execPath, args, { cwd, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(() => {
  // `npm ci` builds dist/; build it here only on a checkout where it never ran.
  if (!fs.existsSync(path.join(dist, 'checkers/cli.js'))) {
    execFileSync(
      process.execPath,
      [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'],
      {
        cwd: root,
        stdio: 'inherit',
      },
    );
  }
});

describe('the build', () => {
  it('emits JavaScript and declarations for the command and the library', () => {
    for (const file of ['checkers/cli.js', 'checkers/cli.d.ts', 'models/kernel/system.d.ts']) {
      expect(fs.existsSync(path.join(dist, file)), file).toBe(true);
    }
    // Relative imports point at the emitted .js files, never at the TypeScript sources.
    expect(fs.readFileSync(path.join(dist, 'checkers/cli.js'), 'utf8')).not.toMatch(
      /from '\.[^']*\.ts'/,
    );
  });

  it('exports the library, the kernel, the checkers and the properties', () => {
    expect(entries.map((e) => e.key)).toEqual([
      '.',
      './kernel',
      './checkers',
      './properties',
      './vitest',
    ]);
    for (const e of entries) {
      expect(fs.existsSync(path.join(root, e.types)), e.types).toBe(true);
      expect(fs.existsSync(path.join(root, e.import)), e.import).toBe(true);
    }
    // Node resolves the package's own name through its exports map (a self-reference).
    const script = `const out = {};
for (const s of ${JSON.stringify(entries.map((e) => specifier(e.key)))}) out[s] = Object.keys(await import(s)).sort();
console.log(JSON.stringify(out));`;
    const r = node(['--input-type=module', '-e', script]);
    expect(r.stderr).toBe('');
    const names = JSON.parse(r.stdout) as Record<string, string[]>;
    expect(names['groupcheck']).toEqual(
      expect.arrayContaining([
        'System',
        'roleKit',
        'runRandom',
        'runExhaustive',
        'replay',
        'agreement',
      ]),
    );
    expect(names['groupcheck/kernel']).toEqual(expect.arrayContaining(['System', 'roleKit']));
    expect(names['groupcheck/checkers']).toEqual(
      expect.arrayContaining(['runRandom', 'runExhaustive', 'replay', 'readTrace']),
    );
    expect(names['groupcheck/properties']).toEqual(
      expect.arrayContaining(['agreement', 'totalOrder', 'linearizability']),
    );
  });

  it('declares types a TypeScript consumer can check against (skipLibCheck off)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'groupcheck-consumer-'));
    try {
      fs.mkdirSync(path.join(dir, 'node_modules'));
      fs.symlinkSync(root, path.join(dir, 'node_modules/groupcheck'), 'dir');
      fs.writeFileSync(path.join(dir, 'package.json'), '{ "type": "module" }\n');
      fs.writeFileSync(
        path.join(dir, 'tsconfig.json'),
        JSON.stringify({
          compilerOptions: {
            module: 'NodeNext',
            moduleResolution: 'NodeNext',
            target: 'ES2022',
            strict: true,
            noEmit: true,
            types: [],
          },
          files: ['use.ts'],
        }),
      );
      fs.writeFileSync(
        path.join(dir, 'use.ts'),
        `import { protocols, roleKit, runRandom, type Protocol, type World } from 'groupcheck';
import { System } from 'groupcheck/kernel';
import { runExhaustive } from 'groupcheck/checkers';
import { agreement } from 'groupcheck/properties';
const p: Protocol = protocols[0]!;
export const used: unknown[] = [roleKit, runRandom, System, runExhaustive, agreement.name, p.name];
export type W = World;
`,
      );
      const tsc = path.join(root, 'node_modules/typescript/bin/tsc');
      const r = node([tsc, '-p', dir], dir);
      expect(r.stdout + r.stderr).toBe('');
      expect(r.code).toBe(0);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('runs the command from the built code', () => {
    const script = `const { main } = await import('./dist/checkers/cli.js');
process.exitCode = await main(['--version']);`;
    expect(node(['--input-type=module', '-e', script])).toEqual({
      code: 0,
      stdout: `${pkg.version}\n`,
      stderr: '',
    });
    // bin/ runs dist/, or the sources (with a hint) when they changed since the last build.
    const r = node(['bin/groupcheck.js', '--version']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`${pkg.version}\n`);
    expect(['', `${HINT}\n`]).toContain(r.stderr);
  });

  it('packs dist/ and the command, not the sources or the tests', () => {
    // --ignore-scripts: packing would otherwise run `prepare`, rebuilding dist/ under other tests.
    const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
      cwd: root,
      encoding: 'utf8',
    });
    const files = (JSON.parse(out) as { files: { path: string }[] }[])[0]!.files.map((f) => f.path);
    expect(files).toContain('dist/checkers/cli.js');
    expect(files).toContain('dist/index.d.ts');
    expect(files).toContain('bin/groupcheck.js');
    expect(files).toContain('package.json');
    expect(files.filter((f) => /^(test|bench|scripts)\//.test(f) || /^checkers\//.test(f))).toEqual(
      [],
    );
  });
});
