import { execFileSync } from "node:child_process";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkAgainstDocument, personWithToken } from "#tests/api/support.ts";
import { copyOfTestDatabase, ownPort, removeCopy, startOwnServer, type OwnServer } from "#tests/support/own-server.ts";

/**
 * Faults of the database under a running server: each must give a clear 503 (problem+json
 * with Retry-After in the API, an error page saying so in the UI), write nothing, and pass
 * without a restart once the condition clears. One server of our own, on its own copy of the
 * database, takes the faults one after another.
 */
let server: OwnServer;
let databaseFile: string;
let token: string;
let unusedToken: string;
let cookie: string;

beforeAll(async () => {
  const person = await personWithToken("MEMBER");
  token = person.token;
  // Never used before the faults: its first use wants to record its last-used time.
  unusedToken = (await personWithToken("MEMBER")).token;
  databaseFile = await copyOfTestDatabase();
  server = await startOwnServer({ port: ownPort(4), databaseFile });
  const login = await fetch(`${server.base}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ email: person.user.email, password: person.user.password }),
  });
  expect(login.status).toBe(302);
  cookie = login.headers.getSetCookie()[0]!.split(";")[0]!;
}, 90_000);

afterAll(async () => {
  server?.kill("SIGKILL");
  await server?.exited;
  if (databaseFile) removeCopy(databaseFile);
});

async function apiCreate(title: string) {
  const response = await fetch(`${server.base}/api/tasks`, {
    method: "POST",
    headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
    body: JSON.stringify({ title }),
  });
  const text = await response.text();
  const result = { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined, text };
  await checkAgainstDocument("POST", "/api/tasks", result);
  return result;
}

function formCreate(title: string) {
  return fetch(`${server.base}/tasks/new`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: cookie, Origin: server.base },
    body: new URLSearchParams({ title, description: "", status: "TODO", assigneeId: "", dueDate: "" }),
  });
}

function tasksTitled(title: string) {
  const file = new Database(databaseFile, { readonly: true });
  try {
    return (file.prepare(`SELECT COUNT(*) AS n FROM "Task" WHERE "title" = ?`).get(title) as { n: number }).n;
  } finally {
    file.close();
  }
}

/** What both doors must answer while the fault lasts, and that nothing was written. */
async function expectUnavailable(label: string) {
  const api = await apiCreate(`${label} API`);
  expect(api.status, api.text).toBe(503);
  expect(api.headers.get("content-type")).toMatch(/^application\/problem\+json/);
  expect(api.body).toMatchObject({ type: "/api/docs#problem-unavailable", status: 503 });
  expect(api.body.detail).toMatch(/cannot be written right now/);
  expect(Number(api.headers.get("retry-after"))).toBeGreaterThan(0);
  expect(api.text).not.toMatch(/SQLITE|locked|disk I\/O/i);

  const page = await formCreate(`${label} form`);
  const html = await page.text();
  expect(page.status).toBe(503);
  expect(page.headers.get("content-type")).toMatch(/^text\/html/);
  expect(Number(page.headers.get("retry-after"))).toBeGreaterThan(0);
  expect(html).toMatch(/Service unavailable/);
  expect(html).toMatch(/The database cannot be written right now/);
  expect(html).not.toMatch(/SQLITE|at .*\.ts:\d+/);
}

/**
 * Reading goes on while writes are refused: a token's first use (its last-used time is only
 * bookkeeping, skipped during the fault) and a signed-in page.
 */
async function expectReadsStillWork() {
  const list = await fetch(`${server.base}/api/tasks`, { headers: { Authorization: `Bearer ${unusedToken}` } });
  expect(list.status, await list.text()).toBe(200);
  const page = await fetch(`${server.base}/tasks`, { headers: { Cookie: cookie } });
  expect(page.status).toBe(200);
}

/** After the fault: the same requests succeed, on the same server process. */
async function expectRecovered(label: string) {
  const api = await apiCreate(`${label} API after`);
  expect(api.status, api.text).toBe(201);
  const page = await formCreate(`${label} form after`);
  expect(page.status).toBe(302);
  expect(page.headers.get("location")).toMatch(/^\/tasks\/[\w-]+$/);
  expect(tasksTitled(`${label} API`) + tasksTitled(`${label} form`)).toBe(0);
  expect(tasksTitled(`${label} API after`) + tasksTitled(`${label} form after`)).toBe(2);
}

describe("a database that cannot be written", () => {
  it("held locked by another process past the busy timeout answers 503 and works again once the lock is released", async () => {
    const other = new Database(databaseFile);
    other.exec("BEGIN IMMEDIATE");
    try {
      await expectUnavailable("Locked");
    } finally {
      other.exec("ROLLBACK");
      other.close();
    }
    await expectRecovered("Locked");
  }, 60_000);

  it("made read-only under the running server (immutable files) answers 503 to writes, still serves reads, and works again once writable", async () => {
    // As root, chmod does not stop a write; the immutable attribute does (what a file system
    // remounted read-only does to open files: each write fails with an I/O error).
    const files = [databaseFile, `${databaseFile}-wal`];
    execFileSync("chattr", ["+i", ...files]);
    try {
      await expectUnavailable("Read-only");
      await expectReadsStillWork();
    } finally {
      execFileSync("chattr", ["-i", ...files]);
    }
    await expectRecovered("Read-only");
  }, 60_000);

  it("that cannot grow (the file size limit of a full disk) answers 503 to writes, still serves reads, and works again once there is room", async () => {
    // RLIMIT_FSIZE on the server process, lowered without privileges: no write to any file
    // succeeds, as on a full disk. Node ignores SIGXFSZ, so the process lives on.
    execFileSync("prlimit", ["--pid", String(server.pid), "--fsize=0:unlimited"]);
    try {
      await expectUnavailable("Full");
      await expectReadsStillWork();
    } finally {
      execFileSync("prlimit", ["--pid", String(server.pid), "--fsize=unlimited:unlimited"]);
    }
    await expectRecovered("Full");
  }, 60_000);

  it("leaves the database whole after all the faults", () => {
    const file = new Database(databaseFile, { readonly: true });
    expect(file.pragma("integrity_check", { simple: true })).toBe("ok");
    file.close();
  });
});
