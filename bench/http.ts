/**
 * `npm run bench:http`: Tandem beside an Express + Prisma peer and a raw node:http +
 * better-sqlite3 server, each on a fresh copy of one seeded database, and Tandem on PostgreSQL
 * (one instance, and two behind nginx as `npm run cluster` runs them) on the same data, loaded
 * by autocannon in interleaved rounds, then one table, where the CPU went, and the goals. See
 * bench/README.md.
 *
 *   npm run bench:http -- [--connections 32] [--duration 6] [--rounds 2] [--json out.json] [--verbose] [--no-postgres]
 *
 * Exits 0 whatever the numbers (it measures, it does not assert); non-zero when a server does
 * not start or an endpoint answers wrongly before measuring.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import { build } from "esbuild";
import { onServer, throwawayPostgres, withDatabase, type TestPostgres } from "#scripts/throwaway-postgres.ts";
import { ADMIN, copyDatabase, createTemplate, TASK_COUNT, TOKEN_SECRET } from "./fixture.ts";
import { firstLoadJs, type FirstLoadJs } from "./first-load-js.ts";
import { copyTemplateToPostgres } from "./postgres-fixture.ts";
import {
  commandLine,
  cpuTimes,
  freeConsecutivePorts,
  freePort,
  isRunning,
  logTail,
  pidListeningOn,
  residentBytes,
  startProcess,
  stopAll,
  waitUntil,
  type Server,
} from "./processes.ts";
import { checks, checksTable, cpuTable, machine, resultsTable, summarize, verdict, type CpuShare, type Run } from "./report.ts";

const { values: flags } = parseArgs({
  options: {
    connections: { type: "string", default: "32" },
    duration: { type: "string", default: "6" },
    rounds: { type: "string", default: "2" },
    json: { type: "string" },
    verbose: { type: "boolean", default: false },
    "no-postgres": { type: "boolean", default: false },
  },
});
const config = {
  connections: positive("connections"),
  durationSeconds: positive("duration"),
  rounds: positive("rounds"),
  warmupSeconds: 1,
  // One value for all three servers (each reads it through sqlitePragmas()).
  synchronous: (process.env.SQLITE_SYNCHRONOUS ?? "FULL").toUpperCase(),
  tasks: TASK_COUNT,
  apiRateLimitPerMinute: 1_000_000_000,
};

const ROOT = process.cwd();
const TMP = path.join(ROOT, "bench", ".tmp");

/** `tandem-pg`: one instance on PostgreSQL; `tandem-pg-x2`: two behind nginx (`npm run cluster`), on another database. */
type ServerName = "raw" | "peer" | "tandem" | "tandem-pg" | "tandem-pg-x2";
type TandemName = Extract<ServerName, `tandem${string}`>;
type Target = { name: ServerName; port: number; process: Server; base: string; /** the processes that serve its requests */ servingPids: number[] };
type Request = { method: "GET" | "POST"; path: string; headers: Record<string, string>; body?: string };
type Endpoint = { name: string; servers: ServerName[]; request: (server: ServerName) => Request; expected: number };

