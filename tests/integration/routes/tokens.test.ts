import { describe, expect, it } from "vitest";
import { db } from "#services/db/client.ts";
import { authenticateToken, createToken } from "#services/tokens.ts";
import * as tokens from "#app/routes/settings.tokens.tsx";
import { createAdmin, createUser } from "#tests/support/factories.ts";
import { cookieNamed, flashOf, getRequest, postForm, run, signIn } from "#tests/support/http.ts";

type Created = { created: { kind: "token"; name: string; secret: string } | null };
type Listed = {
  own: { id: string; name: string; status: string }[];
  everyone: { id: string; name: string; owner: { id: string } }[] | null;
  confirming: string | null;
};

/** A form post with repeated fields, as a browser sends ticked checkboxes. */
function postFields(path: string, fields: [string, string][], cookie: string) {
  const url = new URL(path, "http://tandem.test");
  return new Request(url, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: url.origin, Cookie: cookie },
    body: new URLSearchParams(fields),
  });
}

describe("GET /settings/tokens", () => {
  it("redirects to /login without a session", async () => {
    const result = await run(tokens.loader, getRequest("/settings/tokens"));
    expect(result).toRedirectTo("/login?redirectTo=%2Fsettings%2Ftokens");
  });

  it("gives a member their own tokens only, with a status, and no team list", async () => {
    const member = await createUser();
    const other = await createUser();
    const { token: mine } = await createToken(member.actor, { name: "mine", scopes: "read" });
    await createToken(other.actor, { name: "theirs", scopes: "read" });

    const result = await run(tokens.loader, getRequest("/settings/tokens", { cookie: await signIn(member) }));

    const listed = result.data as Listed;
    expect(listed.own.map((token) => [token.id, token.status])).toEqual([[mine.id, "active"]]);
    expect(listed.everyone).toBeNull();
    expect(JSON.stringify(listed)).not.toContain("theirs");
  });

  it("gives an admin everyone's tokens as well, with their owners", async () => {
    const admin = await createAdmin();
    const member = await createUser();
    await createToken(admin.actor, { name: "admin's", scopes: "read" });
    await createToken(member.actor, { name: "member's", scopes: "write" });

    const result = await run(tokens.loader, getRequest("/settings/tokens", { cookie: await signIn(admin) }));

    const listed = result.data as Listed;
    expect(listed.own.map((token) => token.name)).toEqual(["admin's"]);
    expect(listed.everyone?.map((token) => [token.name, token.owner.id])).toEqual([
      ["member's", member.id],
      ["admin's", admin.id],
    ]);
  });

  it("tells revoked and expired tokens apart from active ones", async () => {
    const member = await createUser();
    const { token: revoked } = await createToken(member.actor, { name: "revoked", scopes: "read" });
    const { token: expired } = await createToken(member.actor, { name: "expired", scopes: "read" });
    await db.apiToken.update({ where: { id: revoked.id }, data: { revokedAt: new Date() } });
    await db.apiToken.update({ where: { id: expired.id }, data: { expiresAt: new Date(Date.now() - 1000) } });

    const result = await run(tokens.loader, getRequest("/settings/tokens", { cookie: await signIn(member) }));

    expect((result.data as Listed).own.map((token) => [token.name, token.status])).toEqual([
      ["expired", "expired"],
      ["revoked", "revoked"],
    ]);
  });

  it("passes on which token is being confirmed", async () => {
    const member = await createUser();
    const result = await run(tokens.loader, getRequest("/settings/tokens?confirm=abc", { cookie: await signIn(member) }));
    expect((result.data as Listed).confirming).toBe("abc");
  });
});

