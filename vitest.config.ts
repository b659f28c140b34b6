import { defineConfig } from 'vitest/config';

/**
 * Vitest config: tests live under test/, mirroring the source tree, in two tiers that `npm test`
 * (and so CI) both runs:
 * - `default`: everything but test/slow/ (`npm run test:fast` alone, for quick local runs);
 * - `slow`: very large pinned searches (a million states and more) and other long tests.
 * No test has a time limit (`testTimeout: 0`): CI and other sessions share two busy cores, and a
 * search that takes a minute there is slow, not wrong. Test files share their module cache
 * (`isolate: false`): every file would otherwise re-import xstate, fast-check and zod, which cost
 * more than the tests themselves; no test depends on fresh module state, and a command run
 * in-process forgets the protocols it loaded (`cli` in test/checkers/helpers.ts), so that no file's
 * `check --all` sees another's. Two files run at once (two workers): tests write only to temporary
 * directories or atomically.
 */
export default defineConfig({
  test: {
    setupFiles: ['test/setup.ts'],
    testTimeout: 0,
    hookTimeout: 0,
    isolate: false,
    // Both cores: the default leaves one free, which ran the suite one file at a time on CI's two.
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: { name: 'default', include: ['test/**/*.test.ts'], exclude: ['test/slow/**'] },
      },
      { extends: true, test: { name: 'slow', include: ['test/slow/**/*.test.ts'] } },
    ],
  },
});
