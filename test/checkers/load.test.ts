/**
 * Users' protocols: `check ./file.ts`, `--load`, a config file, traces that name their module and
 * replay without flags, worker threads that load the module, and one-line errors (exit 2).
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readTrace } from '../../checkers/trace.ts';
import { forgetRegisteredProtocols } from '../../models/registry.ts';
import { cli, useTempFiles } from './helpers.ts';

const tmp = useTempFiles();
const root = path.resolve(import.meta.dirname, '../..');
const ackFile = path.join(root, 'test/docs/ack-transfer.ts');
afterEach(() => forgetRegisteredProtocols());

/** Writes `text` as `name` in a fresh temporary directory; returns its path. */
function file(name: string, text: string): string {
  const p = tmp(name);
  fs.writeFileSync(p, text);
  return p;
}

describe('a protocol file of your own', () => {
  it('is checked by path with both engines, its mutants on request', async () => {
    const run = await cli('check', './test/docs/ack-transfer.ts', '--engine', 'all', '--mutants');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1); // the mutants break their properties: exit 1 without --all
    expect(run.stdout).toContain('ack-transfer · random');
    expect(run.stdout).toMatch(/no-dedup\s+broke integrity/);
  });

  it('writes a trace that names its module, and replay loads the module from it', async () => {
    const out = tmp();
    const run = await cli(
      'check',
      './test/docs/ack-transfer.ts',
      '--variant',
      'no-dedup',
      '--engine',
      'exhaustive',
      '--trace-out',
      out,
    );
    expect(run.code).toBe(1);
    expect(readTrace(out).module).toBe('./test/docs/ack-transfer.ts');
    forgetRegisteredProtocols();
    const replayed = await cli('replay', out);
    expect(replayed.code).toBe(1);
    expect(replayed.stdout).toContain('reproduced: integrity at step 4');
  });

  it('runs in worker threads, which load the module too', async () => {
    const run = await cli(
      'check',
      './test/docs/ack-transfer.ts',
      '--engine',
      'exhaustive',
      '--workers',
      '2',
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('155 states');
  });

  it('is listed and checked by name with --load or a config file', async () => {
    const listed = await cli('list', '--load', './test/docs/ack-transfer.ts');
    expect(listed.code).toBe(0);
    expect(listed.stdout).toContain('ack-transfer');
    forgetRegisteredProtocols();
    const config = file(
      'groupcheck.config.ts',
      `export default { protocols: [${JSON.stringify(ackFile)}] };\n`,
    );
    const run = await cli('check', 'ack-transfer', '--config', config);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('ack-transfer');
  });
});

describe('bad protocol files: one line, exit 2', () => {
  it('a missing file', async () => {
    const run = await cli('check', './nowhere/my-protocol.ts');
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('groupcheck: cannot load ./nowhere/my-protocol.ts: no such file');
  });

  it('a module that exports no protocol', async () => {
    const run = await cli('check', './properties/validity.ts');
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^groupcheck: \.\/properties\/validity\.ts exports no protocol/);
    expect(run.stderr.split('\n')).toHaveLength(1);
  });

  it('a module that does not load', async () => {
    const broken = file('broken.ts', 'export const = ;\n');
    const run = await cli('check', broken);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^groupcheck: cannot load .*broken\.ts: /);
    expect(run.stderr.split('\n')).toHaveLength(1);
  });

  it('a protocol named like a built-in one', async () => {
    const clash = file(
      'clash.ts',
      `import { totalOrderProtocol } from ${JSON.stringify(path.join(root, 'models/total-order/model.ts'))};\n` +
        'export default { ...totalOrderProtocol };\n',
    );
    const run = await cli('check', clash);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^groupcheck: two protocols are named 'total-order'/);
  });

  it('a trace whose module is gone', async () => {
    const out = tmp();
    await cli('check', './test/docs/ack-transfer.ts', '--variant', 'no-dedup', '--trace-out', out);
    const trace = JSON.parse(fs.readFileSync(out, 'utf8')) as Record<string, unknown>;
    fs.writeFileSync(out, JSON.stringify({ ...trace, module: './gone.ts' }));
    forgetRegisteredProtocols();
    const run = await cli('replay', out);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('groupcheck: cannot load ./gone.ts: no such file');
  });
});