describe("POST /settings/tokens, intent create", () => {
  it("redirects (Post/Redirect/Get) and the next page shows the secret once: a reload shows it no more", async () => {
    const member = await createUser();
    const cookie = await signIn(member);

    const result = await run(
      tokens.action,
      postFields("/settings/tokens", [["intent", "create"], ["name", "deploy script"], ["scopes", "read"], ["scopes", "write"]], cookie),
    );

    expect(result).toRedirectTo("/settings/tokens");
    expect(await flashOf(result.headers)).toBe("The token “deploy script” was created.");
    // The secret is in no cookie and no URL: it waits, encrypted, on the session's row.
    expect(JSON.stringify([...result.headers])).not.toContain("tdm_");

    const page = await run(tokens.loader, getRequest("/settings/tokens", { cookie }));
    expect(page.headers.get("Cache-Control")).toBe("no-store");
    const { created, own } = page.data as Created & Listed;
    expect(created).toMatchObject({ kind: "token", name: "deploy script" });
    const auth = await authenticateToken(created!.secret);
    expect(auth).toMatchObject({ actor: { id: member.id }, tokenId: own[0]!.id, scopes: ["read", "write"] });

    const reload = await run(tokens.loader, getRequest("/settings/tokens", { cookie }));
    expect((reload.data as Created).created).toBeNull();
    expect(await db.apiToken.count()).toBe(1);
  });

  it("shows the secret only to the session that made it", async () => {
    const member = await createUser();
    const cookie = await signIn(member);
    const otherSession = await signIn(member);
    await run(tokens.action, postForm("/settings/tokens", { intent: "create", name: "ci", scopes: "read" }, { cookie }));

    const elsewhere = await run(tokens.loader, getRequest("/settings/tokens", { cookie: otherSession }));

    expect((elsewhere.data as Created).created).toBeNull();
  });

  it("makes a token with the date's expiry and only what the form offers", async () => {
    const member = await createUser();
    const other = await createUser();

    const result = await run(
      tokens.action,
      postForm(
        "/settings/tokens",
        { intent: "create", name: "until 2099", scopes: "read", expiresAt: "2099-06-30", userId: other.id },
        { cookie: await signIn(member) },
      ),
    );

    expect(result).toRedirectTo("/settings/tokens");
    const row = await db.apiToken.findFirstOrThrow({ where: { name: "until 2099" } });
    expect(row).toMatchObject({ userId: member.id, scopes: "read", expiresAt: new Date("2099-06-30T00:00:00Z") });
  });

  it("sends the page's headers function the loader's no-store, so the page with the secret is not cached", () => {
    const headers = tokens.headers({
      actionHeaders: new Headers(),
      loaderHeaders: new Headers({ "Cache-Control": "no-store" }),
      parentHeaders: new Headers(),
      errorHeaders: undefined,
    });
    expect(new Headers(headers).get("Cache-Control")).toBe("no-store");
  });

  it("re-renders with the errors and the typed name and scopes kept, writing nothing", async () => {
    const member = await createUser();

    const result = await run(
      tokens.action,
      postFields(
        "/settings/tokens",
        [["intent", "create"], ["name", "kept name"], ["scopes", "read"], ["scopes", "write"], ["expiresAt", "2020-01-01"]],
        await signIn(member),
      ),
    );

    expect(result.status).toBe(400);
    expect(result.data).toMatchObject({
      intent: "create",
      fieldErrors: { expiresAt: "The expiry must be in the future." },
      values: { name: "kept name", scopes: ["read", "write"], expiresAt: "2020-01-01" },
    });
    expect(result.headers.getSetCookie()).toEqual([]);
    expect(await db.apiToken.count()).toBe(0);
  });

  it("asks for a name and a scope when both are missing", async () => {
    const member = await createUser();

    const result = await run(tokens.action, postForm("/settings/tokens", { intent: "create", name: "" }, { cookie: await signIn(member) }));

    expect(result.status).toBe(400);
    expect(result.data).toMatchObject({
      fieldErrors: { name: "Name the token, e.g. after the script that uses it.", scopes: "Choose at least one scope." },
      values: { name: "" },
    });
  });

  it("changes nothing when posted without a session", async () => {
    const result = await run(tokens.action, postForm("/settings/tokens", { intent: "create", name: "x", scopes: "read" }));
    expect(result.status).toBe(302);
    expect(await db.apiToken.count()).toBe(0);
  });
});

describe("POST /settings/tokens, intent revoke", () => {
  it("revokes one's own token and redirects back with a flash", async () => {
    const member = await createUser();
    const { token, secret } = await createToken(member.actor, { name: "old script", scopes: "read" });

    const result = await run(
      tokens.action,
      postForm("/settings/tokens", { intent: "revoke", tokenId: token.id }, { cookie: await signIn(member) }),
    );

    expect(result).toRedirectTo("/settings/tokens");
    expect(cookieNamed(result.headers, "tandem_flash")).toBeDefined();
    expect(await authenticateToken(secret)).toBeNull();
  });

  it("answers a member revoking someone else's token with 404, and the token keeps working", async () => {
    const member = await createUser();
    const other = await createUser();
    const { token, secret } = await createToken(other.actor, { name: "theirs", scopes: "read" });

    const result = await run(
      tokens.action,
      postForm("/settings/tokens", { intent: "revoke", tokenId: token.id }, { cookie: await signIn(member) }),
    );

    expect(result.thrown).toBe(true);
    expect(result.status).toBe(404);
    expect(result.data).toBe("That token was not found.");
    expect((await db.apiToken.findUniqueOrThrow({ where: { id: token.id } })).revokedAt).toBeNull();
    expect(await authenticateToken(secret)).not.toBeNull();
  });

  it("lets an admin revoke anyone's token", async () => {
    const admin = await createAdmin();
    const member = await createUser();
    const { token, secret } = await createToken(member.actor, { name: "theirs", scopes: "read" });

    const result = await run(
      tokens.action,
      postForm("/settings/tokens", { intent: "revoke", tokenId: token.id }, { cookie: await signIn(admin) }),
    );

    expect(result.status).toBe(302);
    expect(await authenticateToken(secret)).toBeNull();
  });

  it("answers a missing token id with 404", async () => {
    const member = await createUser();
    const result = await run(tokens.action, postForm("/settings/tokens", { intent: "revoke" }, { cookie: await signIn(member) }));
    expect(result.status).toBe(404);
  });

  it("refuses an unknown intent with 400", async () => {
    const member = await createUser();
    const result = await run(tokens.action, postForm("/settings/tokens", { intent: "delete" }, { cookie: await signIn(member) }));
    expect(result.status).toBe(400);
  });
});
