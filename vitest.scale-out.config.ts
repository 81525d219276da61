import { defineConfig } from "vitest/config";

/**
 * Two production instances on one PostgreSQL behind nginx (`npm run cluster`), attacked and broken
 * on purpose: tests/scale-out/. One cluster for all files, so they run one at a time.
 */
export default defineConfig({
  test: {
    name: "scale-out",
    environment: "node",
    include: ["tests/scale-out/**/*.test.ts"],
    globalSetup: ["tests/scale-out/cluster-setup.ts"],
    setupFiles: ["tests/scale-out/env.ts", "tests/support/matchers.ts"],
    testTimeout: 60_000,
    hookTimeout: 300_000,
    fileParallelism: false,
  },
});
