import { execFileSync, spawn } from "node:child_process";
import { closeSync, openSync, readdirSync, readFileSync, readlinkSync } from "node:fs";
import net from "node:net";

/**
 * The benchmark's servers as process trees: started in their own process group (so `npm start`,
 * its shell and the node that serves all stop together), logging to a file (a pipe read
 * by this process would cost CPU in the process that also generates the load), and stopped
 * on every way out: normal end, error, Ctrl-C.
 */
export type Server = { name: string; pid: number; logFile: string };

const running = new Set<Server>();

export function startProcess(name: string, command: string, args: string[], env: NodeJS.ProcessEnv, logFile: string): Server {
  const log = openSync(logFile, "w");
  const child = spawn(command, args, { detached: true, stdio: ["ignore", log, log], env });
  closeSync(log); // the child holds its own copy
  if (child.pid === undefined) throw new Error(`${name}: could not start ${command}`);
  child.unref();
  const server = { name, pid: child.pid, logFile };
  running.add(server);
  return server;
}

export function isRunning(server: Server) {
  try {
    process.kill(-server.pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** SIGTERM to the whole group (Tandem finishes in-flight requests), SIGKILL if it lingers. */
export async function stopProcess(server: Server, graceMs = 5_000) {
  running.delete(server);
  signalGroup(server.pid, "SIGTERM");
  const deadline = Date.now() + graceMs;
  while (isRunning(server) && Date.now() < deadline) await sleep(50);
  if (isRunning(server)) signalGroup(server.pid, "SIGKILL");
}

export async function stopAll() {
  await Promise.all([...running].map((server) => stopProcess(server)));
}

function signalGroup(pid: number, signal: NodeJS.Signals) {
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}

// Detached groups do not get the terminal's Ctrl-C, so this process must pass it on.
process.on("exit", () => {
  for (const server of running) signalGroup(server.pid, "SIGKILL");
});
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    console.error(`\n${signal}: stopping the servers`);
    void stopAll().finally(() => process.exit(130));
  });
}

/** Waits until `ready()` is true, failing early when the process tree is gone. */
export async function waitUntil(server: Server, ready: () => Promise<boolean>, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await ready().catch(() => false)) return;
    if (!isRunning(server)) throw new Error(`${server.name} exited before it was ready:\n${logTail(server)}`);
    if (Date.now() > deadline) throw new Error(`${server.name} was not ready within ${timeoutMs / 1000} s:\n${logTail(server)}`);
    await sleep(200);
  }
}

export function logTail(server: Server, lines = 40) {
  try {
    return readFileSync(server.logFile, "utf8").split("\n").slice(-lines).join("\n");
  } catch {
    return "(no log)";
  }
}

/** `count` ports in a row that nobody listens on now (`npm run cluster` numbers its instances from the first). */
export async function freeConsecutivePorts(count: number): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const first = await freePort();
    const rest = Array.from({ length: count - 1 }, (_, i) => first + 1 + i);
    if (rest.every((port) => port < 65_536) && (await Promise.all(rest.map(isFree))).every(Boolean)) return first;
  }
  throw new Error(`found no ${count} free ports in a row`);
}

function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once("error", () => resolve(false));
    probe.listen(port, () => probe.close(() => resolve(true)));
  });
}

/** A port nobody listens on now (the kernel picks it; released before the server binds it). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", reject);
    probe.listen(0, () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/**
 * The process LISTENING on `port`: the socket's inode from /proc/net/tcp(6), then the process
 * holding that inode among its file descriptors. `npm start` is a tree (npm, a shell, what the
 * start script runs) and only one process serves: the group leader's pid would measure npm.
 */
export function pidListeningOn(port: number): number | null {
  const inodes = new Set<string>();
  const portHex = port.toString(16).toUpperCase().padStart(4, "0");
  for (const table of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    let text: string;
    try {
      text = readFileSync(table, "utf8");
    } catch {
      continue;
    }
    for (const line of text.split("\n").slice(1)) {
      const fields = line.trim().split(/\s+/);
      // fields: sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode
      if (fields.length < 10 || fields[3] !== "0A") continue; // 0A = LISTEN
      if (fields[1]!.split(":")[1] === portHex) inodes.add(fields[9]!);
    }
  }
  if (inodes.size === 0) return null;
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    let fds: string[];
    try {
      fds = readdirSync(`/proc/${entry}/fd`);
    } catch {
      continue; // gone, or not ours to read
    }
    for (const fd of fds) {
      try {
        const match = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${entry}/fd/${fd}`));
        if (match && inodes.has(match[1]!)) return Number(entry);
      } catch {
        // closed meanwhile
      }
    }
  }
  return null;
}

/** What a process runs, for the report (so a reader can see which process of the tree was measured). */
export function commandLine(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").filter(Boolean).join(" ");
  } catch {
    return "?";
  }
}

/** Resident memory of one process, in bytes (VmRSS from /proc/PID/status). */
export function residentBytes(pid: number): number | null {
  try {
    const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return match ? Number(match[1]) * 1024 : null;
  } catch {
    return null;
  }
}

const TICKS_PER_SECOND = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;

/**
 * The CPU time (user + system, in ms) every process on the machine has used so far, with its
 * command name, from /proc/PID/stat. Two readings around a run say where its CPU went.
 */
export function cpuTimes(): Map<number, { command: string; ms: number }> {
  const times = new Map<number, { command: string; ms: number }>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, "utf8");
    } catch {
      continue; // gone meanwhile
    }
    // "pid (command) state ppid …": the command may hold spaces and parentheses, so split after the last ")".
    const close = stat.lastIndexOf(")");
    const fields = stat.slice(close + 2).split(" ");
    const ticks = Number(fields[11]) + Number(fields[12]); // utime, stime: fields 14 and 15 of stat(5)
    times.set(Number(entry), { command: stat.slice(stat.indexOf("(") + 1, close), ms: (ticks * 1000) / TICKS_PER_SECOND });
  }
  return times;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
