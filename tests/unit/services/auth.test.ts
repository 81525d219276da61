import { afterEach, describe, expect, it, vi } from "vitest";
import {
  createSession,
  deleteExpiredSessions,
  findSession,
  revokeAllSessions,
  revokeSession,
  SESSION_LIFETIME_MS,
  verifyLogin,
} from "#services/auth.ts";
import { db } from "#services/db/client.ts";
import { AuthenticationError, ValidationError } from "#services/errors.ts";
import { passwordHasher } from "#services/passwords.ts";
import { createAdmin, createUser, TEST_PASSWORD } from "#tests/support/factories.ts";
import { rejectionOf } from "#tests/support/rejection.ts";

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;
const start = new Date("2031-03-01T09:00:00.000Z");
const later = (ms: number) => new Date(start.getTime() + ms);

afterEach(() => {
  vi.restoreAllMocks();
});

describe("verifyLogin", () => {
  it("returns the actor for the right email and password", async () => {
    const user = await createAdmin({ email: "ann@example.com", name: "Ann" });

    const actor = await verifyLogin({ email: "ann@example.com", password: TEST_PASSWORD });

    expect(actor).toEqual({ id: user.id, role: "ADMIN", name: "Ann", email: "ann@example.com" });
  });

  it("matches the email whatever its case and surrounding spaces", async () => {
    const user = await createUser({ email: "ann@example.com" });

    await expect(verifyLogin({ email: "  ANN@Example.COM ", password: TEST_PASSWORD })).resolves.toMatchObject({
      id: user.id,
    });
  });

  it("refuses a wrong password with AuthenticationError", async () => {
    await createUser({ email: "ann@example.com" });

    await expect(verifyLogin({ email: "ann@example.com", password: "not the password" })).rejects.toBeInstanceOf(
      AuthenticationError,
    );
  });

  it("does not take a password that differs only in case or surrounding spaces", async () => {
    await createUser({ email: "ann@example.com" });

    await expect(
      verifyLogin({ email: "ann@example.com", password: TEST_PASSWORD.toUpperCase() }),
    ).rejects.toBeInstanceOf(AuthenticationError);
    await expect(verifyLogin({ email: "ann@example.com", password: ` ${TEST_PASSWORD}` })).rejects.toBeInstanceOf(
      AuthenticationError,
    );
  });

  it("gives the same answer for a wrong password, an unknown email and a deactivated user with a wrong password", async () => {
    await createUser({ email: "ann@example.com" });
    await createUser({ email: "gone@example.com", active: false });

    const wrongPassword = await rejectionOf(verifyLogin({ email: "ann@example.com", password: "not the password" }));
    const unknownEmail = await rejectionOf(verifyLogin({ email: "nobody@example.com", password: TEST_PASSWORD }));
    const deactivated = await rejectionOf(verifyLogin({ email: "gone@example.com", password: "not the password" }));

    for (const error of [wrongPassword, unknownEmail, deactivated]) {
      expect(error).toBeInstanceOf(AuthenticationError);
    }
    expect((wrongPassword as Error).message).toBe("Email or password is incorrect.");
    expect((unknownEmail as Error).message).toBe((wrongPassword as Error).message);
    expect((deactivated as Error).message).toBe((wrongPassword as Error).message);
  });

  it("tells a deactivated person who gives the right password that the account is deactivated, and counts the failure", async () => {
    await createUser({ email: "gone@example.com", active: false });

    const error = await rejectionOf(verifyLogin({ email: "gone@example.com", password: TEST_PASSWORD }, { address: "203.0.113.9" }));

    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as Error).message).toBe("This account is deactivated. Ask an admin to reactivate it.");
    expect(await db.loginFailure.count({ where: { key: { in: ["gone@example.com", "203.0.113.9"] } } })).toBe(2);
  });

  it("still verifies a password against the dummy hash for an unknown email", async () => {
    const verify = vi.spyOn(passwordHasher, "verify");

    await expect(verifyLogin({ email: "nobody@example.com", password: "any password at all" })).rejects.toBeInstanceOf(
      AuthenticationError,
    );

    expect(verify).toHaveBeenCalledTimes(1);
    expect(verify).toHaveBeenCalledWith(passwordHasher.dummyHash, "any password at all");
  });

  it("verifies against the real hash, not the dummy, for a deactivated user", async () => {
    const user = await createUser({ email: "gone@example.com", active: false });
    const verify = vi.spyOn(passwordHasher, "verify");

    await expect(verifyLogin({ email: "gone@example.com", password: TEST_PASSWORD })).rejects.toBeInstanceOf(
      AuthenticationError,
    );

    expect(verify).toHaveBeenCalledTimes(1);
    expect(verify).toHaveBeenCalledWith(user.passwordHash, TEST_PASSWORD);
  });

  it("asks for a missing email or password with a ValidationError naming the field", async () => {
    const error = await rejectionOf(verifyLogin({ email: "  ", password: "" }));

    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues).toEqual([
      { field: "email", message: "Enter your email address." },
      { field: "password", message: "Enter your password." },
    ]);
  });
});

