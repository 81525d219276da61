import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "#services/db/client.ts";
import { api, baseUrl } from "#tests/api/support.ts";
import { databaseSnapshot } from "#tests/support/factories.ts";
import { arrangeTeam, rawExchange, rawRequest, startServerOnSharedDatabase, type Answer } from "./support.ts";

/**
 * The Host header is one of the pieces Remix builds the URL it routes on from
 * (`http://` + host + path), while the server's guards (page methods, cross-site posts, the JSON
 * door) read the path alone. A Host that carries a path, a query, a fragment or userinfo moved
 * the route Remix picked away from the one the guards checked: `PUT /api/x` with
 * `Host: 127.0.0.1/tasks/new?` passed the guards as an API call and ran the task form's action
 * with the session cookie. A Host must be `host[:port]` (RFC 9112 §3.2, RFC 3986 §3.2.2), and
 * anything else is a 400 before anything runs.
 */

const SMUGGLING_HOSTS = [
  "127.0.0.1/tasks/new?",
  "127.0.0.1/tasks/new#",
  "evil.example/x",
  "a@b",
  "admin@127.0.0.1",
  "127.0.0.1?x=1",
  "127.0.0.1#frag",
  "127.0.0.1\\tasks",
  "127.0.0.1:3000:4000",
  "127.0.0.1:80a",
  "[::1]x",
  "a%2Fb",
  "a<b",
  "a\"b",
  "a b",
  "[::1",
  "[::g]",
  "a:99999",
  "127.0.0.1:3211/",
];

