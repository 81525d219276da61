import { defineConfig } from "vitest/config";

// The remix() Vite plugin is left out on purpose: it does not run under Vitest.
export default defineConfig({
  resolve: { alias: { "~": new URL("./app", import.meta.url).pathname } },
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
          setupFiles: ["tests/support/database.ts"],
        },
      },
      {
        // Real HTTP against `npm start` (the production build) on its own database.
        extends: true,
        test: {
          name: "http",
          environment: "node",
          include: ["tests/api/**/*.test.ts", "tests/integration/client-build.test.ts"],
          globalSetup: ["tests/support/http-server.ts"],
          setupFiles: ["tests/support/http-env.ts"],
          testTimeout: 20_000,
          // One server and one database: files run one after another so that a test that
          // arranges global state (the last admin) cannot disturb another.
          poolOptions: { forks: { singleFork: true } },
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
