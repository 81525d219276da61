import { describe, expect, it } from "vitest";
import { findSession, createSession, verifyLogin } from "#services/auth.ts";
import { resetAdminPassword, seedFirstAdmin } from "#services/bootstrap.ts";
import { db } from "#services/db/client.ts";
import { NotFoundError, ValidationError } from "#services/errors.ts";
import { createAdmin, createUser } from "#tests/support/factories.ts";

describe("seedFirstAdmin", () => {
  it("creates one admin with a generated password that signs in, on an empty database", async () => {
    const seeded = await seedFirstAdmin({});
    expect(seeded).toMatchObject({ email: "admin@tandem.local", generated: true });
    expect(seeded!.password.length).toBeGreaterThanOrEqual(12);
    await expect(verifyLogin({ email: seeded!.email, password: seeded!.password })).resolves.toMatchObject({ role: "ADMIN" });
  });

  it("uses ADMIN_EMAIL and ADMIN_PASSWORD when given, lower-casing the email", async () => {
    const seeded = await seedFirstAdmin({ email: "Boss@Example.com", password: "the boss's password" });
    expect(seeded).toMatchObject({ email: "boss@example.com", generated: false });
  });

  it("refuses a password that breaks the rules, naming the field", async () => {
    await expect(seedFirstAdmin({ password: "short" })).rejects.toBeInstanceOf(ValidationError);
    expect(await db.user.count()).toBe(0);
  });

  it("seeds exactly one admin when several instances start on one empty database at once", async () => {
    const results = await Promise.all(Array.from({ length: 4 }, () => seedFirstAdmin({})));

    expect(results.filter((result) => result !== null)).toHaveLength(1);
    expect(await db.user.count()).toBe(1);
    expect(await db.activity.count({ where: { action: "user.created" } })).toBe(1);
  });

  it("does nothing when there are users already", async () => {
    await createUser();
    expect(await seedFirstAdmin({})).toBeNull();
    expect(await db.user.count()).toBe(1);
  });
});

describe("resetAdminPassword (npm run admin:reset)", () => {
  it("gives an admin a new password that works and ends their sessions", async () => {
    const admin = await createAdmin({ email: "lost@example.com" });
    const { token } = await createSession(admin.id);
    const password = await resetAdminPassword(" LOST@example.com ");
    await expect(verifyLogin({ email: "lost@example.com", password })).resolves.toMatchObject({ id: admin.id });
    await expect(verifyLogin({ email: "lost@example.com", password: admin.password })).rejects.toThrow();
    expect(await findSession(token)).toBeNull();
  });

  it("refuses members and unknown emails", async () => {
    const member = await createUser();
    await expect(resetAdminPassword(member.email)).rejects.toBeInstanceOf(ValidationError);
    await expect(resetAdminPassword("nobody@example.com")).rejects.toBeInstanceOf(NotFoundError);
  });
});
