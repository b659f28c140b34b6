import { defineConfig } from 'vitest/config';

/**
 * Vitest config: tests live under test/, mirroring the source tree. Test files share their
 * module cache (`isolate: false`): every file would otherwise re-import xstate, fast-check and zod,
 * which cost more than the tests themselves; no test depends on fresh module state.
 */
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    setupFiles: ['test/setup.ts'],
    testTimeout: 60_000,
    isolate: false,
  },
});
