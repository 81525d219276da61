import { describe, expect, it } from "vitest";
import { createSession } from "#services/auth.ts";
import { db } from "#services/db/client.ts";
import { createToken } from "#services/tokens.ts";
import { api, baseUrl, expectProblem } from "#tests/api/support.ts";
import { createTaskRow, createUser, databaseSnapshot } from "#tests/support/factories.ts";
import { signIn } from "#tests/support/http.ts";
import { arrangeTeam, send } from "./support.ts";

/**
 * The API takes `Authorization: Bearer <token>` and nothing else. Every other way a caller
 * might present credentials (the browser's session cookie, the query string, a token that
 * stopped being valid, the wrong scope, a mangled header) must fail cleanly: 401 or 403,
 * never a 500, and nothing written.
 */
describe("API credentials", () => {
  it("a valid session cookie and no bearer token gets 401 on reads and writes, even same-site", async () => {
    const team = await arrangeTeam();
    const before = await databaseSnapshot();
    const headers = { Cookie: team.adminCookie, Origin: baseUrl() };
    expectProblem(await api("/api/me", { headers: { Cookie: team.adminCookie } }), 401);
    expectProblem(await api("/api/users", { headers: { Cookie: team.adminCookie } }), 401);
    expectProblem(await api("/api/tasks", { method: "POST", headers, json: { title: "Cookie-made" } }), 401);
    expectProblem(await api(`/api/tasks/${team.task.id}`, { method: "DELETE", headers }), 401);
    expectProblem(await api(`/api/users/${team.member.id}`, { method: "PATCH", headers, json: { role: "ADMIN" } }), 401);
    expect(await databaseSnapshot()).toEqual(before);
  });

  it("a session's own token sent as a bearer token gets 401", async () => {
    const user = await createUser();
    const { token } = await createSession(user.id);
    expectProblem(await api("/api/me", { token }), 401);
  });

  it.each(["token", "access_token", "api_key", "bearer"])("a token in the query string (?%s=) gets 401 and writes nothing", async (name) => {
    const team = await arrangeTeam();
    const before = await databaseSnapshot();
    expectProblem(await api(`/api/me?${name}=${team.secret}`), 401);
    expectProblem(await api(`/api/tasks?${name}=${team.secret}`, { method: "POST", json: { title: "Query-made" } }), 401);
    expect(await databaseSnapshot()).toEqual(before);
  });

  it("a token in a form field of the body gets 401", async () => {
    const team = await arrangeTeam();
    const before = await databaseSnapshot();
    const body = new URLSearchParams({ access_token: team.secret, title: "Body-made" });
    const answer = await api("/api/tasks", { method: "POST", body, headers: { "Content-Type": "application/x-www-form-urlencoded" } });
    expectProblem(answer, 401);
    expect(await databaseSnapshot()).toEqual(before);
  });

  it("a token revoked through the settings form gets 401 on the very next request", async () => {
    const team = await arrangeTeam();
    expect((await api("/api/me", { token: team.secret })).status).toBe(200);
    const revoked = await send("/settings/tokens", { cookie: team.adminCookie, form: { intent: "revoke", tokenId: team.token.id } });
    expect(revoked.status).toBe(302);
    expectProblem(await api("/api/me", { token: team.secret }), 401);
  });

  it("an expired token gets 401 on the very next request, and writes nothing", async () => {
    const team = await arrangeTeam();
    expect((await api("/api/me", { token: team.secret })).status).toBe(200);
    // Expiry is a point in time; moving it into the past is the clock passing it.
    await db.apiToken.update({ where: { id: team.token.id }, data: { expiresAt: new Date(Date.now() - 1_000) } });
    const before = await databaseSnapshot();
    expectProblem(await api("/api/me", { token: team.secret }), 401);
    expectProblem(await api("/api/tasks", { method: "POST", token: team.secret, json: { title: "After expiry" } }), 401);
    expect(await databaseSnapshot()).toEqual(before);
  });

  it("the token of an owner an admin deactivates through the form gets 401 on the very next request", async () => {
    const team = await arrangeTeam();
    const { secret } = await createToken(team.member.actor, { name: "soon orphaned", scopes: ["write"] });
    expect((await api("/api/me", { token: secret })).status).toBe(200);
    const deactivated = await send(`/users/${team.member.id}`, { cookie: team.adminCookie, form: { intent: "deactivate" } });
    expect(deactivated.status).toBe(302);
    const before = await databaseSnapshot();
    expectProblem(await api("/api/me", { token: secret }), 401);
    expectProblem(await api("/api/tasks", { method: "POST", token: secret, json: { title: "From a deactivated owner" } }), 401);
    expect(await databaseSnapshot()).toEqual(before);
  });

  describe("a read-only token on a write", () => {
    const writes = [
      ["POST /api/tasks", "POST", () => "/api/tasks", { title: "Read-token task" }],
      ["PATCH /api/tasks/:id", "PATCH", (t: { taskId: string }) => `/api/tasks/${t.taskId}`, { title: "Read-token edit" }],
      ["DELETE /api/tasks/:id", "DELETE", (t: { taskId: string }) => `/api/tasks/${t.taskId}`, undefined],
      ["POST /api/users", "POST", () => "/api/users", { email: "read-token@evil.test", name: "Read", password: "read token password" }],
      ["PATCH /api/users/:id", "PATCH", (t: { memberId: string }) => `/api/users/${t.memberId}`, { role: "ADMIN" }],
    ] as const;

    it.each(writes)("%s gets 403 insufficient_scope and writes nothing", async (_name, method, path, json) => {
      const team = await arrangeTeam();
      // An admin's token, so only the scope can be what refuses it.
      const { secret } = await createToken(team.admin.actor, { name: "read only", scopes: ["read"] });
      const task = await createTaskRow(team.admin);
      const before = await databaseSnapshot();
      const answer = await api(path({ taskId: task.id, memberId: team.member.id }), { method, token: secret, json });
      expectProblem(answer, 403);
      expect(answer.headers.get("www-authenticate")).toContain('error="insufficient_scope"');
      expect(await databaseSnapshot()).toEqual(before);
    });
  });

  describe("a malformed Authorization header", () => {
    const headersFor = (secret: string) => [
      ["Basic credentials", `Basic ${btoa(`admin:${secret}`)}`],
      ['"Bearer" with nothing after it', "Bearer"],
      ['"Bearer " with only spaces', "Bearer    "],
      ["two tokens in one header", `Bearer ${secret} ${secret}`],
      ["two Bearer credentials, comma-separated", `Bearer ${secret}, Bearer ${secret}`],
      ["the token without a scheme", secret],
      ["a scheme glued to the token", `Bearer${secret}`],
      ["a lower-case scheme with an unknown token", "bearer tdm_notarealtokennotarealtokennotarealtoken"],
      ["a token with a trailing comma", `Bearer ${secret},`],
      ["a token in quotes", `Bearer "${secret}"`],
      ["a very long token", `Bearer tdm_${"a".repeat(8_000)}`],
      ["a prefix-only token", "Bearer tdm_"],
    ];

    it("each gets 401 (never 500) and writes nothing", async () => {
      const team = await arrangeTeam();
      const before = await databaseSnapshot();
      for (const [label, authorization] of headersFor(team.secret)) {
        const read = await api("/api/me", { headers: { Authorization: authorization! } });
        expect(read.status, label).toBe(401);
        const write = await api("/api/tasks", { method: "POST", headers: { Authorization: authorization! }, json: { title: label } });
        expect(write.status, label).toBe(401);
      }
      expect(await databaseSnapshot()).toEqual(before);
    });

    it("the scheme is matched case-insensitively (RFC 9110 §11.1), so a valid token after lower-case bearer is accepted", async () => {
      const team = await arrangeTeam();
      expect((await api("/api/me", { headers: { Authorization: `bearer ${team.secret}` } })).status).toBe(200);
    });
  });
});
