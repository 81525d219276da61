import { afterEach, describe, expect, it } from "vitest";
import { verifyLogin } from "#services/auth.ts";
import { db } from "#services/db/client.ts";
import { AuthenticationError, TooManyAttemptsError } from "#services/errors.ts";
import { checkLoginAllowed, clearLoginFailures, recordLoginFailure } from "#services/login-throttle.ts";
import { createUser, TEST_PASSWORD } from "#tests/support/factories.ts";

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const start = new Date("2031-03-01T09:00:00.000Z");
const at = (ms: number) => new Date(start.getTime() + ms);
const WRONG = "not the password at all";

/** One sign-in: verifyLogin throttles, counts a failure and clears the account on success. */
async function attempt(email: string, password: string, address: string, now: Date) {
  try {
    await verifyLogin({ email, password }, { address, now });
    return "signed in" as const;
  } catch (error) {
    if (error instanceof TooManyAttemptsError) return error;
    if (error instanceof AuthenticationError) return "wrong" as const;
    throw error;
  }
}

const saved = { ...process.env };
afterEach(() => {
  for (const name of ["LOGIN_FAILURES_PER_ACCOUNT", "LOGIN_FAILURES_PER_ADDRESS", "LOGIN_THROTTLE_MINUTES"]) {
    if (saved[name] === undefined) delete process.env[name];
    else process.env[name] = saved[name];
  }
});

describe("login throttle, per account", () => {
  it("locks the account after 5 failures, with Retry-After until the oldest failure leaves the 15-minute window", async () => {
    const user = await createUser({ email: "ann@example.com" });
    for (let i = 0; i < 5; i++) {
      expect(await attempt(user.email, WRONG, `198.51.100.${i}`, at(i * MINUTE))).toBe("wrong");
    }
    const refused = await attempt(user.email, WRONG, "198.51.100.9", at(5 * MINUTE));
    expect(refused).toBeInstanceOf(TooManyAttemptsError);
    // The first failure (at 0) leaves the window at 15:00; it is now 5:00.
    expect((refused as TooManyAttemptsError).retryAfterSeconds).toBe(10 * 60);
    expect((refused as TooManyAttemptsError).message).toBe("Too many failed sign-ins. Try again in 10 minutes.");
  });

  it("refuses the 6th attempt even with the right password, and counts no failure for it", async () => {
    const user = await createUser({ email: "bo@example.com" });
    for (let i = 0; i < 5; i++) await attempt(user.email, WRONG, "198.51.100.1", at(i * SECOND));
    const refused = await attempt("BO@example.com", TEST_PASSWORD, "203.0.113.7", at(10 * SECOND));
    expect(refused).toBeInstanceOf(TooManyAttemptsError);
    expect(await db.loginFailure.count({ where: { scope: "account" } })).toBe(5);
  });

  it("counts unknown emails the same way, so a lock tells nothing about whether the account exists", async () => {
    for (let i = 0; i < 5; i++) await attempt("nobody@example.com", WRONG, "198.51.100.1", at(i * SECOND));
    expect(await attempt("nobody@example.com", WRONG, "198.51.100.2", at(6 * SECOND))).toBeInstanceOf(TooManyAttemptsError);
  });

  it("clears the account's count on a success before the limit", async () => {
    const user = await createUser({ email: "cy@example.com" });
    for (let i = 0; i < 4; i++) await attempt(user.email, WRONG, "198.51.100.1", at(i * SECOND));
    expect(await attempt(user.email, TEST_PASSWORD, "198.51.100.1", at(5 * SECOND))).toBe("signed in");
    for (let i = 0; i < 4; i++) {
      expect(await attempt(user.email, WRONG, "198.51.100.1", at(10 * SECOND + i * SECOND))).toBe("wrong");
    }
    expect(await attempt(user.email, TEST_PASSWORD, "198.51.100.1", at(20 * SECOND))).toBe("signed in");
    // The address's count is not reset by one success.
    expect(await db.loginFailure.count({ where: { scope: "address", key: "198.51.100.1" } })).toBe(8);
  });

  it("lets the real user in again once the failures age out: no permanent lockout", async () => {
    const user = await createUser({ email: "di@example.com" });
    for (let i = 0; i < 5; i++) await attempt(user.email, WRONG, "198.51.100.1", at(i * MINUTE));
    // Attempts while locked are refused and not counted, so they do not push the lock further out.
    expect(await attempt(user.email, WRONG, "198.51.100.1", at(14 * MINUTE + 59 * SECOND))).toBeInstanceOf(
      TooManyAttemptsError,
    );
    // At 15:00 the first failure has left the window: four remain, one more try is allowed.
    expect(await attempt(user.email, TEST_PASSWORD, "198.51.100.1", at(15 * MINUTE))).toBe("signed in");
  });

  it("reopens exactly when Retry-After said it would", async () => {
    const user = await createUser({ email: "ed@example.com" });
    for (let i = 0; i < 5; i++) await attempt(user.email, WRONG, "198.51.100.1", at(i * MINUTE));
    const refused = (await attempt(user.email, WRONG, "198.51.100.1", at(7 * MINUTE))) as TooManyAttemptsError;
    const reopens = 7 * MINUTE + refused.retryAfterSeconds * SECOND;
    expect(await attempt(user.email, TEST_PASSWORD, "198.51.100.1", at(reopens - SECOND))).toBeInstanceOf(
      TooManyAttemptsError,
    );
    expect(await attempt(user.email, TEST_PASSWORD, "198.51.100.1", at(reopens))).toBe("signed in");
  });
});

