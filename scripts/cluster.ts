import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { databaseProvider, databaseUrl } from "#services/db/url.ts";

/**
 * `npm run cluster`: Tandem as a team runs it past one process (decision 0017). N instances of the
 * production build (default 2) on one PostgreSQL database, behind nginx from the system's packages
 * (config: deploy/nginx.conf). It builds and prepares the database once, starts the instances with
 * TRUST_PROXY=1, waits until each answers /healthz, then starts nginx. An instance that dies is
 * started again; SIGHUP restarts them one at a time (each stops gracefully while nginx sends new
 * requests to the others); Ctrl-C stops everything.
 *
 *   DATABASE_URL=postgresql://… npm run cluster            nginx on PORT (3000), instances on 3101…
 *   CLUSTER_INSTANCES=3 CLUSTER_FIRST_PORT=4101 …           other counts and ports
 */
export type ClusterOptions = { databaseUrl: string; instances?: number; port?: number; firstInstancePort?: number; env?: NodeJS.ProcessEnv };

export type Instance = { port: number; process: ChildProcess };

export type Cluster = {
  url: string;
  instances: Instance[];
  /** Stops each instance gracefully and starts it again, one at a time, each healthy before the next. */
  rollingRestart(): Promise<void>;
  stop(): Promise<void>;
};

const HEALTHY_WITHIN_MS = 60_000;

