import { describe, expect, it } from "vitest";
import { createSession } from "#services/auth.ts";
import { db } from "#services/db/client.ts";
import { revokeToken } from "#services/tokens.ts";
import { deactivateUser } from "#services/users.ts";
import { createAdmin } from "#tests/support/factories.ts";
import { setTimePreference } from "#services/time-preferences.ts";
import { api, checkAgainstDocument, expectProblem, personWithToken } from "./support.ts";

describe("API authentication", () => {
  it("answers GET /api/me with the token's owner", async () => {
    const { user, token } = await personWithToken("MEMBER", ["read"]);
    const response = await api("/api/me", { token });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ id: user.id, email: user.email, role: "MEMBER" });
    expect(response.body).not.toHaveProperty("passwordHash");
    expect(response.headers.get("etag")).toBe(`"v${user.version}"`);
  });

  it("includes the owner's time zone and date format (null until chosen), which the document describes; a change is a new ETag", async () => {
    const { user, token } = await personWithToken("MEMBER", ["read"]);
    const before = await api("/api/me", { token });
    expect(before.body).toMatchObject({ timeZone: null, locale: null });
    await checkAgainstDocument("GET", "/api/me", before);
    await setTimePreference(user.actor, { timeZone: "Europe/Berlin", locale: "de-DE" });
    const after = await api("/api/me", { token, headers: { "If-None-Match": before.headers.get("etag")! } });
    expect(after.status).toBe(200);
    expect(after.body).toMatchObject({ id: user.id, timeZone: "Europe/Berlin", locale: "de-DE" });
    await checkAgainstDocument("GET", "/api/me", after);
  });

  it("answers 304 when If-None-Match holds the current ETag", async () => {
    const { token } = await personWithToken("MEMBER", ["read"]);
    const first = await api("/api/me", { token });
    const again = await api("/api/me", { token, headers: { "If-None-Match": first.headers.get("etag")! } });
    expect(again.status).toBe(304);
    expect(again.headers.get("etag")).toBe(first.headers.get("etag"));
  });

  it("refuses a request without a token with 401 and a Bearer challenge", async () => {
    const response = await api("/api/me");
    expectProblem(response, 401);
    expect(response.headers.get("www-authenticate")).toMatch(/^Bearer/);
  });

  it("ignores a valid session cookie: the API takes bearer tokens only", async () => {
    const { user } = await personWithToken("ADMIN");
    const { token: sessionToken } = await createSession(user.id);
    const cookie = `tandem_session=${encodeURIComponent(btoa(JSON.stringify(sessionToken)))}`;
    expectProblem(await api("/api/me", { headers: { Cookie: cookie } }), 401);
  });

  it("ignores a token in the query string", async () => {
    const { token } = await personWithToken("ADMIN");
    expectProblem(await api(`/api/me?access_token=${token}&token=${token}`), 401);
  });

  it.each([
    ["an unknown token", "Bearer tdm_unknownunknownunknownunknownunknown0000"],
    ["a secret without the tdm_ prefix", "Bearer abcdef"],
    ["another scheme", "Basic dXNlcjpwYXNz"],
  ])("refuses %s with 401 invalid_token", async (_label, authorization) => {
    const response = await api("/api/me", { headers: { Authorization: authorization } });
    expectProblem(response, 401);
    expect(response.headers.get("www-authenticate")).toContain('error="invalid_token"');
  });

  it("stops a revoked token at once", async () => {
    const { user, token, tokenId } = await personWithToken("MEMBER", ["read"]);
    expect((await api("/api/me", { token })).status).toBe(200);
    await revokeToken(user.actor, tokenId);
    expectProblem(await api("/api/me", { token }), 401);
  });

  it("stops an expired token at once", async () => {
    const { token, tokenId } = await personWithToken("MEMBER", ["read"]);
    expect((await api("/api/me", { token })).status).toBe(200);
    await db.apiToken.update({ where: { id: tokenId }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expectProblem(await api("/api/me", { token }), 401);
  });

  it("stops the token of a deactivated owner at once", async () => {
    const admin = await createAdmin();
    const { user, token } = await personWithToken("MEMBER", ["read"]);
    expect((await api("/api/me", { token })).status).toBe(200);
    await deactivateUser(admin.actor, user.id);
    expectProblem(await api("/api/me", { token }), 401);
  });

  it("refuses a write with a read token with 403 insufficient_scope, writing nothing", async () => {
    const { token } = await personWithToken("ADMIN", ["read"]);
    const before = await db.user.count();
    const response = await api("/api/users", {
      method: "POST",
      token,
      json: { email: "scoped@api.test", name: "Scoped", password: "long enough password" },
    });
    expectProblem(response, 403);
    expect(response.headers.get("www-authenticate")).toContain('error="insufficient_scope"');
    expect(await db.user.count()).toBe(before);
  });

  it("records when a token was last used", async () => {
    const { token, tokenId } = await personWithToken("MEMBER", ["read"]);
    expect((await db.apiToken.findUnique({ where: { id: tokenId } }))?.lastUsedAt).toBeNull();
    await api("/api/me", { token });
    expect((await db.apiToken.findUnique({ where: { id: tokenId } }))?.lastUsedAt).toBeInstanceOf(Date);
  });
});