describe("login throttle, per client address", () => {
  it("locks an address after 30 failures across different emails, while another address still works", async () => {
    const user = await createUser({ email: "fay@example.com" });
    for (let i = 0; i < 30; i++) {
      expect(await attempt(`guess-${i}@example.com`, WRONG, "198.51.100.66", at(i * SECOND))).toBe("wrong");
    }
    const refused = await attempt(user.email, TEST_PASSWORD, "198.51.100.66", at(40 * SECOND));
    expect(refused).toBeInstanceOf(TooManyAttemptsError);
    expect((refused as TooManyAttemptsError).retryAfterSeconds).toBe(15 * 60 - 40);
    expect(await attempt(`guess-99@example.com`, WRONG, "198.51.100.67", at(41 * SECOND))).toBe("wrong");
  });

  it("does not lock the real user out from another address when an attacker's address is locked", async () => {
    const user = await createUser({ email: "gus@example.com" });
    // An attacker spreads guesses for this account and others over one address: 4 on the account, 26 elsewhere.
    for (let i = 0; i < 4; i++) await attempt(user.email, WRONG, "203.0.113.66", at(i * SECOND));
    for (let i = 0; i < 26; i++) await attempt(`other-${i}@example.com`, WRONG, "203.0.113.66", at((10 + i) * SECOND));
    expect(await attempt(user.email, WRONG, "203.0.113.66", at(60 * SECOND))).toBeInstanceOf(TooManyAttemptsError);
    expect(await attempt(user.email, TEST_PASSWORD, "192.0.2.10", at(61 * SECOND))).toBe("signed in");
  });

  it("ages the address out too", async () => {
    for (let i = 0; i < 30; i++) await attempt(`x${i}@example.com`, WRONG, "198.51.100.5", at(0));
    expect(await attempt("y@example.com", WRONG, "198.51.100.5", at(15 * MINUTE - SECOND))).toBeInstanceOf(
      TooManyAttemptsError,
    );
    expect(await attempt("y@example.com", WRONG, "198.51.100.5", at(15 * MINUTE))).toBe("wrong");
  });
});

describe("login throttle, housekeeping and configuration", () => {
  it("deletes failures older than the window when it records a new one", async () => {
    await recordLoginFailure({ email: "old@example.com", address: "198.51.100.1" }, at(0));
    await recordLoginFailure({ email: "new@example.com", address: "198.51.100.2" }, at(16 * MINUTE));
    const rows = await db.loginFailure.findMany({ select: { key: true } });
    expect(rows.map((row) => row.key).sort()).toEqual(["198.51.100.2", "new@example.com"]);
  });

  it("takes its limits and window from LOGIN_FAILURES_PER_ACCOUNT, LOGIN_FAILURES_PER_ADDRESS and LOGIN_THROTTLE_MINUTES", async () => {
    process.env.LOGIN_FAILURES_PER_ACCOUNT = "2";
    process.env.LOGIN_FAILURES_PER_ADDRESS = "3";
    process.env.LOGIN_THROTTLE_MINUTES = "1";
    for (let i = 0; i < 2; i++) await recordLoginFailure({ email: "h@example.com", address: `192.0.2.${i}` }, at(0));
    await expect(checkLoginAllowed({ email: "h@example.com", address: "192.0.2.9" }, at(10 * SECOND))).rejects.toMatchObject({
      retryAfterSeconds: 50,
    });
    // 192.0.2.0 has one failure from above; two more reach the address limit of 3.
    await recordLoginFailure({ email: "i@example.com", address: "192.0.2.0" }, at(0));
    await expect(checkLoginAllowed({ email: "j@example.com", address: "192.0.2.0" }, at(0))).resolves.toBeUndefined();
    await recordLoginFailure({ email: "k@example.com", address: "192.0.2.0" }, at(0));
    await expect(checkLoginAllowed({ email: "j@example.com", address: "192.0.2.0" }, at(0))).rejects.toBeInstanceOf(
      TooManyAttemptsError,
    );
    await expect(checkLoginAllowed({ email: "h@example.com", address: "192.0.2.9" }, at(MINUTE))).resolves.toBeUndefined();
  });
});
