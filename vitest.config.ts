import { defineConfig } from 'vitest/config';

// Two projects. The rule tables and the lint core's unit tests are pure (text in, findings out: no network fake,
// no environment, no process-wide state), so their files share one module cache per worker: the rules and the
// WebAssembly shell parser load once per worker instead of once per file, which took that part of the suite from
// about 130 s to 12 s here. Everything else (the app with its GitHub fakes, the CLI and server processes, Redis)
// keeps vitest's default isolation, one fresh module graph per file.
const PURE = ['test/rules/**/*.test.ts', 'test/lint/**/*.test.ts'];

export default defineConfig({
  test: {
    testTimeout: 20000,
    globalSetup: ['test/global-setup.ts'],
    projects: [
      { extends: true, test: { name: 'pure', include: PURE, isolate: false } },
      { extends: true, test: { name: 'integration', include: ['test/**/*.test.ts'], exclude: PURE } },
    ],
  },
});