async function main() {
  rmSync(TMP, { recursive: true, force: true });
  mkdirSync(TMP, { recursive: true });

  console.error("Seeding the fixture database…");
  const template = await createTemplate(TMP);
  const files = {
    tandem: copyDatabase(template.file, path.join(TMP, "tandem.db")),
    peer: copyDatabase(template.file, path.join(TMP, "peer.db")),
    raw: copyDatabase(template.file, path.join(TMP, "raw.db")),
  };

  console.error("Bundling the reference servers…");
  const bundles = { peer: await bundle("express-prisma"), raw: await bundle("raw") };

  console.error("Starting the servers (npm start may build first)…");
  const env = { ...process.env, NODE_ENV: "production" as const, SQLITE_SYNCHRONOUS: config.synchronous };
  const tandemEnv = {
    ...env,
    TANDEM_DEMO: "0",
    // High enough never to refuse, so the limiter still runs on every request but never answers 429.
    API_RATE_LIMIT_PER_MINUTE: String(config.apiRateLimitPerMinute),
  };
  const ports = { tandem: await freePort(), peer: await freePort(), raw: await freePort() };
  const tandem = target("tandem", ports.tandem, startProcess("tandem", "npm", ["start"], {
    ...tandemEnv,
    PORT: String(ports.tandem),
    DATABASE_URL: `file:${files.tandem}`,
  }, path.join(TMP, "tandem.log")));
  const peer = target("peer", ports.peer, startProcess("peer", "node", [bundles.peer, String(ports.peer), files.peer], env, path.join(TMP, "peer.log")));
  const raw = target("raw", ports.raw, startProcess("raw", "node", [bundles.raw, String(ports.raw), files.raw], env, path.join(TMP, "raw.log")));
  await Promise.all([
    // First alone: `npm start` builds when the sources changed, and the PostgreSQL instances reuse that build.
    waitUntil(tandem.process, async () => (await fetch(`${tandem.base}/healthz`)).status === 200, 180_000),
    waitUntil(peer.process, async () => logTail(peer.process).includes("ready on port"), 30_000),
    waitUntil(raw.process, async () => logTail(raw.process).includes("ready on port"), 30_000),
  ]);
  for (const server of [peer, raw]) console.error(`  ${logTail(server.process).trim().split("\n").at(-1)}`);
  for (const server of [tandem, peer, raw]) server.servingPids = [pidListeningOn(server.port) ?? server.process.pid];
  const tandemPid = tandem.servingPids[0]!;
  console.error(`  tandem ready on port ${tandem.port} (listening process ${tandemPid}: ${commandLine(tandemPid)})`);

  const targets: Partial<Record<ServerName, Target>> = { raw, peer, tandem };
  if (flags["no-postgres"]) {
    console.error("--no-postgres: Tandem on PostgreSQL is not measured.");
  } else {
    Object.assign(targets, await startOnPostgres(template.file, tandemEnv));
  }
  const cookies: Partial<Record<ServerName, string>> = {};
  for (const name of TANDEMS) if (targets[name]) cookies[name] = await signIn(targets[name]);
  const endpoints = await smokeCheck(targets, cookies, template.taskId);

  const loginHtml = await (await fetch(`${tandem.base}/login`)).text();
  const firstLoad = firstLoadJs(path.join(ROOT, "build", "client"), loginHtml, { id: "routes/login", path: "login" });

  const runs: Run[] = [];
  for (let round = 1; round <= config.rounds; round++) {
    for (const endpoint of endpoints) {
      // Alternate the order each round so no server always runs right after the same neighbour.
      const order = endpoint.servers.filter((name) => targets[name]);
      if (round % 2 === 0) order.reverse();
      for (const name of order) {
        const server = targets[name]!;
        if (round === 1) await load(server, endpoint, config.warmupSeconds); // thrown away: JIT, caches, pools
        // The servers share one disk: without this, a run's fsyncs also wait for the writeback of the
        // previous run's writes (ext4 commits every dirty page with its journal), which put a
        // second-long tail on whichever server followed a fast writer.
        execFileSync("sync");
        const before = cpuTimes();
        const result = await load(server, endpoint, config.durationSeconds);
        const run = toRun(round, server, endpoint, result, cpuShare(before, cpuTimes(), server.servingPids));
        runs.push(run);
        console.error(
          `round ${round}/${config.rounds}  ${endpoint.name.padEnd(12)} ${name.padEnd(6)} ${run.reqPerSec.toFixed(0).padStart(6)} req/s  p99 ${run.p99} ms  unexpected ${run.unexpected}`,
        );
      }
    }
  }

  // The processes that serve, found again now (they should be the same ones), and their memory after all rounds.
  const rss: Partial<Record<ServerName, number | null>> = {};
  for (const server of Object.values(targets)) {
    const pids = server.name === "tandem-pg-x2" ? server.servingPids : [pidListeningOn(server.port) ?? server.servingPids[0]!];
    const sizes = pids.map(residentBytes);
    rss[server.name] = sizes.includes(null) ? null : sizes.reduce((sum, size) => sum! + size!, 0);
    if (!isRunning(server.process)) console.error(`warning: ${server.name} stopped during the benchmark:\n${logTail(server.process)}`);
  }
  await stopAll();
  postgres?.stop();

  const summary = summarize(runs);
  const mb = (bytes: number | null) => (bytes === null ? null : Math.round((bytes / 1024 ** 2) * 10) / 10);
  const list = checks(summary, { rssMb: mb(rss.tandem ?? null), firstLoadKb: Math.round((firstLoad.gzipBytes / 1024) * 10) / 10 });
  const about = machine();

  console.log("");
  console.log(`Machine: ${about.cpu} × ${about.cpuCount}, ${about.memoryGb} GB, Node ${about.node}, ${about.platform}`);
  console.log(`Date:    ${about.date}`);
  console.log(
    `Config:  ${config.connections} connections, ${config.durationSeconds} s × ${config.rounds} round(s), ${config.warmupSeconds} s warm-up, ` +
      `synchronous=${config.synchronous}, ${config.tasks} seeded tasks; autocannon on the same machine`,
  );
  console.log("");
  console.log(resultsTable(summary));
  console.log("");
  console.log("CPU per request in ms, by process (all processes on the machine, measured runs only):");
  console.log(cpuTable(summary));
  console.log("");
  console.log(checksTable(list));
  console.log("");
  const memory = Object.entries(rss).map(([name, bytes]) => `${name} ${mb(bytes ?? null) ?? "n/a"} MB`);
  console.log(`RSS after the benchmark: ${memory.join(", ")} (tandem-pg-x2: both instances; tandem pid ${tandemPid})`);
  if (flags.verbose) printFirstLoad(firstLoad);

  if (flags.json) {
    const report = {
      machine: about,
      config,
      servers: Object.fromEntries(Object.values(targets).map((t) => [t.name, { port: t.port, pids: t.servingPids, rssBytes: rss[t.name] }])),
      endpoints: endpoints.map(({ name, servers, request, expected }) => ({ name, servers, method: request("tandem").method, path: request("tandem").path, expected })),
      runs,
      summary,
      checks: list.map((check) => ({ ...check, result: verdict(check) })),
      firstLoadJs: firstLoad,
    };
    writeFileSync(flags.json, `${JSON.stringify(report, null, 2)}\n`);
    console.log(`Wrote ${flags.json}`);
  }
}

