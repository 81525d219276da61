import { randomUUID } from "node:crypto";
import { databaseSnapshot } from "#tests/support/factories.ts";
import { afterEach, describe, expect, it } from "vitest";
import { db } from "#services/db/client.ts";
import { createToken } from "#services/tokens.ts";
import { api, expectProblem } from "#tests/api/support.ts";
import { arrangeTeam, rawRequest, send } from "./support.ts";

/**
 * Headers a client can write and that some framework or proxy setup trusts: Next.js's
 * `x-middleware-subrequest` (CVE-2025-29927 skipped middleware with it), the forwarded headers
 * (meaningful only behind a proxy; this server runs without TRUST_PROXY), and the headers Remix
 * and React Router use between their own client and server. Sent on requests that must be
 * refused, none may change the decision.
 */

const FRAMEWORK_HEADERS: Record<string, string> = {
  "x-middleware-subrequest": "middleware:middleware:middleware:middleware:middleware",
  "x-middleware-prefetch": "1",
  "x-remix-response": "yes",
  "x-remix-redirect": "/",
  "x-remix-reload-document": "true",
  "x-remix-revalidate": "yes",
  "x-remix-status": "200",
  "x-react-router-response": "yes",
  "x-react-router-redirect": "/",
  "x-react-router-reload-document": "true",
  "x-react-router-spa-mode": "yes",
  "x-forwarded-for": "127.0.0.1",
  "x-forwarded-host": "localhost",
  "x-forwarded-proto": "https",
  "x-real-ip": "127.0.0.1",
  forwarded: "for=127.0.0.1;proto=https;host=localhost",
  "x-original-url": "/login",
  "x-rewrite-url": "/login",
  "x-http-method-override": "GET",
};

describe("spoofed and framework-internal headers", () => {
  it("do not open a page or a .data loader without a session", async () => {
    const team = await arrangeTeam();
    for (const path of ["/users", "/settings/tokens", "/users.data", "/_root.data", "/settings/tokens.data"]) {
      const answer = await send(path, { method: "GET", origin: false, headers: FRAMEWORK_HEADERS });
      expect([202, 302], `${path} → ${answer.status}`).toContain(answer.status);
      const target = answer.headers.get("location") ?? "";
      expect(target, path).toMatch(/^\/login/);
      for (const secret of [team.admin.email, team.member.email, team.token.name]) expect(answer.text, path).not.toContain(secret);
    }
  });

  it("do not let an anonymous form post through", async () => {
    const team = await arrangeTeam();
    const before = await databaseSnapshot();
    const answer = await send("/users/new", {
      headers: FRAMEWORK_HEADERS,
      form: { name: "Planted", email: `planted-${randomUUID()}@evil.test`, role: "ADMIN", password: "planted password 123" },
    });
    expect(answer.status).toBe(302);
    expect(answer.headers.get("location")).toMatch(/^\/login/);
    expect(await databaseSnapshot()).toEqual(before);
    expect(team.admin.role).toBe("ADMIN");
  });

  it("do not make a member an admin", async () => {
    const team = await arrangeTeam();
    const before = await databaseSnapshot();
    const answer = await send(`/users/${team.member.id}`, { cookie: team.memberCookie, headers: FRAMEWORK_HEADERS, form: { intent: "update", role: "ADMIN" } });
    expect(answer.status).toBe(403);
    expect(await databaseSnapshot()).toEqual(before);
  });

  it("do not authenticate an API request without a token, or lift a member's token to admin", async () => {
    const team = await arrangeTeam();
    expectProblem(await api("/api/me", { headers: FRAMEWORK_HEADERS }), 401);
    const { secret } = await createToken(team.member.actor, { name: "member write", scopes: ["write"] });
    const before = await databaseSnapshot();
    expectProblem(await api(`/api/users/${team.member.id}`, { method: "PATCH", token: secret, headers: FRAMEWORK_HEADERS, json: { role: "ADMIN" } }), 403);
    expect(await databaseSnapshot()).toEqual(before);
  });

  it("X-HTTP-Method-Override does not turn a POST into a DELETE", async () => {
    const team = await arrangeTeam();
    const before = await databaseSnapshot();
    const answer = await api(`/api/tasks/${team.task.id}`, { method: "POST", token: team.secret, headers: { "X-HTTP-Method-Override": "DELETE" } });
    expectProblem(answer, 405);
    const form = await send(`/tasks/${team.task.id}?_method=DELETE`, { cookie: team.memberCookie, headers: { "X-HTTP-Method-Override": "DELETE" }, form: { intent: "delete", version: "1", _method: "DELETE" } });
    expect(form.status).toBe(403);
    expect(await databaseSnapshot()).toEqual(before);
  });

  it("a cross-site post with X-Forwarded-Host set to the attacker's host is still refused", async () => {
    const team = await arrangeTeam();
    const before = await databaseSnapshot();
    const attempts: Record<string, string>[] = [
      { "X-Forwarded-Host": "evil.example" },
      { Forwarded: "host=evil.example;proto=https" },
      { "X-Forwarded-Host": "evil.example", "X-Forwarded-Proto": "https" },
    ];
    for (const forwarded of attempts) {
      const answer = await send("/tasks/new", { origin: "https://evil.example", cookie: team.adminCookie, headers: forwarded, form: { title: "Planted via forwarded host" } });
      expect(answer.status, JSON.stringify(forwarded)).toBe(403);
    }
    expect(await databaseSnapshot()).toEqual(before);
  });

  it("X-Forwarded-Proto: https does not switch the session cookie to __Host-/Secure over plain HTTP", async () => {
    const team = await arrangeTeam();
    const answer = await send("/login", { headers: { "X-Forwarded-Proto": "https" }, form: { email: team.member.email, password: team.member.password } });
    expect(answer.status).toBe(302);
    const cookie = answer.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(/^tandem_session=/);
    expect(cookie).not.toMatch(/;\s*Secure/i);
  });

  it("a forwarded or Host header that cannot form a URL is ignored or refused with 400, never a 500", async () => {
    expect((await send("/login", { method: "GET", origin: false, headers: { "X-Forwarded-Host": "a:99999" } })).status).toBe(200);
    expect((await send("/login", { method: "GET", origin: false, headers: { "X-Forwarded-Host": "a b" } })).status).toBe(200);
    for (const host of ["a:99999", "a b", "[::1"]) {
      const answer = await rawRequest("/login", { headers: { Host: host } });
      expect(answer.status, `Host: ${host}`).toBe(400);
    }
    // An absolute-form request target with a foreign host does not reach the app as that host.
    const absolute = await rawRequest("http://evil.example/login");
    expect(absolute.status).toBeLessThan(500);
  });
});

