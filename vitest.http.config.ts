import { defineConfig } from "vitest/config";

/**
 * The tests that speak real HTTP to `npm start` (the production build) on its own database.
 * One server and one database for all of them, so files run one at a time: a test that
 * arranges global state (the last active admin) must not race another file's setup.
 */
// The files that are about SQLite itself (its file, lock and backup) or run servers of their own on
// copies of its file; on PostgreSQL the scale-out suite covers crashes, restarts and outages.
const SQLITE_ONLY = [
  "tests/reliability/backup.test.ts",
  "tests/reliability/crash.test.ts",
  "tests/reliability/database-unavailable.test.ts",
  "tests/reliability/graceful-stop.test.ts",
  "tests/reliability/log-lines.test.ts",
  "tests/reliability/slow-clients.test.ts",
  "tests/security/headers.test.ts",
  "tests/security/login.test.ts",
  "tests/security/secrets-at-rest.test.ts",
  "tests/security/server-errors.test.ts",
];
const onPostgres = process.env.TANDEM_TEST_PROVIDER === "postgres";
// Through nginx in front of two instances (tests/support/http-server.ts): the API suite.
const onCluster = onPostgres && process.env.TANDEM_TEST_TARGET === "cluster";

export default defineConfig({
  test: {
    name: onCluster ? "http-cluster" : onPostgres ? "http-postgres" : "http",
    environment: "node",
    include: onCluster
      ? ["tests/api/**/*.test.ts"]
      : ["tests/api/**/*.test.ts", "tests/security/**/*.test.ts", "tests/reliability/**/*.test.ts", "tests/integration/client-build.test.ts"],
    exclude: onPostgres ? SQLITE_ONLY : [],
    globalSetup: ["tests/support/http-server.ts"],
    setupFiles: ["tests/support/http-env.ts", "tests/support/matchers.ts"],
    testTimeout: 20_000,
    fileParallelism: false,
  },
});