function positive(name: "connections" | "duration" | "rounds") {
  const value = Number(flags[name]);
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} must be a whole number ≥ 1, not "${flags[name]}"`);
  return value;
}

function target(name: ServerName, port: number, child: Server): Target {
  return { name, port, process: child, base: `http://127.0.0.1:${port}`, servingPids: [] };
}

const TANDEMS: TandemName[] = ["tandem", "tandem-pg", "tandem-pg-x2"];
let postgres: TestPostgres | null = null;

/**
 * A throwaway PostgreSQL with its own defaults (durable: a commit waits for the disk, as SQLite's
 * `synchronous = FULL` does), two databases filled from the template, and Tandem on each: one
 * instance by `npm start`, two behind nginx by `npm run cluster`, both as a person starts them.
 */
async function startOnPostgres(templateFile: string, tandemEnv: NodeJS.ProcessEnv): Promise<Partial<Record<ServerName, Target>>> {
  console.error("Starting PostgreSQL and copying the fixture into it…");
  postgres = await throwawayPostgres({ durable: true });
  const urls = { one: withDatabase(postgres.url, "tandem_bench_one"), two: withDatabase(postgres.url, "tandem_bench_two") };
  await onServer(postgres.url, async (admin) => {
    for (const name of ["tandem_bench_one", "tandem_bench_two"]) {
      await admin.query(`DROP DATABASE IF EXISTS ${name}`);
      await admin.query(`CREATE DATABASE ${name}`);
    }
  });
  await Promise.all([copyTemplateToPostgres(templateFile, urls.one), copyTemplateToPostgres(templateFile, urls.two)]);

  const onePort = await freePort();
  const one = target("tandem-pg", onePort, startProcess("tandem-pg", "npm", ["start"], { ...tandemEnv, PORT: String(onePort), DATABASE_URL: urls.one }, path.join(TMP, "tandem-pg.log")));
  const proxyPort = await freePort();
  const firstInstancePort = await freeConsecutivePorts(2);
  const two = target("tandem-pg-x2", proxyPort, startProcess("tandem-pg-x2", "npm", ["run", "cluster"], {
    ...tandemEnv,
    DATABASE_URL: urls.two,
    PORT: String(proxyPort),
    CLUSTER_INSTANCES: "2",
    CLUSTER_FIRST_PORT: String(firstInstancePort),
  }, path.join(TMP, "tandem-pg-x2.log")));
  await Promise.all([one, two].map((server) => waitUntil(server.process, async () => (await fetch(`${server.base}/healthz`)).status === 200, 180_000)));
  one.servingPids = [pidListeningOn(one.port)!];
  // The instances serve; nginx only passes requests on (its CPU is counted apart, as "nginx").
  two.servingPids = [firstInstancePort, firstInstancePort + 1].map((port) => pidListeningOn(port)!);
  console.error(`  tandem-pg ready on port ${one.port}; tandem-pg-x2: nginx on port ${two.port}, instances on ${firstInstancePort} and ${firstInstancePort + 1}`);
  return { "tandem-pg": one, "tandem-pg-x2": two };
}


