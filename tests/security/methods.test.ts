import { describe, expect, it } from "vitest";
import { baseUrl } from "#tests/api/support.ts";
import { databaseSnapshot } from "#tests/support/factories.ts";
import { arrangeTeam, rawExchange, rawRequest, type Answer } from "./support.ts";

/**
 * Methods the server cannot hand to the app as a Fetch request: undici's `Request` refuses
 * CONNECT, TRACE and TRACK ("forbidden methods"), so TRACE on any /api path was a 500 page with a
 * TypeError in the log before the API could answer, and CONNECT got no answer at all. Each is a
 * 405 with `Allow` like any other method a path does not take: problem+json with the path's own
 * methods on /api, `GET, HEAD, POST` on pages. Nothing is ever echoed back (no TRACE reflection).
 */

const API_PATHS = (taskId: string, userId: string) => [
  "/api/tasks",
  `/api/tasks/${taskId}`,
  `/api/tasks/${taskId}/activity`,
  "/api/users",
  `/api/users/${userId}`,
  "/api/me",
  "/api/openapi.json",
  "/api/no-such-thing",
  "/API/TASKS",
];
const PAGES = ["/", "/tasks", "/tasks/new", "/login", "/logout", "/settings/tokens", "/no-such-page", "/tasks.data"];

function expectApiRefusal(answer: Answer, path: string, method: string, allow: string | null) {
  const label = `${method} ${path}`;
  expect(answer.status, `${label}: ${answer.text.slice(0, 300)}`).toBe(405);
  expect(answer.headers.get("content-type"), label).toMatch(/^application\/problem\+json/);
  expect(answer.headers.get("allow"), label).toBe(allow);
  const body = JSON.parse(answer.text);
  expect(body, label).toMatchObject({ status: 405, title: "Method Not Allowed", detail: `${method} is not allowed here.` });
  expect(body.requestId, label).toBe(answer.headers.get("x-request-id"));
  expect(answer.headers.get("x-content-type-options"), label).toBe("nosniff");
}

describe("methods a Fetch request cannot carry", () => {
  it("TRACE on every /api path is a 405 problem+json whose Allow is the path's own (the one any other refused method gets)", async () => {
    const team = await arrangeTeam();
    for (const path of API_PATHS(team.task.id, team.member.id)) {
      // What the API answers any method it does not take: the reference for Allow.
      const reference = await rawRequest(path, { method: "PROPFIND", headers: { Authorization: `Bearer ${team.secret}` } });
      expect(reference.status, `PROPFIND ${path}`).toBe(405);
      const allow = reference.headers.get("allow");
      expect(allow, `PROPFIND ${path}`).toMatch(/^GET, HEAD/);
      for (const headers of [{}, { Authorization: `Bearer ${team.secret}`, Cookie: team.adminCookie }] as Record<string, string>[]) {
        const answer = await rawRequest(path, { method: "TRACE", headers });
        expectApiRefusal(answer, path, "TRACE", allow);
        expect(answer.text).not.toContain(team.secret);
        expect(answer.text).not.toContain(team.adminCookie);
      }
    }
  });

  it("TRACE on the pages Remix serves under /api (the docs, .data) is a 405 problem+json too, never a 500", async () => {
    for (const path of ["/api/docs", "/api/docs.data", "/api/tasks.data"]) {
      const answer = await rawRequest(path, { method: "TRACE" });
      expect(answer.status, `TRACE ${path}: ${answer.text.slice(0, 200)}`).toBe(405);
      expect(answer.headers.get("content-type"), path).toMatch(/^application\/problem\+json/);
      expect(answer.headers.get("allow"), path).toMatch(/^GET, HEAD/);
    }
  });

  it("TRACE on pages is a 405 with Allow: GET, HEAD, POST", async () => {
    const team = await arrangeTeam();
    for (const path of PAGES) {
      const answer = await rawRequest(path, { method: "TRACE", headers: { Cookie: team.adminCookie } });
      expect(answer.status, `TRACE ${path}`).toBe(405);
      expect(answer.headers.get("allow"), path).toBe("GET, HEAD, POST");
      expect(answer.text).not.toContain(team.adminCookie);
    }
  });

  it("CONNECT is answered (405 with Allow, on /api problem+json), not dropped; a host:port target is refused", async () => {
    const team = await arrangeTeam();
    const host = new URL(baseUrl()).host;
    const api = await rawExchange(`CONNECT /api/tasks HTTP/1.1\nHost: ${host}\nAuthorization: Bearer ${team.secret}\n`);
    expect(api.status, api.raw).toBe(405);
    expect(api.raw).toMatch(/\r\nallow: GET, HEAD, POST\r\n/i);
    expect(api.raw).toMatch(/\r\ncontent-type: application\/problem\+json/i);
    expect(api.raw).toContain('"detail":"CONNECT is not allowed here."');

    const page = await rawExchange(`CONNECT /tasks/new HTTP/1.1\nHost: ${host}\nCookie: ${team.adminCookie}\n`);
    expect(page.status, page.raw).toBe(405);
    expect(page.raw).toMatch(/\r\nallow: GET, HEAD, POST\r\n/i);

    // The authority form a proxy would take: this is not a proxy, and the target is not a path.
    const tunnel = await rawExchange(`CONNECT evil.example:443 HTTP/1.1\nHost: evil.example:443\n`);
    expect([400, 405], tunnel.raw).toContain(tunnel.status);
  });

  it("TRACK and unknown methods (FOO) are refused by the HTTP parser with 400 before the app, PROPFIND like any other with 405; none is a 500", async () => {
    const team = await arrangeTeam();
    const before = await databaseSnapshot();
    for (const method of ["TRACK", "FOO", "PROPFIND", "MKCOL", "PURGE", "SEARCH", "OPTIONS", "QUERY"]) {
      for (const path of ["/api/tasks", "/tasks/new", "/"]) {
        const answer = await rawRequest(path, {
          method,
          headers: { Authorization: `Bearer ${team.secret}`, Cookie: team.adminCookie, "Content-Type": "application/x-www-form-urlencoded" },
          body: "title=Planted+by+method",
        });
        const label = `${method} ${path} → ${answer.status}`;
        expect([400, 405], label).toContain(answer.status);
        if (answer.status === 405) expect(answer.headers.get("allow"), label).toMatch(/^GET, HEAD/);
      }
    }
    expect(await databaseSnapshot()).toEqual(before);
  });
});
