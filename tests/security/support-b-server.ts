import { spawn } from "node:child_process";
import { rmSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { HTTP_DB, HTTP_DIR } from "../support/http-server.ts";

/**
 * A second production server (server/index.ts on the built app, as graceful-stop.test.ts starts
 * it) with settings of the test's choosing, on its own copy of the HTTP tests' database, so that
 * what it counts (login failures) or breaks (a dropped table) never reaches the shared server.
 * Ports are helper B's own range: HTTP_TEST_PORT + 1 to + 8.
 */
export type ExtraServer = { base: string; database: string; stop: () => Promise<void>; output: () => string };

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A consistent copy of the live database (SQLite's online backup), taken now. */
export async function copyDatabase(name: string) {
  const target = path.join(HTTP_DIR, `${name}.db`);
  for (const suffix of ["", "-wal", "-shm"]) rmSync(target + suffix, { force: true });
  const source = new Database(HTTP_DB, { readonly: true });
  try {
    await source.backup(target);
  } finally {
    source.close();
  }
  return target;
}

export async function startExtraServer(offset: number, name: string, env: Record<string, string> = {}, prepare?: (database: Database.Database) => void): Promise<ExtraServer> {
  const port = Number(process.env.HTTP_TEST_PORT ?? 3211) + offset;
  const base = `http://127.0.0.1:${port}`;
  const database = await copyDatabase(name);
  if (prepare) {
    const connection = new Database(database);
    try {
      prepare(connection);
    } finally {
      connection.close();
    }
  }
  let output = "";
  const child = spawn(process.execPath, ["--import", "tsx", "server/index.ts"], {
    detached: true, // its own process group, stopped as a whole
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, ...env, PORT: String(port), DATABASE_URL: `file:${database}`, NODE_ENV: "production" },
  });
  child.stdout?.on("data", (chunk) => (output += chunk));
  child.stderr?.on("data", (chunk) => (output += chunk));
  const exited = new Promise<void>((resolve) => child.on("exit", () => resolve()));
  const stop = async () => {
    try {
      if (child.pid) process.kill(-child.pid, "SIGTERM");
    } catch {
      // already gone
    }
    await Promise.race([exited, pause(12_000)]);
  };
  for (let attempt = 0; ; attempt++) {
    if (child.exitCode !== null) throw new Error(`the extra server exited early:\n${output}`);
    if ((await fetch(`${base}/healthz`).catch(() => null))?.ok) break;
    if (attempt > 240) {
      await stop();
      throw new Error(`the extra server did not start:\n${output}`);
    }
    await pause(250);
  }
  return { base, database, stop, output: () => output };
}