/** Each reference server as one ESM file run by plain node: no TypeScript loader at run time. */
async function bundle(name: string) {
  const outfile = path.join(TMP, `${name}.mjs`);
  await build({
    entryPoints: [path.join(ROOT, "bench", "servers", `${name}.ts`)],
    outfile,
    bundle: true,
    platform: "node",
    format: "esm",
    packages: "external",
    target: "node20",
    logLevel: "warning",
  });
  return outfile;
}

/** Signs in through the form, as a browser without JavaScript does; returns `name=value` of the session cookie. */
async function signIn(tandem: Target) {
  const response = await fetch(`${tandem.base}/login`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ email: ADMIN.email, password: ADMIN.password }).toString(),
    redirect: "manual",
  });
  const session = response.headers
    .getSetCookie()
    .map((header) => header.split(";")[0]!)
    .find((pair) => /^(__Host-)?tandem_session=./.test(pair));
  if (response.status !== 302 || !session) {
    throw new Error(`signing in answered ${response.status} without a session cookie:\n${(await response.text()).slice(0, 500)}`);
  }
  return session;
}

/**
 * One request per endpoint and server by hand before any load: the expected status, the
 * answer's shape, and what a write actually wrote. Returns the endpoints to measure.
 */
async function smokeCheck(targets: Partial<Record<ServerName, Target>>, cookies: Partial<Record<ServerName, string>>, taskId: string): Promise<Endpoint[]> {
  const bearer = { Authorization: `Bearer ${TOKEN_SECRET}` };
  const all = (Object.keys(targets) as ServerName[]).filter((name) => targets[name]);
  const tandems = TANDEMS.filter((name) => targets[name]);
  const send = (server: Target, request: Request) =>
    fetch(server.base + request.path, { method: request.method, headers: request.headers, body: request.body, redirect: "manual" });
  const fail = (server: Target, what: string, response: Response, body = "") =>
    new Error(`${server.name}: ${what} answered ${response.status}${body ? `:\n${body.slice(0, 500)}` : ""}\n${logTail(server.process, 10)}`);

  const list: Request = { method: "GET", path: "/api/tasks?limit=20", headers: bearer };
  const create: Request = {
    method: "POST",
    path: "/api/tasks",
    headers: { ...bearer, "Content-Type": "application/json" },
    body: JSON.stringify({ title: "Bench task", description: "Made by the benchmark" }),
  };
  const shapes = new Map<ServerName, string>();
  let etag = "";
  for (const name of all) {
    const server = targets[name]!;
    let response = await send(server, list);
    const page = (await response.json().catch(() => null)) as { data?: Record<string, unknown>[]; nextCursor?: unknown } | null;
    if (response.status !== 200 || page?.data?.length !== 20 || typeof page.nextCursor !== "string") {
      throw fail(server, "GET /api/tasks?limit=20", response, JSON.stringify(page));
    }
    shapes.set(name, Object.keys(page.data[0]!).sort().join(","));

    response = await send(server, create);
    const location = response.headers.get("location") ?? "";
    if (response.status !== 201 || !location.startsWith("/api/tasks/")) throw fail(server, "POST /api/tasks", response, await response.text());

    response = await send(server, { method: "GET", path: `/api/tasks/${taskId}`, headers: bearer });
    const tag = response.headers.get("etag");
    if (response.status !== 200 || !tag) throw fail(server, `GET /api/tasks/${taskId} (with an ETag)`, response, await response.text());
    if (etag && tag !== etag) throw new Error(`${name} tags the seeded task ${tag}, another server ${etag}`);
    etag = tag;
    response = await send(server, { method: "GET", path: `/api/tasks/${taskId}`, headers: { ...bearer, "If-None-Match": etag } });
    if (response.status !== 304) throw fail(server, `GET /api/tasks/${taskId} with If-None-Match: ${etag}`, response);
  }
  if (new Set(shapes.values()).size > 1) {
    console.error(`warning: the servers' task JSON differs in its keys:\n${[...shapes].map(([n, keys]) => `  ${n}: ${keys}`).join("\n")}`);
  }

  // Each Tandem has its own database, so its own session.
  const page = (path: string) => (name: ServerName): Request => ({ method: "GET", path, headers: { Cookie: cookies[name]! } });
  // The new-task form's fields as a browser sends them (app/components/task-form.tsx): empty means none.
  const form = (name: ServerName): Request => ({
    method: "POST",
    path: "/tasks/new",
    headers: { Cookie: cookies[name]!, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ title: "Bench form task", description: "", status: "TODO", assigneeId: "", dueDate: "" }).toString(),
  });
  let formStatus = 0;
  for (const name of tandems) {
    const tandem = targets[name]!;
    for (const request of [page("/tasks")(name), page("/")(name)]) {
      const response = await send(tandem, request);
      if (response.status !== 200) throw fail(tandem, `GET ${request.path} signed in`, response, await response.text());
    }
    const response = await send(tandem, form(name));
    const created = /^\/tasks\/([^/?#]+)$/.exec(response.headers.get("location") ?? "")?.[1];
    if ((response.status !== 302 && response.status !== 303) || !created) throw fail(tandem, "POST /tasks/new", response, await response.text());
    const check = await send(tandem, { method: "GET", path: `/api/tasks/${created}`, headers: bearer });
    const task = (await check.json().catch(() => null)) as { title?: string } | null;
    if (check.status !== 200 || task?.title !== "Bench form task") throw fail(tandem, `the task the form created (GET /api/tasks/${created})`, check);
    if (formStatus && response.status !== formStatus) throw new Error(`${name} redirects the form post with ${response.status}, another Tandem with ${formStatus}`);
    formStatus = response.status;
  }

  const same = (request: Request) => () => request;
  return [
    { name: "api-list", servers: all, request: same(list), expected: 200 },
    { name: "api-create", servers: all, request: same(create), expected: 201 },
    { name: "api-read-304", servers: all, request: same({ method: "GET", path: `/api/tasks/${taskId}`, headers: { ...bearer, "If-None-Match": etag } }), expected: 304 },
    { name: "tasks-page", servers: tandems, request: page("/tasks"), expected: 200 },
    { name: "dashboard", servers: tandems, request: page("/"), expected: 200 },
    { name: "form-create", servers: tandems, request: form, expected: formStatus },
  ];
}

function load(server: Target, endpoint: Endpoint, seconds: number) {
  const { method, path, headers, body } = endpoint.request(server.name);
  return autocannon({ url: server.base + path, method, headers, body, connections: config.connections, duration: seconds });
}

/**
 * Where a run's CPU went, per request: the processes that serve the target ("app"), PostgreSQL's,
 * nginx's, this process (autocannon, "load") and everything else on the machine ("other").
 */
function cpuShare(before: Map<number, { ms: number }>, after: Map<number, { command: string; ms: number }>, serving: number[]): CpuShare {
  const share: CpuShare = { app: 0, postgres: 0, nginx: 0, load: 0, other: 0 };
  for (const [pid, { command, ms }] of after) {
    const used = ms - (before.get(pid)?.ms ?? 0);
    const group = pid === process.pid ? "load" : serving.includes(pid) ? "app" : command === "postgres" ? "postgres" : command === "nginx" ? "nginx" : "other";
    share[group] += used;
  }
  return share;
}

function toRun(round: number, server: Target, endpoint: Endpoint, result: autocannon.Result, cpu: CpuShare): Run {
  const statusCounts: Record<string, number> = {};
  for (const [code, { count = 0 }] of Object.entries(result.statusCodeStats ?? {})) statusCounts[code] = count;
  const answered = Object.values(statusCounts).reduce((sum, count) => sum + count, 0);
  const wrong = answered - (statusCounts[String(endpoint.expected)] ?? 0);
  return {
    round,
    server: server.name,
    endpoint: endpoint.name,
    expectedStatus: endpoint.expected,
    reqPerSec: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result.requests.total,
    statusCounts,
    errors: result.errors,
    timeouts: result.timeouts,
    unexpected: wrong + result.errors, // autocannon's errors include its timeouts
    cpuMs: cpu,
  };
}

function printFirstLoad(firstLoad: FirstLoadJs) {
  console.log("");
  console.log(`First-load JavaScript on /login (manifest ${firstLoad.manifest}; the HTML names ${firstLoad.htmlScripts.length} scripts):`);
  for (const file of firstLoad.files) {
    const note = file.inHtml ? file.from : `${file.from}; not named by the HTML`;
    console.log(`  ${(file.gzipBytes / 1024).toFixed(1).padStart(6)} KB gz  ${(file.bytes / 1024).toFixed(1).padStart(6)} KB  ${file.file}  (${note})`);
  }
  console.log(`  ${(firstLoad.gzipBytes / 1024).toFixed(1).padStart(6)} KB gz  total`);
}

try {
  await main();
} catch (error) {
  console.error(`\nbench:http failed: ${error instanceof Error ? error.message : String(error)}`);
  await stopAll();
  process.exit(1);
}
