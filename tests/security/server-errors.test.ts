import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { personWithToken } from "#tests/api/support.ts";
import { createTaskRow, createUser } from "#tests/support/factories.ts";
import { signIn } from "#tests/support/http.ts";
import { startServerOnCopy, type OwnServer } from "#tests/support/own-server.ts";

/**
 * A real server fault in production: the server runs on a copy of the database whose Task table
 * has been renamed away, so every query for tasks fails inside Prisma. Whatever the door, the
 * answer is a plain 500 that tells an attacker nothing about the code, the files or the SQL.
 */
const LEAKS: [string, RegExp][] = [
  ["a stack frame", /\n\s*at \S|\bat [\w$.<>]+ \(|\bat file:|:\d+:\d+\)/],
  ["a file path", /\/work\/|node_modules|\/build\/server|\.tsx?\b|\.js:\d/],
  ["SQL", /\bSELECT\s|\bINSERT INTO\b|\bFROM\s+[`"]?(main\.)?[`"]?(Task|User|Session)\b|no such table|SQLITE_|TableDoesNotExist|P2021/i],
  ["the ORM's words", /prisma|PrismaClient|invocation/i],
  ["the renamed table", /TaskGone/],
];

function expectNothingLeaked(text: string, where: string) {
  for (const [what, pattern] of LEAKS) expect(pattern.test(text), `${where} shows ${what}: ${pattern.exec(text)?.[0]}`).toBe(false);
}

describe("a forced server error in production", () => {
  let server: OwnServer;
  let cookie: string;
  let token: string;
  let taskId: string;

  beforeAll(async () => {
    const user = await createUser();
    cookie = await signIn(user);
    ({ token } = await personWithToken("MEMBER", ["write"]));
    taskId = (await createTaskRow(user, { title: "Before the fault" })).id;
    server = await startServerOnCopy(3, {}, (database) => {
      database.pragma("foreign_keys = OFF");
      database.exec('ALTER TABLE "Task" RENAME TO "TaskGone"');
    });
  }, 90_000);

  afterAll(async () => {
    await server?.stop();
  });

  it("the sanity check: the same server still answers what does not touch tasks", async () => {
    const settings = await fetch(`${server.base}/settings`, { headers: { Cookie: cookie }, redirect: "manual" });
    expect(settings.status).toBe(200);
  });

  it("GET /tasks signed in is a generic 500 page with no stack, path or SQL", async () => {
    const response = await fetch(`${server.base}/tasks`, { headers: { Cookie: cookie }, redirect: "manual" });
    const html = await response.text();
    expect(response.status).toBe(500);
    expect(response.headers.get("content-type")).toMatch(/^text\/html/);
    expect(html).toContain("Something went wrong");
    expectNothingLeaked(html, "the 500 page");
  });

  it("the task page, the dashboard and the task form's post fail the same plain way", async () => {
    for (const [path, init] of [
      [`/tasks/${taskId}`, {}],
      ["/", {}],
      ["/tasks/new", { method: "POST", body: new URLSearchParams({ title: "During the fault" }), headers: { Origin: server.base } }],
    ] as [string, RequestInit][]) {
      const response = await fetch(`${server.base}${path}`, { ...init, headers: { ...(init.headers as object), Cookie: cookie }, redirect: "manual" });
      const html = await response.text();
      expect(response.status, path).toBe(500);
      expectNothingLeaked(html, `${init.method ?? "GET"} ${path}`);
    }
  });

  it("single-fetch .data for the failing route gives no internals", async () => {
    const response = await fetch(`${server.base}/tasks.data`, { headers: { Cookie: cookie }, redirect: "manual" });
    const text = await response.text();
    expect(response.status).toBe(500);
    expectNothingLeaked(text, "/tasks.data");
  });

  it("GET and POST /api/tasks with a bearer token are a problem+json 500 with a request id and nothing else", async () => {
    for (const init of [{}, { method: "POST", body: JSON.stringify({ title: "During the fault" }), headers: { "Content-Type": "application/json" } }] as RequestInit[]) {
      const response = await fetch(`${server.base}/api/tasks`, { ...init, headers: { ...(init.headers as object), Authorization: `Bearer ${token}` } });
      const text = await response.text();
      expect(response.status).toBe(500);
      expect(response.headers.get("content-type")).toMatch(/^application\/problem\+json/);
      const body = JSON.parse(text);
      expect(Object.keys(body).sort()).toEqual(["detail", "instance", "requestId", "status", "title", "type"]);
      expect(body).toMatchObject({ status: 500, title: "Internal Server Error", instance: "/api/tasks" });
      expect(body.requestId).toBe(response.headers.get("x-request-id"));
      expectNothingLeaked(text, `${init.method ?? "GET"} /api/tasks`);
    }
  });

  it("the details go to the server's log instead, under the request id", async () => {
    const response = await fetch(`${server.base}/api/tasks`, { headers: { Authorization: `Bearer ${token}` } });
    const { requestId } = await response.json();
    expect(server.output()).toContain(`request ${requestId} failed`);
    expect(server.output()).toMatch(/TableDoesNotExist|P2021/);
  });
});
