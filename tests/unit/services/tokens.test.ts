import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "#services/db/client.ts";
import { NotFoundError, ValidationError } from "#services/errors.ts";
import { authenticateToken, createToken, listTokens, revokeToken } from "#services/tokens.ts";
import { createAdmin, createUser } from "#tests/support/factories.ts";
import { rejectionOf } from "#tests/support/rejection.ts";

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
/** A moment well after any token in these tests was made, and before any expiry they set. */
const start = new Date(Date.now() + DAY);
const later = (ms: number) => new Date(start.getTime() + ms);

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

describe("createToken", () => {
  it("returns a tdm_ secret once and stores only its SHA-256 hash", async () => {
    const user = await createUser();

    const { token, secret } = await createToken(user.actor, { name: "deploy script", scopes: ["read"] });

    expect(secret).toMatch(/^tdm_[A-Za-z0-9_-]{43}$/);
    expect(token).toEqual({
      id: expect.any(String),
      name: "deploy script",
      prefix: secret.slice(0, 10),
      scopes: ["read"],
      expiresAt: null,
      lastUsedAt: null,
      revokedAt: null,
      createdAt: expect.any(Date),
      owner: { id: user.id, name: user.name, email: user.email },
    });
    expect(JSON.stringify(token)).not.toContain(secret);

    const row = await db.apiToken.findUniqueOrThrow({ where: { id: token.id } });
    expect(row.secretHash).toBe(sha256(secret));
    for (const [column, value] of Object.entries(row)) {
      expect(String(value), column).not.toContain(secret);
    }
  });

  it("gives a different secret every time", async () => {
    const user = await createUser();

    const first = await createToken(user.actor, { name: "one", scopes: "read" });
    const second = await createToken(user.actor, { name: "two", scopes: "read" });

    expect(first.secret).not.toBe(second.secret);
  });

  it("stores write as read and write, from a list or a single form value", async () => {
    const user = await createUser();

    const fromList = await createToken(user.actor, { name: "api", scopes: ["write"] });
    const fromForm = await createToken(user.actor, { name: "form", scopes: "write" });
    const both = await createToken(user.actor, { name: "both", scopes: ["read", "write"] });
    const readOnly = await createToken(user.actor, { name: "reader", scopes: "read" });

    expect(fromList.token.scopes).toEqual(["read", "write"]);
    expect(fromForm.token.scopes).toEqual(["read", "write"]);
    expect(both.token.scopes).toEqual(["read", "write"]);
    expect(readOnly.token.scopes).toEqual(["read"]);
    expect((await db.apiToken.findUniqueOrThrow({ where: { id: fromList.token.id } })).scopes).toBe("read write");
  });

  it("names the missing name and scopes and writes nothing", async () => {
    const user = await createUser();

    const error = await rejectionOf(createToken(user.actor, {}));

    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues).toEqual(
      expect.arrayContaining([
        { field: "name", message: "Name the token, e.g. after the script that uses it." },
        { field: "scopes", message: "Choose at least one scope." },
      ]),
    );
    expect(await db.apiToken.count()).toBe(0);
  });

  it("refuses an unknown scope", async () => {
    const user = await createUser();

    const error = await rejectionOf(createToken(user.actor, { name: "admin?", scopes: ["read", "admin"] }));

    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues.map((issue) => issue.field)).toEqual(["scopes"]);
    expect(await db.apiToken.count()).toBe(0);
  });

  it("refuses an expiry in the past on expiresAt and writes nothing", async () => {
    const user = await createUser();

    const error = await rejectionOf(createToken(user.actor, { name: "old", scopes: "read", expiresAt: "2020-01-31" }));

    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues).toEqual([
      { field: "expiresAt", message: "The expiry must be in the future." },
    ]);
    expect(await db.apiToken.count()).toBe(0);
  });

  it("refuses an expiry that is not a date on expiresAt", async () => {
    const user = await createUser();

    const error = await rejectionOf(createToken(user.actor, { name: "odd", scopes: "read", expiresAt: "next tuesday" }));

    expect((error as ValidationError).issues.map((issue) => issue.field)).toEqual(["expiresAt"]);
  });

  it("accepts a future date as the start of that day in UTC", async () => {
    const user = await createUser();

    const { token } = await createToken(user.actor, { name: "until then", scopes: "read", expiresAt: "2099-01-31" });

    expect(token.expiresAt).toEqual(new Date("2099-01-31T00:00:00.000Z"));
  });
});

describe("listTokens", () => {
  it("shows a member only their own tokens, even when they ask for everyone's", async () => {
    const member = await createUser();
    const other = await createUser();
    await createToken(member.actor, { name: "mine", scopes: "read" });
    await createToken(other.actor, { name: "theirs", scopes: "read" });

    expect((await listTokens(member.actor)).map((token) => token.name)).toEqual(["mine"]);
    expect((await listTokens(member.actor, { everyone: true })).map((token) => token.name)).toEqual(["mine"]);
  });

  it("shows an admin their own tokens, and everyone's with their owners when asked, newest first", async () => {
    const admin = await createAdmin();
    const member = await createUser();
    await createToken(admin.actor, { name: "admin's", scopes: "read" });
    await createToken(member.actor, { name: "member's", scopes: "write" });

    expect((await listTokens(admin.actor)).map((token) => token.name)).toEqual(["admin's"]);
    const everyone = await listTokens(admin.actor, { everyone: true });
    expect(everyone.map((token) => [token.name, token.owner.id])).toEqual([
      ["member's", member.id],
      ["admin's", admin.id],
    ]);
    expect(everyone.every((token) => !("secretHash" in token))).toBe(true);
  });
});

