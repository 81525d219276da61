import os from "node:os";

/** CPU milliseconds used during a run, by kind of process (see cpuShare in http.ts). */
export type CpuShare = { app: number; postgres: number; nginx: number; load: number; other: number };

/** One measured autocannon run of one endpoint against one server. */
export type Run = {
  round: number;
  server: string;
  endpoint: string;
  expectedStatus: number;
  reqPerSec: number;
  p50: number;
  p99: number;
  requests: number;
  statusCounts: Record<string, number>;
  /** autocannon's connection errors; they include the timeouts. */
  errors: number;
  timeouts: number;
  /** Answers with another status than expected, plus errors (timeouts among them). */
  unexpected: number;
  cpuMs: CpuShare;
};

export type Summary = {
  endpoint: string;
  server: string;
  /** Mean over rounds. */
  reqPerSec: number;
  /** Mean over rounds. */
  p50: number;
  /** Worst round. */
  p99: number;
  unexpected: number;
  statusCounts: Record<string, number>;
  /** CPU milliseconds per answered request, by kind of process, over all rounds. */
  cpuMsPerRequest: CpuShare;
};

export type Check = {
  name: string;
  value: number | null;
  unit: string;
  goal: { op: ">=" | "<=" | "="; target: number } | null;
  /** Shown against its goal but not a pass/fail (a long-run aim, or a number for context). */
  informational: boolean;
};

export type Verdict = "PASS" | "FAIL" | "info" | "n/a";

const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;

export function summarize(runs: Run[]): Summary[] {
  const groups = new Map<string, Run[]>();
  for (const run of runs) {
    const key = `${run.endpoint}\u0000${run.server}`;
    groups.set(key, [...(groups.get(key) ?? []), run]);
  }
  return [...groups.values()].map((group) => {
    const statusCounts: Record<string, number> = {};
    for (const run of group) for (const [code, count] of Object.entries(run.statusCounts)) statusCounts[code] = (statusCounts[code] ?? 0) + count;
    return {
      endpoint: group[0]!.endpoint,
      server: group[0]!.server,
      reqPerSec: mean(group.map((run) => run.reqPerSec)),
      p50: mean(group.map((run) => run.p50)),
      p99: Math.max(...group.map((run) => run.p99)),
      unexpected: group.reduce((sum, run) => sum + run.unexpected, 0),
      statusCounts,
      cpuMsPerRequest: perRequest(group),
    };
  });
}

function perRequest(group: Run[]): CpuShare {
  const requests = group.reduce((sum, run) => sum + run.requests, 0) || 1;
  const share: CpuShare = { app: 0, postgres: 0, nginx: 0, load: 0, other: 0 };
  for (const run of group) for (const kind of Object.keys(share) as (keyof CpuShare)[]) share[kind] += run.cpuMs[kind] / requests;
  return share;
}

export function checks(summaries: Summary[], extra: { rssMb: number | null; firstLoadKb: number | null }): Check[] {
  const find = (endpoint: string, server: string) => summaries.find((s) => s.endpoint === endpoint && s.server === server);
  const ratio = (a?: Summary, b?: Summary) => (a && b && b.reqPerSec > 0 ? a.reqPerSec / b.reqPerSec : null);
  const tandem = (endpoint: string) => find(endpoint, "tandem");
  const check = (name: string, value: number | null, unit: string, goal: Check["goal"], informational = false): Check => ({
    name,
    value,
    unit,
    goal,
    informational,
  });
  return [
    check("API list: tandem/peer req/s", ratio(tandem("api-list"), find("api-list", "peer")), "x", { op: ">=", target: 1.2 }),
    check("API list: tandem/raw req/s (long-run)", ratio(tandem("api-list"), find("api-list", "raw")), "x", { op: ">=", target: 0.25 }, true),
    check("API list: tandem p99", tandem("api-list")?.p99 ?? null, "ms", { op: "<=", target: 100 }),
    check("API list: tandem unexpected", tandem("api-list")?.unexpected ?? null, "", { op: "=", target: 0 }),
    check("API create: tandem/peer req/s", ratio(tandem("api-create"), find("api-create", "peer")), "x", { op: ">=", target: 1.0 }),
    check("API create: tandem/raw req/s (long-run)", ratio(tandem("api-create"), find("api-create", "raw")), "x", { op: ">=", target: 0.25 }, true),
    check("API create: tandem p99", tandem("api-create")?.p99 ?? null, "ms", { op: "<=", target: 100 }),
    check("API create: tandem unexpected", tandem("api-create")?.unexpected ?? null, "", { op: "=", target: 0 }),
    check("API read 304: tandem/peer req/s", ratio(tandem("api-read-304"), find("api-read-304", "peer")), "x", null, true),
    check("tasks page / tandem api-list", ratio(tandem("tasks-page"), tandem("api-list")), "x", { op: ">=", target: 0.5 }),
    check("dashboard / tandem api-list", ratio(tandem("dashboard"), tandem("api-list")), "x", { op: ">=", target: 0.33 }),
    check("form create / tandem api-create", ratio(tandem("form-create"), tandem("api-create")), "x", { op: ">=", target: 0.5 }),
    // Tandem on PostgreSQL (issue 11): for context, no goal. Two instances share the same two cores.
    ...["api-list", "api-create", "tasks-page"].flatMap((endpoint) => [
      check(`${endpoint}: tandem-pg/tandem req/s`, ratio(find(endpoint, "tandem-pg"), tandem(endpoint)), "x", null, true),
      check(`${endpoint}: tandem-pg-x2/tandem-pg req/s`, ratio(find(endpoint, "tandem-pg-x2"), find(endpoint, "tandem-pg")), "x", null, true),
    ]),
    check("Tandem RSS after the benchmark", extra.rssMb, "MB", { op: "<=", target: 200 }),
    check("first-load JS on /login, gzipped", extra.firstLoadKb, "KB", { op: "<=", target: 90 }),
  ];
}