describe("sessions", () => {
  it("round-trip: a created session's token resolves to the user as actor", async () => {
    const user = await createUser({ name: "Ann", email: "ann@example.com" });

    const grant = await createSession(user.id, start);
    const session = await findSession(grant.token, later(HOUR));

    expect(grant.expiresAt).toEqual(later(SESSION_LIFETIME_MS));
    expect(session).toEqual({
      sessionId: expect.any(String),
      actor: { id: user.id, role: "MEMBER", name: "Ann", email: "ann@example.com" },
      expiresAt: grant.expiresAt,
      // The person's time preference comes with the session (decision 0031): none yet.
      time: { timeZone: null, locale: null },
    });
  });

  it("last 30 days by default", () => {
    expect(SESSION_LIFETIME_MS).toBe(30 * DAY);
  });

  it("store only a hash of the token, never the token itself", async () => {
    const user = await createUser();

    const grants = [await createSession(user.id), await createSession(user.id)];

    const rows = await db.session.findMany();
    expect(rows).toHaveLength(2);
    for (const { token } of grants) {
      expect(token.length).toBeGreaterThanOrEqual(43);
      for (const row of rows) expect(row.id).not.toContain(token);
    }
    const session = await findSession(grants[0]!.token);
    expect(rows.map((row) => row.id)).toContain(session?.sessionId);
  });

  it("hand out a different token for every session", async () => {
    const user = await createUser();

    const first = await createSession(user.id);
    const second = await createSession(user.id);

    expect(first.token).not.toBe(second.token);
  });

  it("resolve a missing, empty or unknown token to null", async () => {
    const user = await createUser();
    await createSession(user.id);

    expect(await findSession(undefined)).toBeNull();
    expect(await findSession(null)).toBeNull();
    expect(await findSession("")).toBeNull();
    expect(await findSession("not-a-token-anyone-was-given")).toBeNull();
  });

  it("resolve an expired session to null and delete it", async () => {
    const user = await createUser();
    const grant = await createSession(user.id, start);

    expect(await findSession(grant.token, grant.expiresAt)).toBeNull();

    expect(await db.session.count()).toBe(0);
    expect(await findSession(grant.token, start)).toBeNull();
  });

  it("stay valid until the instant they expire", async () => {
    const user = await createUser();
    const grant = await createSession(user.id, start);

    expect(await findSession(grant.token, new Date(grant.expiresAt.getTime() - 1))).not.toBeNull();
  });

  it("slide the expiry forward when more than a day has passed since last seen", async () => {
    const user = await createUser();
    const grant = await createSession(user.id, start);
    const seen = later(2 * DAY);

    const session = await findSession(grant.token, seen);

    const slid = new Date(seen.getTime() + SESSION_LIFETIME_MS);
    expect(session?.expiresAt).toEqual(slid);
    const row = await db.session.findUniqueOrThrow({ where: { id: session!.sessionId } });
    expect(row.expiresAt).toEqual(slid);
    expect(row.lastSeenAt).toEqual(seen);
    // Past the original expiry, the slid session still works.
    expect(await findSession(grant.token, later(SESSION_LIFETIME_MS + HOUR))).not.toBeNull();
  });

  it("do not write a new expiry when less than a day has passed since last seen", async () => {
    const user = await createUser();
    const grant = await createSession(user.id, start);

    const session = await findSession(grant.token, later(12 * HOUR));

    expect(session?.expiresAt).toEqual(grant.expiresAt);
    const row = await db.session.findUniqueOrThrow({ where: { id: session!.sessionId } });
    expect(row.expiresAt).toEqual(grant.expiresAt);
    expect(row.lastSeenAt).toEqual(start);
  });

  it("resolve to null once their user is deactivated", async () => {
    const user = await createUser();
    const grant = await createSession(user.id, start);
    await db.user.update({ where: { id: user.id }, data: { active: false } });

    expect(await findSession(grant.token, later(HOUR))).toBeNull();
  });

  it("end one session on revokeSession, leaving the person's others", async () => {
    const user = await createUser();
    const here = await createSession(user.id);
    const elsewhere = await createSession(user.id);

    await revokeSession(here.token);

    expect(await findSession(here.token)).toBeNull();
    expect(await findSession(elsewhere.token)).not.toBeNull();
    expect(await db.session.count()).toBe(1);
  });

  it("accept revoking a missing or unknown token without touching any session", async () => {
    const user = await createUser();
    await createSession(user.id);

    await revokeSession(undefined);
    await revokeSession(null);
    await revokeSession("not-a-token-anyone-was-given");

    expect(await db.session.count()).toBe(1);
  });

  it("all end on revokeAllSessions (sign out everywhere), other people's untouched", async () => {
    const user = await createUser();
    const other = await createUser();
    const grants = [await createSession(user.id), await createSession(user.id), await createSession(user.id)];
    const othersGrant = await createSession(other.id);

    expect(await revokeAllSessions(user.actor)).toBe(3);

    for (const { token } of grants) expect(await findSession(token)).toBeNull();
    expect(await db.session.count({ where: { userId: user.id } })).toBe(0);
    expect(await findSession(othersGrant.token)).not.toBeNull();
  });

  it("that have expired are cleared by deleteExpiredSessions, live ones kept", async () => {
    const user = await createUser();
    const old = await createSession(user.id, new Date(start.getTime() - SESSION_LIFETIME_MS - DAY));
    const fresh = await createSession(user.id, start);

    expect(await deleteExpiredSessions(later(HOUR))).toBe(1);

    expect(await findSession(old.token, later(HOUR))).toBeNull();
    expect(await findSession(fresh.token, later(HOUR))).not.toBeNull();
  });
});