describe("X-Forwarded-For and the login throttle", () => {
  // The address counts are shared by the whole HTTP suite's server: leave none behind.
  afterEach(async () => {
    await db.loginFailure.deleteMany({ where: { scope: "address" } });
  });

  it("a failed sign-in is counted against the socket address, not the forwarded one", async () => {
    await db.loginFailure.deleteMany({ where: { scope: "address" } });
    const forged = "203.0.113.77";
    const answer = await send("/login", {
      headers: { "X-Forwarded-For": forged, "X-Real-IP": forged, Forwarded: `for=${forged}` },
      form: { email: `nobody-${randomUUID()}@example.com`, password: "wrong password" },
    });
    expect(answer.status).toBe(401);
    const keys = (await db.loginFailure.findMany({ where: { scope: "address" }, select: { key: true } })).map((row) => row.key);
    expect(keys).toHaveLength(1);
    expect(keys[0]).not.toContain(forged);
    expect(keys[0]).toMatch(/127\.0\.0\.1|::1/);
  });

  it("rotating X-Forwarded-For on every attempt does not escape the per-address limit", async () => {
    await db.loginFailure.deleteMany({ where: { scope: "address" } });
    const statuses: number[] = [];
    // Every attempt a new account (so only the address limit can stop it) and a new forged address.
    for (let attempt = 1; attempt <= 40; attempt++) {
      const forged = `198.51.100.${attempt}`;
      const answer = await send("/login", {
        headers: { "X-Forwarded-For": forged, "X-Real-IP": forged, Forwarded: `for=${forged}` },
        form: { email: `sprayed-${attempt}-${randomUUID()}@example.com`, password: "guessed password" },
      });
      statuses.push(answer.status);
      if (answer.status === 429) break;
    }
    // The default per-address limit is 30 (docs/design.md §6): the 31st attempt is refused.
    expect(statuses.at(-1)).toBe(429);
    expect(statuses.slice(0, -1).every((status) => status === 401)).toBe(true);
    expect(statuses.length).toBe(31);
  });
});