export function verdict(check: Check): Verdict {
  if (check.value === null) return "n/a";
  if (!check.goal) return "info";
  const { op, target } = check.goal;
  const met = op === ">=" ? check.value >= target : op === "<=" ? check.value <= target : check.value === target;
  if (check.informational) return "info";
  return met ? "PASS" : "FAIL";
}

function metNote(check: Check) {
  if (!check.informational || !check.goal || check.value === null) return "";
  const { op, target } = check.goal;
  const met = op === ">=" ? check.value >= target : op === "<=" ? check.value <= target : check.value === target;
  return met ? " (met)" : " (not yet)";
}

/** Milliseconds: whole above 10, one decimal below (autocannon's percentiles are whole ms, means are not). */
const ms = (value: number) => (value >= 10 ? value.toFixed(0) : value.toFixed(1));
/** Ratios with two decimals, sizes with one, counts whole. */
const inUnit = (value: number, unit: string) => (unit === "x" ? value.toFixed(2) : unit === "ms" ? ms(value) : unit === "" ? String(value) : value.toFixed(1));

function columns(rows: string[][], rightAligned: Set<number>) {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((row) => row[i]!.length)));
  return rows.map((row) => row.map((cell, i) => (rightAligned.has(i) ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!))).join("  ").trimEnd());
}

export function resultsTable(summaries: Summary[]) {
  const rows = [["endpoint", "server", "req/s", "p50 ms", "p99 ms", "unexpected", "answers"]];
  for (const s of summaries) {
    const answers = Object.entries(s.statusCounts)
      .map(([code, count]) => `${code}×${count}`)
      .join(" ");
    rows.push([s.endpoint, s.server, s.reqPerSec.toFixed(0), ms(s.p50), ms(s.p99), String(s.unexpected), answers]);
  }
  return columns(rows, new Set([2, 3, 4, 5])).join("\n");
}

/** Per (endpoint, server): CPU ms per request by kind of process, and their sum. */
export function cpuTable(summaries: Summary[]) {
  const kinds = ["app", "postgres", "nginx", "load", "other"] as const;
  const rows = [["endpoint", "server", ...kinds, "total"]];
  for (const s of summaries) {
    const values = kinds.map((kind) => s.cpuMsPerRequest[kind]);
    rows.push([s.endpoint, s.server, ...[...values, values.reduce((a, b) => a + b, 0)].map((value) => value.toFixed(2))]);
  }
  return columns(rows, new Set([2, 3, 4, 5, 6, 7])).join("\n");
}

export function checksTable(list: Check[]) {
  const rows = [["check", "value", "goal", "result"]];
  for (const check of list) {
    const unit = check.unit ? ` ${check.unit}` : "";
    const value = check.value === null ? "n/a" : `${inUnit(check.value, check.unit)}${unit}`;
    const op = check.goal ? { ">=": "≥", "<=": "≤", "=": "=" }[check.goal.op] : "";
    const target = check.goal ? (check.unit === "x" ? check.goal.target.toFixed(2) : String(check.goal.target)) : "";
    const goal = check.goal ? `${op} ${target}${unit}` : "-";
    rows.push([check.name, value, goal, `${verdict(check)}${metNote(check)}`]);
  }
  return columns(rows, new Set([1])).join("\n");
}

export function machine() {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model.trim() ?? "unknown",
    cpuCount: cpus.length,
    memoryGb: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
    platform: `${os.type()} ${os.release()}`,
    date: new Date().toISOString(),
  };
}
