import { defineConfig } from "@playwright/test";

/**
 * Browser tests against the production build, served by `npm start` on its own database.
 * Debian's Chromium drives them (never a downloaded browser); every spec runs twice,
 * with JavaScript on and off, because every form must work without it.
 */
const PORT = Number(process.env.E2E_PORT ?? 3210);
export const E2E_ADMIN = { email: "admin@e2e.test", password: "e2e admin password" };

export default defineConfig({
  testDir: "tests/e2e",
  fullyParallel: true,
  workers: 2,
  forbidOnly: !!process.env.CI,
  retries: 0,
  reporter: process.env.CI ? [["list"]] : [["list"]],
  timeout: 30_000,
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  projects: [
    { name: "js-on", use: { javaScriptEnabled: true } },
    { name: "js-off", use: { javaScriptEnabled: false }, testIgnore: /\.js-on\.spec\.ts$/ },
  ],
  webServer: {
    command: "rm -f tests/.tmp/e2e.db* && npm start",
    url: `http://127.0.0.1:${PORT}/login`,
    timeout: 180_000,
    reuseExistingServer: false,
    stdout: "ignore",
    stderr: "pipe",
    env: {
      PORT: String(PORT),
      DATABASE_URL: "file:./tests/.tmp/e2e.db",
      ADMIN_EMAIL: E2E_ADMIN.email,
      ADMIN_PASSWORD: E2E_ADMIN.password,
      // An empty workspace: the specs arrange what they need.
      TANDEM_DEMO: "0",
    },
  },
});
