import { defineConfig } from "vitest/config";

/**
 * The tests that speak real HTTP to `npm start` (the production build) on its own database.
 * One server and one database for all of them, so files run one at a time: a test that
 * arranges global state (the last active admin) must not race another file's setup.
 */
export default defineConfig({
  resolve: { alias: { "~": new URL("./app", import.meta.url).pathname } },
  test: {
    name: "http",
    environment: "node",
    include: ["tests/api/**/*.test.ts", "tests/security/**/*.test.ts", "tests/reliability/**/*.test.ts", "tests/integration/client-build.test.ts"],
    globalSetup: ["tests/support/http-server.ts"],
    setupFiles: ["tests/support/http-env.ts"],
    testTimeout: 20_000,
    fileParallelism: false,
  },
});
