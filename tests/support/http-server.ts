import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { onServer, throwawayPostgres, withDatabase } from "#scripts/throwaway-postgres.ts";

/**
 * Starts the production server the way a person does (`npm start`: build when needed,
 * migrate, seed, serve) on its own database, for the tests that speak real HTTP.
 */
export const HTTP_PORT = Number(process.env.HTTP_TEST_PORT ?? 3211);
// Per port, so two runs on different ports (HTTP_TEST_PORT) never share or delete each other's files.
export const HTTP_DIR = path.resolve(`tests/.tmp/http-${HTTP_PORT}`);
export const HTTP_DB = path.join(HTTP_DIR, "server.db");
export const HTTP_ADMIN = { email: "admin@http.test", password: "http admin password" };
export const HTTP_RATE_LIMIT = 120;

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
    httpDatabaseUrl: string;
  }
}

/**
 * TANDEM_TEST_PROVIDER=postgres runs the same server on a throwaway PostgreSQL instead
 * (vitest.http.config.ts then leaves out the files that are about SQLite itself).
 */
const onPostgres = process.env.TANDEM_TEST_PROVIDER === "postgres";
/**
 * TANDEM_TEST_TARGET=cluster (with PostgreSQL) puts `npm run cluster` there instead: two instances
 * behind nginx on HTTP_PORT, so the API's conformance and door-parity tests run through the proxy.
 */
const onCluster = onPostgres && process.env.TANDEM_TEST_TARGET === "cluster";

export default async function startServer(project: TestProject) {
  rmSync(HTTP_DIR, { recursive: true, force: true });
  mkdirSync(HTTP_DIR, { recursive: true });
  const port = HTTP_PORT;
  const postgres = onPostgres ? await throwawayPostgres() : null;
  if (postgres) await onServer(postgres.url, (admin) => admin.query(`CREATE DATABASE "tandem_http_${process.pid}"`));
  const databaseUrl = postgres ? withDatabase(postgres.url, `tandem_http_${process.pid}`) : `file:${HTTP_DB}`;
  const baseUrl = `http://127.0.0.1:${port}`;
  let output = "";
  const [command, ...args] = onCluster ? ["npx", "tsx", "scripts/cluster.ts"] : ["npm", "start"];
  const server: ChildProcess = spawn(command!, args, {
    detached: true, // its own process group, so teardown stops npm, tsx and the server(s) together
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      PORT: String(port),
      CLUSTER_FIRST_PORT: String(port + 20), // clear of the ports tests take for servers of their own (port + 1…)
      // Vitest sets NODE_ENV=test; the server under test must run as in production.
      NODE_ENV: "production",
      DATABASE_URL: databaseUrl,
      ADMIN_EMAIL: HTTP_ADMIN.email,
      ADMIN_PASSWORD: HTTP_ADMIN.password,
      // An empty workspace: the tests arrange what they need.
      TANDEM_DEMO: "0",
      // Low enough for a test to reach in a second, high enough for any other test's token.
      API_RATE_LIMIT_PER_MINUTE: String(HTTP_RATE_LIMIT),
    },
  });
  server.stdout?.on("data", (chunk) => (output += chunk));
  server.stderr?.on("data", (chunk) => (output += chunk));

  const deadline = Date.now() + 180_000;
  for (;;) {
    if (server.exitCode !== null) throw new Error(`npm start exited early:\n${output}`);
    try {
      if ((await fetch(`${baseUrl}/healthz`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`npm start did not answer within 3 minutes:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  project.provide("baseUrl", baseUrl);
  project.provide("httpDatabaseUrl", databaseUrl);

  return async () => {
    try {
      if (server.pid) process.kill(-server.pid, "SIGTERM");
    } catch {
      // already gone
    }
    if (process.env.SHOW_SERVER_LOG) console.log(output);
    if (postgres) {
      await new Promise((resolve) => server.once("exit", resolve)).catch(() => {});
      postgres.stop();
    }
  };
}
