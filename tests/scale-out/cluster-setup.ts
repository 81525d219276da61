import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { onServer, throwawayPostgres, withDatabase } from "#scripts/throwaway-postgres.ts";

/**
 * The real thing, as `npm run cluster` runs it: two production instances on one PostgreSQL
 * (a throwaway server) behind nginx. The cluster runs as its own process, so tests can SIGKILL an
 * instance or SIGHUP the cluster for a rolling restart; it writes where everything is to a state
 * file (scripts/cluster.ts).
 */
export const SCALE_OUT = {
  port: Number(process.env.SCALE_OUT_PORT ?? 3311),
  firstInstancePort: Number(process.env.SCALE_OUT_FIRST_INSTANCE_PORT ?? 3321),
  dir: path.resolve("tests/.tmp/scale-out"),
  admin: { email: "admin@scale-out.test", password: "scale-out admin password" },
  rateLimit: 100,
};
export const STATE_FILE = path.join(SCALE_OUT.dir, "cluster.json");

declare module "vitest" {
  export interface ProvidedContext {
    scaleOutDatabaseUrl: string;
    /** The throwaway PostgreSQL's cluster, which the fault tests stop and start (null for a given server). */
    scaleOutPostgres: { dir: string; port: number; durable: boolean } | null;
  }
}

export default async function startScaleOutCluster(project: TestProject) {
  rmSync(SCALE_OUT.dir, { recursive: true, force: true });
  mkdirSync(SCALE_OUT.dir, { recursive: true });
  const postgres = await throwawayPostgres();
  await onServer(postgres.url, (admin) => admin.query(`CREATE DATABASE "tandem_scale_out_${process.pid}"`));
  const databaseUrl = withDatabase(postgres.url, `tandem_scale_out_${process.pid}`);

  let output = "";
  const cluster: ChildProcess = spawn("npx", ["tsx", "scripts/cluster.ts"], {
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      NODE_ENV: "production",
      DATABASE_URL: databaseUrl,
      PORT: String(SCALE_OUT.port),
      CLUSTER_FIRST_PORT: String(SCALE_OUT.firstInstancePort),
      CLUSTER_STATE_FILE: STATE_FILE,
      ADMIN_EMAIL: SCALE_OUT.admin.email,
      ADMIN_PASSWORD: SCALE_OUT.admin.password,
      TANDEM_DEMO: "0",
      API_RATE_LIMIT_PER_MINUTE: String(SCALE_OUT.rateLimit),
    },
  });
  cluster.stdout?.on("data", (chunk) => (output += chunk));
  cluster.stderr?.on("data", (chunk) => (output += chunk));
  const deadline = Date.now() + 240_000;
  while (!existsSync(STATE_FILE)) {
    if (cluster.exitCode !== null) throw new Error(`npm run cluster exited early:\n${output}`);
    if (Date.now() > deadline) throw new Error(`npm run cluster did not come up within 4 minutes:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  project.provide("scaleOutDatabaseUrl", databaseUrl);
  project.provide("scaleOutPostgres", postgres.cluster);

  return async () => {
    const { pid } = JSON.parse(readFileSync(STATE_FILE, "utf8")) as { pid: number };
    const exited = new Promise((resolve) => cluster.once("exit", resolve));
    process.kill(pid, "SIGTERM");
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 20_000))]);
    try {
      process.kill(-cluster.pid!, "SIGKILL"); // whatever is left of its process group
    } catch {
      // already gone
    }
    cluster.stdout?.destroy();
    cluster.stderr?.destroy();
    postgres.stop();
    if (process.env.SCALE_OUT_KEEP_LOG) console.log(output);
  };
}
