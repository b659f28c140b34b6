import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

describe('npm run bench:ab on bad input', () => {
  it('exits 2 with one line, building nothing', () => {
    const root = path.resolve(import.meta.dirname, '../..');
    for (const [args, line] of [
      [['--base', 'no-such-revision'], "bench:ab: 'no-such-revision' is not a revision"],
      [['--workload', 'lasso'], 'bench:ab: --workload is one of dfs, bfs, liveness, random'],
    ] as const) {
      const r = spawnSync(process.execPath, ['--import', 'tsx', 'bench/ab.ts', ...args], {
        cwd: root,
        encoding: 'utf8',
      });
      expect(r.status).toBe(2);
      expect(r.stderr.trim().split('\n')).toEqual([expect.stringContaining(line)]);
      expect(r.stdout).toBe('');
    }
  });
});
