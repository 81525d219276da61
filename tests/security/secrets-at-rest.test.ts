import { randomUUID } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { api, uniqueEmail } from "#tests/api/support.ts";
import { HTTP_DB } from "#tests/support/http-server.ts";
import { arrangeTeam, getPage, send } from "./support.ts";

/**
 * Someone who gets a copy of the database (a backup, a stolen disk) must find no password, no
 * API token secret, no one-time link's secret and no session token in it. Every secret is made through the real doors
 * (forms and API), then every text and blob of every table is read, and the raw bytes of the
 * database file and its write-ahead log are searched too (a value can sit in a WAL frame or a
 * free page long after a row stopped holding it).
 */

const secret = (label: string) => `${label}-${randomUUID()}`;

function sessionTokenIn(setCookie: string | null) {
  const value = setCookie?.match(/tandem_session=([^;]+)/)?.[1];
  if (!value) throw new Error(`no session cookie in ${setCookie}`);
  return { cookie: `tandem_session=${value}`, raw: decodeURIComponent(value), token: JSON.parse(atob(decodeURIComponent(value))) as string };
}

/** Every text or blob value of every table, with where it was found. */
function everyStoredValue() {
  const database = new Database(HTTP_DB, { readonly: true, fileMustExist: true });
  try {
    const tables = database.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[];
    const values: { where: string; text: string }[] = [];
    for (const table of tables) {
      for (const row of database.prepare(`SELECT * FROM "${table}"`).all() as Record<string, unknown>[]) {
        for (const [column, value] of Object.entries(row)) {
          if (typeof value === "string") values.push({ where: `${table}.${column}`, text: value });
          if (Buffer.isBuffer(value)) values.push({ where: `${table}.${column}`, text: value.toString("latin1") });
        }
      }
    }
    return { tables, values };
  } finally {
    database.close();
  }
}

function rawBytes() {
  return [HTTP_DB, `${HTTP_DB}-wal`].filter((file) => existsSync(file)).map((file) => ({ file, bytes: readFileSync(file) }));
}

describe("secrets at rest", () => {
  it("no password, API token secret or session token made over HTTP is in the database, in any table or in the file bytes", async () => {
    const team = await arrangeTeam();
    const passwords = {
      formCreated: secret("form-password"),
      apiCreated: secret("api-password"),
      changedOwn: secret("changed-password"),
      setByAdmin: secret("admin-set-password"),
      mistyped: secret("mistyped-password"),
      invited: secret("invited-password"),
      reset: secret("reset-password"),
    };

    // A person added through the form, and one through the API (with an idempotency key, whose stored replay is a row too).
    const formEmail = uniqueEmail("at-rest-form");
    const added = await send("/users/new", { cookie: team.adminCookie, form: { name: "At Rest", email: formEmail, role: "MEMBER", password: passwords.formCreated } });
    expect(added.status).toBe(302);
    const apiUser = await api("/api/users", {
      method: "POST",
      token: team.secret,
      headers: { "Idempotency-Key": randomUUID() },
      json: { name: "At Rest API", email: uniqueEmail("at-rest-api"), password: passwords.apiCreated },
    });
    expect(apiUser.status).toBe(201);

    // The form-made person signs in (a session), mistypes once (a counted failure), changes their password.
    const mistyped = await send("/login", { form: { email: formEmail, password: passwords.mistyped } });
    expect(mistyped.status).toBe(401);
    const signedIn = await send("/login", { form: { email: formEmail, password: passwords.formCreated } });
    expect(signedIn.status).toBe(302);
    const session = sessionTokenIn(signedIn.headers.get("set-cookie"));
    const changed = await send("/settings", {
      cookie: session.cookie,
      form: { intent: "change-password", currentPassword: passwords.formCreated, newPassword: passwords.changedOwn },
    });
    expect(changed.status).toBe(302);

    // An admin sets the API-made person's password; the form-made person creates a token (its secret is on that page once).
    const set = await send(`/users/${apiUser.body.id}`, { cookie: team.adminCookie, form: { intent: "set-password", password: passwords.setByAdmin } });
    expect(set.status).toBe(302);
    const created = await send("/settings/tokens", { cookie: session.cookie, form: { intent: "create", name: "at rest", scopes: "write" } });
    expect(created.status).toBe(302);
    const tokenPage = await getPage("/settings/tokens", { cookie: session.cookie });
    const tokenSecret = tokenPage.text.match(/tdm_[A-Za-z0-9_-]{20,}/)?.[0];
    expect(tokenSecret, "the new token's secret is shown once").toBeDefined();
    expect((await api("/api/me", { token: tokenSecret })).status).toBe(200);

    // An invitation taken with a password of the newcomer's own, and a password-reset link made and used.
    const invited = await api("/api/invitations", { method: "POST", token: team.secret, json: { name: "Invited", email: uniqueEmail("at-rest-invited") } });
    expect(invited.status).toBe(201);
    const invitationSecret = invited.body.link.split("/").at(-1) as string;
    const joined = await send(`/invite/${invitationSecret}`, { form: { intent: "accept", name: "Invited", password: passwords.invited } });
    expect(joined.status).toBe(302);
    const resetLink = await send(`/users/${apiUser.body.id}`, { cookie: team.adminCookie, form: { intent: "reset-link" } });
    expect(resetLink.status).toBe(302);
    const resetSecret = (await getPage(`/users/${apiUser.body.id}`, { cookie: team.adminCookie })).text.match(/\/reset\/([A-Za-z0-9_-]{43})/)?.[1];
    expect(resetSecret, "the reset link is shown once").toBeDefined();
    expect((await send(`/reset/${resetSecret}`, { form: { intent: "reset", password: passwords.reset } })).status).toBe(302);

    const secrets: Record<string, string> = {
      ...passwords,
      invitationSecret,
      resetSecret: resetSecret!,
      tokenSecret: tokenSecret!,
      // The token without its public prefix (the first characters are stored on purpose, to tell tokens apart).
      tokenSecretBody: tokenSecret!.slice(12),
      fixtureTokenSecret: team.secret,
      sessionToken: session.token,
      sessionCookieValue: session.raw,
    };

    const { tables, values } = everyStoredValue();
    expect(tables).toEqual(expect.arrayContaining(["User", "Session", "ApiToken", "IdempotencyKey", "Activity", "LoginFailure", "OneTimeLink"]));
    for (const [name, value] of Object.entries(secrets)) {
      const found = values.filter((stored) => stored.text.includes(value)).map((stored) => stored.where);
      expect(found, `${name} stored in`).toEqual([]);
    }

    const files = rawBytes();
    expect(files.length).toBeGreaterThan(0);
    for (const { file, bytes } of files) {
      for (const [name, value] of Object.entries(secrets)) {
        expect(bytes.includes(Buffer.from(value, "utf8")), `${name} in the bytes of ${file}`).toBe(false);
        expect(bytes.includes(Buffer.from(value, "utf16le")), `${name} (UTF-16) in the bytes of ${file}`).toBe(false);
      }
    }
    // The scan would have seen a secret: what is stored about these people is there, only not in clear.
    expect(values.some((stored) => stored.where === "User.passwordHash" && stored.text.startsWith("$argon2id$"))).toBe(true);
    expect(values.some((stored) => stored.where === "User.email" && stored.text === formEmail)).toBe(true);
    expect(files.some(({ bytes }) => bytes.includes(Buffer.from(formEmail, "utf8")))).toBe(true);
  });
});