export async function startCluster(options: ClusterOptions): Promise<Cluster> {
  const { databaseUrl: url, instances: count = 2, port = 3000, firstInstancePort = 3101, env = {} } = options;
  if (databaseProvider(url) !== "postgres") {
    throw new Error("Several instances need PostgreSQL: set DATABASE_URL=postgresql://… (a SQLite file serves one instance).");
  }
  const nginx = nginxBinary();
  const instanceEnv: NodeJS.ProcessEnv = { ...process.env, ...env, DATABASE_URL: url, TRUST_PROXY: "1", NODE_ENV: "production" };

  // Build and migrate once, before any instance starts (the seed prints the first login).
  execFileSync("node", ["scripts/start.js", "--prepare-only"], { stdio: "inherit", env: instanceEnv });

  let stopping = false;
  const restarting = new Set<number>();
  const instances: Instance[] = [];
  const launch = (index: number): Instance => {
    const instancePort = firstInstancePort + index;
    const child = spawn("node", ["build/server/main.js"], { env: { ...instanceEnv, PORT: String(instancePort) }, stdio: ["ignore", "pipe", "pipe"] });
    prefixLines(child, `[tandem ${index + 1}]`);
    child.on("exit", (code, signal) => {
      if (stopping || restarting.has(index) || instances[index]?.process !== child) return;
      console.error(`[cluster] instance ${index + 1} exited (${signal ?? `code ${code}`}); starting it again`);
      instances[index] = launch(index);
      healthy(instancePort).catch((error) => console.error(`[cluster] instance ${index + 1}: ${(error as Error).message}`));
    });
    return { port: instancePort, process: child };
  };
  for (let i = 0; i < count; i++) instances.push(launch(i));
  await Promise.all(instances.map((instance) => healthy(instance.port)));

  // nginx's upstream lists the instances "in rotation"; a restart takes one out first (a graceful
  // nginx reload: old workers finish their requests), so no request is sent to a stopping instance.
  const runtime = mkdtempSync(path.join(tmpdir(), "tandem-nginx-"));
  chmodSync(runtime, 0o777); // nginx's workers run as another user when it is started as root
  const configFile = path.join(runtime, "nginx.conf");
  const template = readFileSync("deploy/nginx.conf", "utf8");
  const inRotation = new Set(instances.map((_, index) => index));
  const writeConfig = () => {
    const servers = [...inRotation]
      .sort()
      .map((index) => `    server 127.0.0.1:${instances[index]!.port} max_fails=1 fail_timeout=5s;`)
      .join("\n");
    writeFileSync(configFile, template.replaceAll("{{RUNTIME}}", runtime).replaceAll("{{PORT}}", String(port)).replaceAll("{{SERVERS}}", servers));
  };
  writeConfig();
  const proxy = spawn(nginx, ["-c", configFile, "-p", runtime, "-e", path.join(runtime, "error.log")], {
    stdio: ["ignore", "inherit", "inherit"],
  });
  const reload = async () => {
    writeConfig();
    proxy.kill("SIGHUP");
    // nginx applies a new configuration within milliseconds and gives no signal when it has; a
    // second is a wide margin before the instance it dropped is stopped.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  };
  const proxyUrl = `http://127.0.0.1:${port}`;
  await healthyAt(proxyUrl, "nginx");

  return {
    url: proxyUrl,
    instances,
    async rollingRestart() {
      for (let index = 0; index < instances.length; index++) {
        restarting.add(index);
        try {
          inRotation.delete(index);
          await reload();
          const old = instances[index]!.process;
          const exited = new Promise((resolve) => old.once("exit", resolve));
          old.kill("SIGTERM"); // it finishes what it was given, then exits
          await exited;
          instances[index] = launch(index);
          await healthy(instances[index]!.port);
          inRotation.add(index);
          await reload();
        } finally {
          restarting.delete(index);
        }
      }
    },
    async stop() {
      stopping = true;
      const exits = [proxy, ...instances.map((instance) => instance.process)]
        .filter((child) => child.exitCode === null && child.signalCode === null)
        .map((child) => new Promise((resolve) => child.once("exit", resolve)));
      proxy.kill("SIGQUIT"); // nginx's graceful stop
      for (const instance of instances) instance.process.kill("SIGTERM");
      await Promise.all(exits);
      rmSync(runtime, { recursive: true, force: true });
    },
  };
}

function nginxBinary(): string {
  for (const candidate of ["/usr/sbin/nginx", "/usr/local/sbin/nginx", "/usr/bin/nginx"]) if (existsSync(candidate)) return candidate;
  throw new Error("npm run cluster needs nginx (Debian: apt-get install nginx).");
}

function healthy(port: number) {
  return healthyAt(`http://127.0.0.1:${port}`, `the instance on port ${port}`);
}

/** Waits until `${base}/healthz` answers 200. */
async function healthyAt(base: string, what: string) {
  const deadline = Date.now() + HEALTHY_WITHIN_MS;
  while (Date.now() < deadline) {
    const status = await fetch(`${base}/healthz`, { signal: AbortSignal.timeout(2_000) }).then(
      (response) => response.status,
      () => 0,
    );
    if (status === 200) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${what} did not answer /healthz within ${HEALTHY_WITHIN_MS / 1000} s`);
}

function prefixLines(child: ChildProcess, prefix: string) {
  for (const [stream, out] of [
    [child.stdout, process.stdout],
    [child.stderr, process.stderr],
  ] as const) {
    let pending = "";
    stream?.setEncoding("utf8");
    stream?.on("data", (data: string) => {
      const lines = (pending + data).split("\n");
      pending = lines.pop() ?? "";
      for (const line of lines) out.write(`${prefix} ${line}\n`);
    });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const cluster = await startCluster({
    databaseUrl: databaseUrl(),
    instances: Number(process.env.CLUSTER_INSTANCES ?? 2),
    port: Number(process.env.PORT ?? 3000),
    firstInstancePort: Number(process.env.CLUSTER_FIRST_PORT ?? 3101),
  }).catch((error: Error) => {
    console.error(error.message);
    process.exit(1);
  });
  // For tests and tools: where everything is, rewritten whenever it changes.
  const stateFile = process.env.CLUSTER_STATE_FILE;
  let rollingRestarts = 0;
  const writeState = () => {
    if (!stateFile) return;
    const instances = cluster.instances.map((instance) => ({ port: instance.port, pid: instance.process.pid }));
    // Written aside and renamed, so a reader never sees half of it.
    writeFileSync(`${stateFile}.new`, JSON.stringify({ pid: process.pid, url: cluster.url, instances, rollingRestarts }));
    renameSync(`${stateFile}.new`, stateFile);
  };
  writeState();
  setInterval(writeState, 250).unref(); // an instance started again has a new pid
  const ports = cluster.instances.map((instance) => instance.port).join(", ");
  console.log(`\n  Tandem is at ${cluster.url.replace("127.0.0.1", "localhost")}: nginx in front of ${cluster.instances.length} instances (ports ${ports}).`);
  console.log(`  kill -HUP ${process.pid} restarts them one at a time; Ctrl-C stops everything.\n`);
  let busy = false;
  process.on("SIGHUP", () => {
    if (busy) return;
    busy = true;
    console.log("[cluster] rolling restart…");
    cluster.rollingRestart().then(
      () => {
        rollingRestarts += 1;
        writeState();
        console.log("[cluster] every instance restarted");
      },
      (error: Error) => console.error(`[cluster] rolling restart failed: ${error.message}`),
    ).finally(() => (busy = false));
  });
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => cluster.stop().then(() => process.exit(0)));
  }
}
