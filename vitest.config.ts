import { defineConfig } from 'vitest/config';

/** Vitest config: tests live under test/, mirroring the source tree. */
export default defineConfig({
  test: { include: ['test/**/*.test.ts'], setupFiles: ['test/setup.ts'], testTimeout: 60_000 },
});
