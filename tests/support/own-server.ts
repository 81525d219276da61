import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { HTTP_DB } from "./http-server.ts";

/**
 * Servers of a test's own, when what it counts (login failures), breaks (a dropped table, a
 * read-only file) or configures (TRUST_PROXY, short timeouts) must not reach the shared server:
 * the compiled production server alone (`node build/server/main.js`, built by the shared server's `npm start`; no build or migration step), on
 * a port of this run's range (HTTP_TEST_PORT + offset) and a database given by the test.
 */
export const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Beside the shared server (HTTP_TEST_PORT); test files run one at a time, so offsets may repeat across files. */
export function ownPort(offset: number) {
  return Number(process.env.HTTP_TEST_PORT ?? 3211) + offset;
}

/**
 * A consistent copy of the HTTP tests' database (SQLite's online backup) in a fresh folder:
 * the people and tokens a test arranged there come along. `prepare` may change the copy first.
 */
export async function copyOfTestDatabase(prepare?: (database: Database.Database) => void) {
  const file = path.join(mkdtempSync(path.join(tmpdir(), "tandem-own-server-")), "server.db");
  const source = new Database(HTTP_DB, { readonly: true });
  await source.backup(file);
  source.close();
  if (prepare) {
    const connection = new Database(file);
    try {
      prepare(connection);
    } finally {
      connection.close();
    }
  }
  return file;
}

/** Deletes the folder copyOfTestDatabase made (after its server has exited). */
export function removeCopy(databaseFile: string) {
  rmSync(path.dirname(databaseFile), { recursive: true, force: true });
}

export type OwnServer = {
  base: string;
  /** The serving node process itself, e.g. for prlimit. */
  pid: number;
  output: () => string;
  exited: Promise<number | null>;
  kill: (signal?: NodeJS.Signals) => void;
  /** SIGTERM, and wait for the graceful stop (at most 12 s). */
  stop: () => Promise<void>;
};

export async function startOwnServer({ port, databaseFile, env = {} }: { port: number; databaseFile: string; env?: Record<string, string> }) {
  const child = spawn(process.execPath, ["build/server/main.js"], {
    detached: true, // its own process group, so a kill reaches everything it started
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, PORT: String(port), DATABASE_URL: `file:${databaseFile}`, NODE_ENV: "production", ...env },
  });
  let output = "";
  child.stdout!.on("data", (chunk) => (output += chunk));
  child.stderr!.on("data", (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const server: OwnServer = {
    base: `http://127.0.0.1:${port}`,
    pid: child.pid!,
    output: () => output,
    exited,
    kill: (signal = "SIGTERM") => {
      try {
        process.kill(-child.pid!, signal);
      } catch {
        // already gone
      }
    },
    stop: async () => {
      server.kill("SIGTERM");
      await Promise.race([exited, pause(12_000)]);
    },
  };
  for (let attempt = 0; ; attempt++) {
    if ((await fetch(`${server.base}/healthz`).catch(() => null))?.ok) return server;
    if (child.exitCode !== null || attempt > 240) {
      server.kill("SIGKILL");
      throw new Error(`the server on port ${port} did not start:\n${output}`);
    }
    await pause(250);
  }
}


/** A server of its own on a fresh copy of the database; `stop()` also deletes the copy. */
export async function startServerOnCopy(offset: number, env: Record<string, string> = {}, prepare?: (database: Database.Database) => void) {
  const databaseFile = await copyOfTestDatabase(prepare);
  const server = await startOwnServer({ port: ownPort(offset), databaseFile, env });
  return {
    ...server,
    stop: async () => {
      await server.stop();
      removeCopy(databaseFile);
    },
  };
}
