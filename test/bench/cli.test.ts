import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  badBenchInput,
  benchOptions,
  chosenProtocols,
  runsAsScript,
  sectionArgs,
  type BenchOptions,
} from '../../bench/cli.ts';
import { protocols } from '../../models/index.ts';

describe('the bench scripts’ command line', () => {
  it('chooses the protocols named, or all of them', () => {
    expect(chosenProtocols([]).map((p) => p.name)).toEqual(protocols.map((p) => p.name));
    expect(chosenProtocols(['gnutella', 'freenet']).map((p) => p.name)).toEqual([
      'gnutella',
      'freenet',
    ]);
  });

  it('refuses an unknown protocol and a TIMES that is not 1 to 100', () => {
    expect(badBenchInput(['freenet'], '3')).toBeNull();
    expect(badBenchInput([], undefined)).toBeNull();
    expect(badBenchInput(['nosuch'], undefined)).toBe("no protocol is called 'nosuch'");
    for (const times of ['0', 'x', '101', '1.5', '-2', '']) {
      expect(badBenchInput([], times)).toMatch(/^TIMES must be a whole number from 1 to 100/);
    }
    expect(badBenchInput([], '100')).toBeNull();
  });
});

describe('npm run bench’s options', () => {
  it('runs every section by default, or those --only names', () => {
    expect(benchOptions([])).toEqual({ quick: false, only: null, protocols });
    expect(benchOptions(['--quick', '--only', 'commit, exhaustive'])).toEqual({
      quick: true,
      only: new Set(['commit', 'exhaustive']),
      protocols,
    });
    expect(benchOptions(['--only=random'])).toEqual({
      quick: false,
      only: new Set(['random']),
      protocols,
    });
  });

  it('covers the protocols --protocols names in its per-protocol sections', () => {
    const options = benchOptions(['--only', 'random', '--protocols', 'total-order, freenet']);
    expect(typeof options === 'string' ? options : options.protocols.map((p) => p.name)).toEqual([
      'total-order',
      'freenet',
    ]);
    expect(benchOptions(['--protocols', 'freenet,nosuch'])).toBe("no protocol is called 'nosuch'");
  });

  it('refuses an unknown section or option', () => {
    expect(benchOptions(['--only', 'exhaustive,nosuch'])).toMatch(
      /^no section 'nosuch' \(sections: random, /,
    );
    expect(benchOptions(['--fast'])).toMatch(/Unknown option '--fast'/);
    expect(benchOptions(['--only'])).toMatch(/argument missing/);
  });
});

describe('sectionArgs', () => {
  const read = (argv: string[]): BenchOptions => {
    const options = benchOptions(argv);
    if (typeof options === 'string') throw new Error(options);
    return options;
  };

  it('runs one section alone with the same choices, which read back as that section alone', () => {
    expect(sectionArgs(read([]), 'exhaustive')).toEqual(['--only', 'exhaustive']);
    const args = sectionArgs(read(['--quick', '--protocols', 'freenet,gnutella']), 'random');
    expect(args).toEqual(['--only', 'random', '--quick', '--protocols', 'freenet,gnutella']);
    const child = read(args);
    expect([...child.only!]).toEqual(['random']);
    expect(child.quick).toBe(true);
    expect(child.protocols.map((p) => p.name)).toEqual(['freenet', 'gnutella']);
  });
});

describe('runsAsScript', () => {
  it('knows the script it was started as, by URL, whatever the path is spelt like', () => {
    const here = process.cwd();
    const url = (p: string) => pathToFileURL(path.resolve(here, p)).href;
    expect(runsAsScript(url('bench/liveness.ts'), 'bench/liveness.ts')).toBe(true);
    expect(
      runsAsScript(url('my runs/bench/por.ts'), path.resolve(here, 'my runs/bench/por.ts')),
    ).toBe(true);
    expect(runsAsScript(url('bench/por.ts'), 'bench/liveness.ts')).toBe(false);
    expect(runsAsScript(url('bench/por.ts'), undefined)).toBe(false);
  });
});