function formHeaders(host: string, cookie: string, extra: Record<string, string> = {}) {
  return { Host: host, Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded", ...extra };
}

function expectBadHost(answer: Answer, label: string) {
  expect(answer.status, `${label}: ${answer.text}`).toBe(400);
  expect(answer.headers.get("content-type"), label).toMatch(/^text\/plain/);
  expect(answer.text, label).toContain("nothing was changed");
}

describe("a Host header that is not host[:port]", () => {
  it("smuggling a page path into Host on an API path (PUT /api/x) is a 400 and runs no action", async () => {
    const team = await arrangeTeam();
    const before = await databaseSnapshot();
    // /api/docs is a page Remix serves, so the request went on to Remix, which routed on the Host's path.
    for (const path of ["/api/x", "/api/docs", "/api/docs.data", "/api/tasks.data"]) {
      for (const method of ["PUT", "POST", "PATCH", "DELETE"]) {
        for (const host of ["127.0.0.1/tasks/new?", "127.0.0.1/tasks/new#", `127.0.0.1/users/${team.member.id}?`, "127.0.0.1/logout?"]) {
          const answer = await rawRequest(path, {
            method,
            headers: formHeaders(host, team.adminCookie),
            body: new URLSearchParams({ title: "Smuggled through Host", intent: "update", role: "ADMIN" }).toString(),
          });
          expectBadHost(answer, `${method} ${path} Host: ${host}`);
        }
      }
    }
    // The same smuggle with a foreign Origin, which the cross-site guard skips on /api paths.
    const foreign = await rawRequest("/api/x", {
      method: "POST",
      headers: formHeaders("127.0.0.1/tasks/new?", team.adminCookie, { Origin: "https://evil.example" }),
      body: "title=Smuggled+cross-site",
    });
    expectBadHost(foreign, "POST /api/x from evil.example");
    expect(await databaseSnapshot()).toEqual(before);
  });

  it("is a 400 on pages, page actions and the API alike, whatever the Host holds, and nothing is written", async () => {
    const team = await arrangeTeam();
    const before = await databaseSnapshot();
    for (const host of SMUGGLING_HOSTS) {
      expectBadHost(await rawRequest("/login", { headers: { Host: host } }), `GET /login Host: ${JSON.stringify(host)}`);
      expectBadHost(
        await rawRequest("/tasks/new", { method: "POST", headers: formHeaders(host, team.adminCookie), body: "title=Planted+via+Host" }),
        `POST /tasks/new Host: ${JSON.stringify(host)}`,
      );
      expectBadHost(
        await rawRequest("/api/tasks", { method: "POST", headers: { Host: host, Authorization: `Bearer ${team.secret}`, "Content-Type": "application/json" }, body: '{"title":"Planted via Host"}' }),
        `POST /api/tasks Host: ${JSON.stringify(host)}`,
      );
      // Static files are no exception: the check runs before anything else.
      expectBadHost(await rawRequest("/favicon.svg", { headers: { Host: host } }), `GET /favicon.svg Host: ${JSON.stringify(host)}`);
    }
    expect(await databaseSnapshot()).toEqual(before);
  });

  it("an empty Host is a 400 (an http URL must have a host)", async () => {
    for (const host of ["", " "]) {
      const answer = await rawExchange(`GET /login HTTP/1.1\nHost:${host}\nConnection: close\n`);
      expect(answer.status, JSON.stringify(host)).toBe(400);
    }
  });

  it("two Host header lines are a 400 (RFC 9112 §3.2), whichever comes first", async () => {
    const own = new URL(baseUrl()).host;
    for (const [first, second] of [
      [own, "evil.example"],
      ["evil.example", own],
      [own, own],
    ]) {
      const answer = await rawExchange(`GET /login HTTP/1.1\nHost: ${first}\nHost: ${second}\nConnection: close\n`);
      expect(answer.status, `${first} then ${second}`).toBe(400);
    }
  });

  it("valid hosts still work: names, IPv4, IPv6, any case, with or without a port", async () => {
    const { port } = new URL(baseUrl());
    for (const host of [`127.0.0.1:${port}`, "127.0.0.1", "localhost", `LOCALHOST:${port}`, `[::1]:${port}`, "[::1]", "tandem.example", "tandem.example.", "my_host-1.example:8080", `127.0.0.1:`]) {
      const answer = await rawRequest("/login", { headers: { Host: host } });
      expect(answer.status, `Host: ${host}`).toBe(200);
    }
    const health = await rawRequest("/healthz", { headers: { Host: "tandem.example:8443" } });
    expect(health.status).toBe(200);
  });

  it("a request target that is not a path (absolute or authority form, //host) is refused or routed as the guards saw it", async () => {
    const team = await arrangeTeam();
    const before = await databaseSnapshot();
    // A path that resolves to a page must meet the page guards, whatever prefix it starts with.
    for (const target of ["//x/../tasks/new", "/\\x/../tasks/new", "//api/../tasks/new", "/api/..//tasks/new", "http://127.0.0.1/tasks/new", "127.0.0.1:80"]) {
      const answer = await rawRequest(target, { method: "POST", headers: formHeaders(new URL(baseUrl()).host, team.adminCookie, { Origin: "https://evil.example" }), body: "title=Planted+by+target" });
      expect([400, 403, 404], `POST ${target} → ${answer.status}`).toContain(answer.status);
    }
    expect(await databaseSnapshot()).toEqual(before);
  });
});

describe("X-Forwarded-Host behind a trusted proxy (TRUST_PROXY=1)", () => {
  let server: Awaited<ReturnType<typeof startServerOnSharedDatabase>>;
  beforeAll(async () => {
    server = await startServerOnSharedDatabase(8, { TRUST_PROXY: "1" });
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
  });

  function send(path: string, { method = "GET", headers = {}, body }: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
    const own = new URL(server.base);
    return rawRequest(path, { method, headers: { Host: own.host, ...headers }, body, base: server.base });
  }

  it("is validated as Host is: a path, query or userinfo in it is a 400 and runs no action", async () => {
    const team = await arrangeTeam();
    const before = await databaseSnapshot();
    for (const forwarded of ["127.0.0.1/tasks/new?", "evil.example/x", "a@b", "a b", "a:99999", "127.0.0.1/tasks/new?, tandem.example"]) {
      const smuggled = await send("/api/x", { method: "PUT", headers: formHeaders(new URL(server.base).host, team.adminCookie, { "X-Forwarded-Host": forwarded }), body: "title=Smuggled+via+X-Forwarded-Host" });
      expectBadHost(smuggled, `PUT /api/x X-Forwarded-Host: ${forwarded}`);
      expectBadHost(await send("/login", { headers: { "X-Forwarded-Host": forwarded } }), `GET /login X-Forwarded-Host: ${forwarded}`);
    }
    expect(await databaseSnapshot()).toEqual(before);
  });

  it("a valid one still counts: a form posted from the proxy's public origin goes through, another origin does not", async () => {
    const team = await arrangeTeam();
    // Plain HTTP at the proxy too: over HTTPS the session cookie would be the __Host- one.
    const headers = (origin: string) => formHeaders(new URL(server.base).host, team.adminCookie, { "X-Forwarded-Host": "tandem.example, proxy.internal", Origin: origin });
    const before = await databaseSnapshot();
    const foreign = await send("/tasks/new", { method: "POST", headers: headers("http://evil.example"), body: "title=From+elsewhere" });
    expect(foreign.status).toBe(403);
    expect(await databaseSnapshot()).toEqual(before);
    const own = await send("/tasks/new", { method: "POST", headers: headers("http://tandem.example"), body: "title=Through+the+proxy" });
    expect(own.status, own.text).toBe(302);
    expect(own.headers.get("location")).toMatch(/^\/tasks\//);
    expect(await db.task.count({ where: { creatorId: team.admin.id, title: "Through the proxy" } })).toBe(1);
    // And the API, on the door that builds its own request URL from the forwarded host.
    const listed = await send("/api/me", { headers: { "X-Forwarded-Host": "tandem.example", Authorization: `Bearer ${team.secret}` } });
    expect(listed.status).toBe(200);
  });
});

// The shared server's API client, so the file also checks nothing above broke a plain call.
it("a plain API call with the ordinary Host still works", async () => {
  const team = await arrangeTeam();
  expect((await api("/api/me", { token: team.secret })).status).toBe(200);
});
