import { db } from "#services/db/client.ts";
import { TooManyAttemptsError } from "./errors.ts";

/**
 * The login throttle (docs/design.md §5, §6): failed sign-ins are counted per account (the
 * lower-cased email tried) and per client address over a sliding window. At the limit, a
 * sign-in is refused before the password is checked, with the seconds until the oldest
 * counted failure leaves the window. Nothing is permanent: failures age out, a successful
 * sign-in clears the account's count, and refused attempts are not counted, so a locked
 * account opens again on time however often it is tried meanwhile. The counts live in the
 * database so that every server instance sees the same ones.
 */

export type LoginAttempt = { email: string | null | undefined; address: string };

export function throttleSettings() {
  return {
    perAccount: positive(process.env.LOGIN_FAILURES_PER_ACCOUNT, 5),
    perAddress: positive(process.env.LOGIN_FAILURES_PER_ADDRESS, 30),
    windowMs: positive(process.env.LOGIN_THROTTLE_MINUTES, 15) * 60 * 1000,
  };
}

function positive(value: string | undefined, fallback: number) {
  const n = Number(value);
  return value && Number.isFinite(n) && n > 0 ? n : fallback;
}

/** Emails are normalised as the login form's schema does; absurdly long input is cut (no account has such an email). */
function accountKey(email: string | null | undefined) {
  const key = (email ?? "").trim().toLowerCase().slice(0, 320);
  return key === "" ? null : key;
}

function addressKey(address: string) {
  return (address.trim() || "unknown").slice(0, 100);
}

/** Throws TooManyAttemptsError when the account or the address has reached its limit. */
export async function checkLoginAllowed(attempt: LoginAttempt, now = new Date()): Promise<void> {
  const { perAccount, perAddress, windowMs } = throttleSettings();
  const since = new Date(now.getTime() - windowMs);
  const account = accountKey(attempt.email);
  // The newest `limit` failures per scope: their count says whether the limit is reached, and
  // the oldest of them is the one whose ageing out lets the next attempt through.
  const [accountFailures, addressFailures] = await Promise.all([
    account
      ? db.loginFailure.findMany({
          where: { scope: "account", key: account, createdAt: { gt: since } },
          orderBy: { createdAt: "desc" },
          take: perAccount,
          select: { createdAt: true },
        })
      : Promise.resolve([]),
    db.loginFailure.findMany({
      where: { scope: "address", key: addressKey(attempt.address), createdAt: { gt: since } },
      orderBy: { createdAt: "desc" },
      take: perAddress,
      select: { createdAt: true },
    }),
  ]);
  let reopensAt = 0;
  if (accountFailures.length >= perAccount) reopensAt = accountFailures.at(-1)!.createdAt.getTime() + windowMs;
  if (addressFailures.length >= perAddress) {
    reopensAt = Math.max(reopensAt, addressFailures.at(-1)!.createdAt.getTime() + windowMs);
  }
  if (reopensAt > 0) throw new TooManyAttemptsError(Math.max(1, Math.ceil((reopensAt - now.getTime()) / 1000)));
}

/** Counts one failed sign-in against the account and the address; drops failures older than the window. */
export async function recordLoginFailure(attempt: LoginAttempt, now = new Date()): Promise<void> {
  const { windowMs } = throttleSettings();
  const account = accountKey(attempt.email);
  await db.loginFailure.createMany({
    data: [
      ...(account ? [{ scope: "account", key: account, createdAt: now }] : []),
      { scope: "address", key: addressKey(attempt.address), createdAt: now },
    ],
  });
  await db.loginFailure.deleteMany({ where: { createdAt: { lt: new Date(now.getTime() - windowMs) } } });
}

/** A successful sign-in resets the account's count (not the address's: one success proves little about the others). */
export async function clearLoginFailures(attempt: { email: string | null | undefined }): Promise<void> {
  const account = accountKey(attempt.email);
  if (account) await db.loginFailure.deleteMany({ where: { scope: "account", key: account } });
}
