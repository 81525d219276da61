import { execFileSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import pg from "pg";

/**
 * A PostgreSQL server for tests and checks, when none is given: TEST_POSTGRES_URL (a role that
 * may create databases) wins; otherwise a throwaway cluster of Debian's PostgreSQL
 * (`apt-get install postgresql`) in a temporary folder, on a free port, stopped and deleted by
 * `stop()`. It trades durability for speed (fsync off): nothing in it outlives the run.
 */
export type TestPostgres = {
  url: string;
  stop: () => void;
  /** Where its cluster lives, for `postgresControl` (null for a server given by TEST_POSTGRES_URL). */
  cluster: Cluster | null;
};

type Cluster = { dir: string; port: number; durable: boolean };

export async function throwawayPostgres({ durable = false } = {}): Promise<TestPostgres> {
  if (process.env.TEST_POSTGRES_URL) return { url: process.env.TEST_POSTGRES_URL, stop: () => {}, cluster: null };
  const dir = mkdtempSync(path.join(tmpdir(), "tandem-postgres-"));
  // PostgreSQL refuses to run as root (CI runs as root): the cluster then belongs to `postgres`.
  if (process.getuid?.() === 0) {
    const uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim());
    chownSync(dir, uid, uid);
  }
  runAsOwner("initdb", ["-D", path.join(dir, "data"), "-U", "tandem", "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync"]);
  const cluster = { dir, port: await freePort(), durable };
  postgresControl(cluster, "start");
  return {
    url: `postgresql://tandem@127.0.0.1:${cluster.port}/postgres`,
    stop: () => {
      try {
        postgresControl(cluster, "stop");
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
    cluster,
  };
}

/**
 * Starts or stops a throwaway cluster, from any process (the fault tests stop and start the
 * server under load). A stop is PostgreSQL's "fast" shutdown: sessions are ended, not waited for.
 */
export function postgresControl({ dir, port, durable }: Cluster, action: "start" | "stop") {
  const data = path.join(dir, "data");
  if (action === "stop") return runAsOwner("pg_ctl", ["-D", data, "-m", "fast", "-w", "stop"]);
  const fast = durable ? "" : " -c fsync=off -c synchronous_commit=off -c full_page_writes=off";
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=200${fast}`;
  runAsOwner("pg_ctl", ["-D", data, "-o", options, "-l", path.join(dir, "server.log"), "-w", "-t", "60", "start"]);
}

function runAsOwner(program: string, args: string[]) {
  const asOwner = process.getuid?.() === 0 ? ["runuser", "-u", "postgres", "--"] : [];
  const [command, ...rest] = [...asOwner, path.join(postgresBinaries(), program), ...args];
  execFileSync(command!, rest, { stdio: "pipe" });
}

/** The newest PostgreSQL under Debian's /usr/lib/postgresql, or the one `pg_config` names. */
function postgresBinaries(): string {
  const root = "/usr/lib/postgresql";
  const versions = existsSync(root) ? readdirSync(root).filter((name) => /^\d+$/.test(name)) : [];
  const newest = versions.sort((a, b) => Number(b) - Number(a))[0];
  if (newest && existsSync(path.join(root, newest, "bin", "initdb"))) return path.join(root, newest, "bin");
  try {
    return execFileSync("pg_config", ["--bindir"], { encoding: "utf8" }).trim();
  } catch {
    throw new Error(
      "The PostgreSQL half of the tests needs a server: install PostgreSQL (Debian: apt-get install postgresql), " +
        "or set TEST_POSTGRES_URL to a role that may create databases.",
    );
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** A database URL on the same server as `url`, naming another database. */
export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/** Runs `work` with one connection to the server at `url` (an admin's: creating and dropping databases). */
export async function onServer<T>(url: string, work: (admin: pg.Client) => Promise<T>): Promise<T> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.end();
  }
}

// `tsx scripts/throwaway-postgres.ts` starts one for a developer, prints its URL, and stops it on Ctrl-C.
if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const server = await throwawayPostgres();
  console.log(`PostgreSQL is listening: ${server.url}\nCtrl-C stops it and deletes its files.`);
  process.on("SIGINT", () => {
    server.stop();
    process.exit(0);
  });
  setInterval(() => {}, 1 << 30);
}
