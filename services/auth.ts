import { randomBytes } from "node:crypto";
import { z } from "zod";
import { db, Prisma } from "#services/db/client.ts";
import { queryRows } from "#services/db/sql.ts";
import { writeUnlessUnavailable } from "#services/db/errors.ts";
import type { Actor } from "./actor.ts";
import { AuthenticationError } from "./errors.ts";
import { checkLoginAllowed, clearLoginFailures, recordLoginFailure } from "./login-throttle.ts";
import { passwordHasher } from "./passwords.ts";
import { hashSecret } from "./secret-hash.ts";
import { toPreference, type TimePreference } from "./time-preferences.ts";
import { isText, notText, parseInput } from "./validation.ts";

export const SESSION_LIFETIME_MS = Number(process.env.SESSION_LIFETIME_DAYS ?? 30) * 24 * 60 * 60 * 1000;
/** Sliding expiry is written at most this often per session, so a page view is not a write. */
const SESSION_REFRESH_MS = 24 * 60 * 60 * 1000;

export const loginSchema = z.object({
  email: z
    .string({ error: "Enter your email address." })
    .refine(isText, notText("The email address"))
    .trim()
    .toLowerCase()
    .min(1, "Enter your email address."),
  password: z.string({ error: "Enter your password." }).refine(isText, notText("The password")).min(1, "Enter your password."),
});

/**
 * Checks an email and password, throttled per account and per client address
 * (services/login-throttle.ts). An unknown or deactivated email verifies against a dummy hash
 * and fails with the same message as a wrong password, so neither the answer nor its timing
 * tells whether an account exists. Only the right password of a deactivated account is told so
 * (it proves the caller knows the account anyway): it still counts as a failure, so the throttle
 * and the timing are those of any other refused attempt.
 */
export async function verifyLogin(
  input: unknown,
  { address = "unknown", now = new Date() }: { address?: string; now?: Date } = {},
): Promise<Actor> {
  const { email, password } = parseInput(loginSchema, input);
  const attempt = { email, address };
  // Throttled before the password is checked: a refused attempt learns nothing and costs no hash.
  await checkLoginAllowed(attempt, now);
  const user = await db.user.findUnique({
    where: { email },
    select: { id: true, role: true, name: true, email: true, passwordHash: true, active: true },
  });
  const ok = await passwordHasher.verify(user?.passwordHash ?? passwordHasher.dummyHash, password);
  if (!user || !user.active || !ok) {
    await recordLoginFailure(attempt, now);
    throw new AuthenticationError(user && ok ? DEACTIVATED : undefined);
  }
  await clearLoginFailures(attempt);
  return { id: user.id, role: user.role, name: user.name, email: user.email };
}

export const DEACTIVATED = "This account is deactivated. Ask an admin to reactivate it.";

export type SessionGrant = { token: string; expiresAt: Date };

/** Starts a session; the cookie gets `token`, the database only its hash. */
export async function createSession(userId: string, now = new Date()): Promise<SessionGrant> {
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(now.getTime() + SESSION_LIFETIME_MS);
  await db.session.create({ data: { id: hashSecret(token), userId, expiresAt, createdAt: now, lastSeenAt: now } });
  return { token, expiresAt };
}

/** `time`: the person's time preference (services/time-preferences.ts), read in the same statement for their pages. */
export type ActiveSession = { sessionId: string; actor: Actor; expiresAt: Date; time: TimePreference };

type SessionWithUser = {
  expiresAt: Date;
  lastSeenAt: Date;
  userId: string;
  role: Actor["role"];
  name: string;
  email: string;
  active: boolean;
  timeZone: string | null;
  locale: string | null;
};

/**
 * Resolves a cookie's token to its session and user. Expired sessions and deactivated users
 * resolve to null. Slides the expiry at most once a day. Read fresh on every request (no
 * cache), so a revoked session or a deactivated user is refused from the next request.
 *
 * Every page starts here, so it is one SQL statement, the session joined with its user
 * (`$queryRaw`; Prisma's `findUnique` with the user costs several times as much:
 * docs/decisions/0014-performance.md). Identifiers are quoted so the SQL reads the same on
 * PostgreSQL.
 */
export async function findSession(token: string | null | undefined, now = new Date()): Promise<ActiveSession | null> {
  if (!token) return null;
  const sessionId = hashSecret(token);
  const [session] = await queryRows<SessionWithUser>(Prisma.sql`
    SELECT s."expiresAt", s."lastSeenAt", u."id" AS "userId", u."role", u."name", u."email", u."active", u."timeZone", u."locale"
    FROM "Session" s JOIN "User" u ON u."id" = s."userId"
    WHERE s."id" = ${sessionId}`);
  if (!session || !session.active) return null;
  if (session.expiresAt <= now) {
    await db.session.deleteMany({ where: { id: sessionId } });
    return null;
  }
  let expiresAt = session.expiresAt;
  if (now.getTime() - session.lastSeenAt.getTime() > SESSION_REFRESH_MS) {
    const refreshed = new Date(now.getTime() + SESSION_LIFETIME_MS);
    const written = await writeUnlessUnavailable(() =>
      db.session.updateMany({ where: { id: sessionId }, data: { lastSeenAt: now, expiresAt: refreshed } }),
    );
    if (written) expiresAt = refreshed;
  }
  const actor: Actor = { id: session.userId, role: session.role, name: session.name, email: session.email };
  return { sessionId, actor, expiresAt, time: toPreference(session) };
}

/** Signs out one session (logout). Unknown tokens are fine: the result is the same. */
export async function revokeSession(token: string | null | undefined): Promise<void> {
  if (!token) return;
  await db.session.deleteMany({ where: { id: hashSecret(token) } });
}

/** "Sign out everywhere": every session of the actor ends, this one included. */
export async function revokeAllSessions(actor: Actor): Promise<number> {
  const { count } = await db.session.deleteMany({ where: { userId: actor.id } });
  return count;
}

/** Housekeeping for sessions nobody will present again. */
export async function deleteExpiredSessions(now = new Date()): Promise<number> {
  const { count } = await db.session.deleteMany({ where: { expiresAt: { lte: now } } });
  return count;
}