describe("revokeToken", () => {
  it("revokes one's own token, and a second revoke keeps the first time", async () => {
    const member = await createUser();
    const { token } = await createToken(member.actor, { name: "mine", scopes: "read" });

    const revoked = await revokeToken(member.actor, token.id);
    const again = await revokeToken(member.actor, token.id);

    expect(revoked.revokedAt).toBeInstanceOf(Date);
    expect(again.revokedAt).toEqual(revoked.revokedAt);
  });

  it("answers a member's attempt on another member's token as not found, changing nothing", async () => {
    const member = await createUser();
    const other = await createUser();
    const { token } = await createToken(other.actor, { name: "theirs", scopes: "read" });
    const before = await db.apiToken.findMany();

    await expect(revokeToken(member.actor, token.id)).rejects.toBeInstanceOf(NotFoundError);

    expect(await db.apiToken.findMany()).toEqual(before);
  });

  it("answers an unknown id the same way", async () => {
    const member = await createUser();

    const error = await rejectionOf(revokeToken(member.actor, "no-such-token"));

    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as Error).message).toBe("That token was not found.");
  });

  it("lets an admin revoke anyone's token", async () => {
    const admin = await createAdmin();
    const member = await createUser();
    const { token, secret } = await createToken(member.actor, { name: "theirs", scopes: "read" });

    await revokeToken(admin.actor, token.id);

    expect(await authenticateToken(secret)).toBeNull();
  });
});

describe("authenticateToken", () => {
  it("resolves a valid secret to its owner as the actor, with the token's scopes", async () => {
    const user = await createAdmin({ name: "Ann", email: "ann@example.com" });
    const { token, secret } = await createToken(user.actor, { name: "ci", scopes: "write" });

    expect(await authenticateToken(secret)).toEqual({
      actor: { id: user.id, role: "ADMIN", name: "Ann", email: "ann@example.com" },
      tokenId: token.id,
      scopes: ["read", "write"],
    });
  });

  it("resolves an unknown secret, a secret without the prefix or an altered one to null", async () => {
    const user = await createUser();
    const { secret } = await createToken(user.actor, { name: "ci", scopes: "read" });

    expect(await authenticateToken("tdm_not-a-real-token")).toBeNull();
    expect(await authenticateToken(secret.slice(4))).toBeNull();
    expect(await authenticateToken(secret.slice(0, -1) + (secret.endsWith("A") ? "B" : "A"))).toBeNull();
    expect(await authenticateToken("")).toBeNull();
  });

  it("resolves a revoked token to null", async () => {
    const user = await createUser();
    const { token, secret } = await createToken(user.actor, { name: "ci", scopes: "read" });

    await revokeToken(user.actor, token.id);

    expect(await authenticateToken(secret)).toBeNull();
  });

  it("resolves a token to null from the moment it expires", async () => {
    const user = await createUser();
    const expiry = new Date(Date.now() + 2 * DAY);
    const { secret } = await createToken(user.actor, { name: "ci", scopes: "read", expiresAt: expiry.toISOString() });

    expect(await authenticateToken(secret, new Date(expiry.getTime() - 1))).not.toBeNull();
    expect(await authenticateToken(secret, expiry)).toBeNull();
    expect(await authenticateToken(secret, new Date(expiry.getTime() + DAY))).toBeNull();
  });

  it("resolves a deactivated owner's token to null at once, and again when they come back", async () => {
    const user = await createUser();
    const { secret } = await createToken(user.actor, { name: "ci", scopes: "read" });
    expect(await authenticateToken(secret)).not.toBeNull();

    await db.user.update({ where: { id: user.id }, data: { active: false } });
    expect(await authenticateToken(secret)).toBeNull();

    await db.user.update({ where: { id: user.id }, data: { active: true } });
    expect(await authenticateToken(secret)).not.toBeNull();
  });

  it("writes the last-used time on first use, not again within a minute, and again after one", async () => {
    const user = await createUser();
    const { token, secret } = await createToken(user.actor, { name: "ci", scopes: "read" });
    const lastUsed = async () => (await db.apiToken.findUniqueOrThrow({ where: { id: token.id } })).lastUsedAt;
    expect(await lastUsed()).toBeNull();

    await authenticateToken(secret, start);
    expect(await lastUsed()).toEqual(start);

    await authenticateToken(secret, later(30_000));
    await authenticateToken(secret, later(MINUTE - 1));
    expect(await lastUsed()).toEqual(start);

    await authenticateToken(secret, later(MINUTE));
    expect(await lastUsed()).toEqual(later(MINUTE));

    await authenticateToken(secret, later(MINUTE + 59_000));
    expect(await lastUsed()).toEqual(later(MINUTE));
    await authenticateToken(secret, later(5 * MINUTE));
    expect(await lastUsed()).toEqual(later(5 * MINUTE));
  });

  it("shows the last-used time in the owner's list", async () => {
    const user = await createUser();
    const { secret } = await createToken(user.actor, { name: "ci", scopes: "read" });

    await authenticateToken(secret, start);

    expect((await listTokens(user.actor))[0]?.lastUsedAt).toEqual(start);
  });
});
