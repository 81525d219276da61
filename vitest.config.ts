import { defineConfig } from "vitest/config";

// The remix() Vite plugin is left out on purpose: it does not run under Vitest.
export default defineConfig({
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: "server",
          environment: "node",
          include: ["tests/unit/**/*.test.ts", "tests/integration/**/*.test.ts"],
          exclude: ["tests/integration/client-build.test.ts"],
          globalSetup: ["tests/support/global-setup.ts"],
          setupFiles: ["tests/support/database.ts", "tests/support/matchers.ts"],
        },
      },
      {
        // The same services and routes on PostgreSQL (decision 0015), on a throwaway server.
        extends: true,
        test: {
          name: "server-postgres",
          environment: "node",
          include: ["tests/unit/**/*.test.ts", "tests/integration/**/*.test.ts"],
          exclude: ["tests/integration/client-build.test.ts"],
          env: { TANDEM_TEST_PROVIDER: "postgres" },
          globalSetup: ["tests/support/global-setup.ts"],
          setupFiles: ["tests/support/database.ts", "tests/support/matchers.ts"],
        },
      },
      {
        extends: true,
        test: {
          name: "components",
          environment: "jsdom",
          include: ["tests/components/**/*.test.tsx"],
          setupFiles: ["tests/support/dom.ts"],
        },
      },
    ],
  },
});
