import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { HTTP_DB } from "../support/http-server.ts";

/**
 * Servers of a reliability test's own (a fault needs its own database or settings): the
 * production server alone (`node --import tsx server/index.ts`, no build or migration step), on
 * a port of this run's range (HTTP_TEST_PORT + offset) and a database given by the test.
 */
export const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Beside the shared server (HTTP_TEST_PORT): +2 graceful-stop, +3 backup, +4 to +6 the tests here. */
export function ownPort(offset: number) {
  return Number(process.env.HTTP_TEST_PORT ?? 3211) + offset;
}

/**
 * A consistent copy of the HTTP tests' database (SQLite's online backup) in a fresh folder:
 * the people and tokens a test arranged there come along.
 */
export async function copyOfTestDatabase(folder = mkdtempSync(path.join(tmpdir(), "tandem-reliability-"))) {
  const file = path.join(folder, "server.db");
  const source = new Database(HTTP_DB, { readonly: true });
  await source.backup(file);
  source.close();
  return file;
}

/** Deletes the folder copyOfTestDatabase made (after its server has exited). */
export function removeCopy(databaseFile: string) {
  rmSync(path.dirname(databaseFile), { recursive: true, force: true });
}

export type OwnServer = {
  base: string;
  /** The serving node process itself (`--import tsx` runs in process), e.g. for prlimit. */
  pid: number;
  output: () => string;
  exited: Promise<number | null>;
  kill: (signal?: NodeJS.Signals) => void;
};

export async function startOwnServer({ port, databaseFile, env = {} }: { port: number; databaseFile: string; env?: Record<string, string> }) {
  const child = spawn(process.execPath, ["--import", "tsx", "server/index.ts"], {
    detached: true, // its own process group, so a kill reaches tsx's child too
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

