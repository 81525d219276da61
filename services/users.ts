import { newId } from "#services/db/ids.ts";
import { z } from "zod";
import { db, type Prisma } from "#services/db/client.ts";
import { isUniqueViolation } from "#services/db/errors.ts";
import { forUpdate } from "#services/db/sql.ts";
import { activityRecord } from "./activity.ts";
import type { Actor } from "./actor.ts";
import { requirePermission } from "./permissions.ts";
import { ConflictError, NotFoundError, PreconditionFailedError, ValidationError } from "./errors.ts";
import { passwordHasher } from "./passwords.ts";
import { toPreference, type TimePreference } from "./time-preferences.ts";
import { decodeCursor, PAGE_SIZE, toPage, type Page } from "./pagination.ts";
import { isText, notText, parseInput } from "./validation.ts";

// ---- Schemas: shared by the forms, the API and (later) the OpenAPI document ----

const required = (message: string) => ({
  error: (issue: { input: unknown }) => (issue.input === undefined ? message : undefined),
});

export const emailSchema = z
  .string(required("Enter an email address."))
  .refine(isText, notText("The email address"))
  .trim()
  .toLowerCase()
  .min(1, "Enter an email address.")
  .max(254, "Email must be at most 254 characters.")
  .pipe(z.email("Enter a valid email address, like name@example.com."));

export const nameSchema = z
  .string(required("Enter a name."))
  .refine(isText, notText("The name"))
  .trim()
  .min(1, "Enter a name.")
  .max(100, "Name must be at most 100 characters.");

export const roleSchema = z.enum(["ADMIN", "MEMBER"], { error: "Choose a role: ADMIN or MEMBER." });

/** Any characters, never trimmed: a password is what the person typed. */
export const passwordSchema = z
  .string(required("Enter a password."))
  .refine(isText, notText("The password"))
  .min(12, "Password must be at least 12 characters.")
  .max(256, "Password must be at most 256 characters.");

export const createUserSchema = z.object({
  email: emailSchema,
  name: nameSchema,
  role: roleSchema.default("MEMBER"),
  password: passwordSchema,
});

export const updateUserSchema = z.object({
  name: nameSchema.optional(),
  role: roleSchema.optional(),
  active: z.boolean({ error: "Active must be true or false." }).optional(),
});

export const setPasswordSchema = z.object({ password: passwordSchema });

export const changeOwnPasswordSchema = z.object({
  currentPassword: z
    .string(required("Enter your current password."))
    .refine(isText, notText("The current password"))
    .min(1, "Enter your current password."),
  newPassword: passwordSchema,
});

export type CreateUserInput = z.input<typeof createUserSchema>;
export type UpdateUserInput = z.input<typeof updateUserSchema>;

// ---- What callers get: never a password hash ----

export type PublicUser = {
  id: string;
  email: string;
  name: string;
  role: "ADMIN" | "MEMBER";
  active: boolean;
  /** Bumped on every change: the API's ETag. */
  version: number;
  createdAt: Date;
  updatedAt: Date;
};

const publicFields = {
  id: true,
  email: true,
  name: true,
  role: true,
  active: true,
  version: true,
  createdAt: true,
  updatedAt: true,
} as const;

const EMAIL_TAKEN = "A user with this email already exists.";
const LAST_ADMIN = "Tandem needs at least one active admin: make someone else an admin first.";

// ---- Reads: any active user sees the team ----

export async function listUsers(_actor: Actor): Promise<PublicUser[]> {
  return db.user.findMany({ select: publicFields, orderBy: [{ name: "asc" }, { id: "asc" }] });
}

/** The team a page at a time, by name then id (stable under inserts, so a walk has no gaps). */
export async function listUsersPage(
  _actor: Actor,
  { limit = PAGE_SIZE.default, cursor }: { limit?: number; cursor?: string } = {},
): Promise<Page<PublicUser>> {
  const take = Math.min(Math.max(Math.trunc(limit), 1), PAGE_SIZE.max);
  const after = cursor ? decodeCursor(cursor, 2) : null;
  const rows = await db.user.findMany({
    select: publicFields,
    where: after
      ? { OR: [{ name: { gt: String(after[0]) } }, { name: String(after[0]), id: { gt: String(after[1]) } }] }
      : undefined,
    orderBy: [{ name: "asc" }, { id: "asc" }],
    take: take + 1,
  });
  return toPage(rows, take, (user) => [user.name, user.id]);
}

export async function getUser(_actor: Actor, id: string): Promise<PublicUser> {
  const user = await db.user.findUnique({ where: { id }, select: publicFields });
  if (!user) throw new NotFoundError("That user");
  return user;
}

/** The actor as they see themselves: their public fields and their own time preference (decision 0031). */
export type Me = PublicUser & TimePreference;

export async function getMe(actor: Actor): Promise<Me> {
  const user = await db.user.findUnique({ where: { id: actor.id }, select: { ...publicFields, timeZone: true, locale: true } });
  if (!user) throw new NotFoundError("That user");
  const { timeZone, locale, ...rest } = user;
  return { ...rest, ...toPreference({ timeZone, locale }) };
}

// ---- Admin mutations ----

export async function createUser(actor: Actor, input: unknown): Promise<PublicUser> {
  requirePermission(actor, "user.create");
  const data = parseInput(createUserSchema, input);
  // Hash before any write: nothing slow may run while the database is held.
  const passwordHash = await passwordHasher.hash(data.password);
  return db.$transaction((tx) => insertUser(tx, actor, { ...data, passwordHash }));
}

/**
 * The one way a person is added, inside the caller's transaction: by an admin (createUser) or by
 * a newcomer taking an invitation (services/invitations.ts), whose inviter is then `addedBy`. The
 * activity says who added whom.
 */
export async function insertUser(
  tx: Prisma.TransactionClient,
  addedBy: Actor,
  data: { email: string; name: string; role: "ADMIN" | "MEMBER"; passwordHash: string },
  details: Record<string, unknown> = {},
): Promise<PublicUser> {
  const id = newId();
  try {
    const user = await tx.user.create({
      data: { id, email: data.email, name: data.name, role: data.role, passwordHash: data.passwordHash },
      select: publicFields,
    });
    await activityRecord(tx, addedBy, {
      action: "user.created",
      subjectType: "user",
      subjectId: id,
      subjectName: data.name,
      details: { email: data.email, role: data.role, ...details },
    });
    return user;
  } catch (error) {
    // The unique index decides, not a look-up first: two creates at once cannot both win.
    if (isUniqueViolation(error)) throw new ConflictError(EMAIL_TAKEN, "email");
    throw error;
  }
}

/**
 * Changes a name, role or access. `expectedVersion` (the API's If-Match) refuses the change
 * when the user changed since the caller read it.
 */
export async function updateUser(
  actor: Actor,
  id: string,
  input: unknown,
  { expectedVersion }: { expectedVersion?: number } = {},
): Promise<PublicUser> {
  requirePermission(actor, "user.manage");
  const changes = parseInput(updateUserSchema, input);
  if (changes.active === false && id === actor.id) {
    throw new ValidationError([{ field: "active", message: "You cannot deactivate your own account." }]);
  }
  return db.$transaction(async (tx) => {
    const before = await tx.user.findUnique({ where: { id }, select: publicFields });
    if (!before) throw new NotFoundError("That user");
    if (expectedVersion !== undefined && expectedVersion !== before.version) {
      throw new PreconditionFailedError("This user changed since you read it; read it again and retry.");
    }

    const losesAdmin =
      before.role === "ADMIN" && before.active && (changes.role === "MEMBER" || changes.active === false);
    if (losesAdmin) {
      // One guarded statement: it applies only while another active admin remains. The active
      // admins are locked first, so of two admins demoting each other at the same moment the
      // second waits for the first and then sees it done (docs/decisions/0015).
      await tx.$queryRaw`SELECT "id" FROM "User" WHERE "role" = 'ADMIN' AND "active" = ${true}${forUpdate()}`;
      const role = changes.role ?? before.role;
      const active = changes.active ?? before.active;
      const changed = await tx.$executeRaw`
        UPDATE "User" SET "role" = ${role}, "active" = ${active}, "updatedAt" = ${new Date()}
        WHERE "id" = ${id} AND EXISTS (
          SELECT 1 FROM "User" AS "other"
          WHERE "other"."role" = 'ADMIN' AND "other"."active" = ${true} AND "other"."id" <> ${id})`;
      if (changed === 0) throw new ConflictError(LAST_ADMIN, changes.role === "MEMBER" ? "role" : "active");
    }

    // Guarded by the version read above, so a concurrent change cannot be overwritten unseen.
    const { count } = await tx.user.updateMany({
      where: { id, version: before.version },
      data: { ...changes, version: { increment: 1 } },
    });
    if (count === 0) throw new PreconditionFailedError("This user changed while you were saving; try again.");
    const after = await tx.user.findUniqueOrThrow({ where: { id }, select: publicFields });
    if (changes.active === false) await tx.session.deleteMany({ where: { userId: id } });

    for (const entry of describeChanges(before, after)) {
      await activityRecord(tx, actor, { subjectType: "user", subjectId: id, subjectName: after.name, ...entry });
    }
    return after;
  });
}

export function deactivateUser(actor: Actor, id: string) {
  return updateUser(actor, id, { active: false });
}

export function reactivateUser(actor: Actor, id: string) {
  return updateUser(actor, id, { active: true });
}

/** An admin sets someone's password; their sessions end so the old password's holder is out. */
export async function setUserPassword(actor: Actor, id: string, input: unknown): Promise<void> {
  requirePermission(actor, "user.setPassword");
  const { password } = parseInput(setPasswordSchema, input);
  const passwordHash = await passwordHasher.hash(password);
  await db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id }, select: { name: true } });
    if (!user) throw new NotFoundError("That user");
    await tx.user.update({ where: { id }, data: { passwordHash } });
    await tx.session.deleteMany({ where: { userId: id } });
    await activityRecord(tx, actor, {
      action: "user.password_set",
      subjectType: "user",
      subjectId: id,
      subjectName: user.name,
    });
  });
}

/**
 * Anyone changes their own password, proving the current one. Their other sessions end;
 * `keepSessionId` (the one in use) survives so the person stays signed in here.
 */
export async function changeOwnPassword(actor: Actor, input: unknown, keepSessionId?: string): Promise<void> {
  const { currentPassword, newPassword } = parseInput(changeOwnPasswordSchema, input);
  const current = await db.user.findUnique({ where: { id: actor.id }, select: { passwordHash: true } });
  if (!current) throw new NotFoundError("Your account");
  if (!(await passwordHasher.verify(current.passwordHash, currentPassword))) {
    throw new ValidationError([{ field: "currentPassword", message: "Your current password is not correct." }]);
  }
  const passwordHash = await passwordHasher.hash(newPassword);
  await db.$transaction([
    db.user.update({ where: { id: actor.id }, data: { passwordHash } }),
    db.session.deleteMany({ where: { userId: actor.id, ...(keepSessionId ? { id: { not: keepSessionId } } : {}) } }),
    activityRecord(db, actor, {
      action: "user.password_changed",
      subjectType: "user",
      subjectId: actor.id,
      subjectName: actor.name,
    }),
  ]);
}

function describeChanges(before: PublicUser, after: PublicUser) {
  const entries: { action: string; details: Record<string, unknown> }[] = [];
  if (before.name !== after.name) entries.push({ action: "user.renamed", details: { from: before.name, to: after.name } });
  if (before.role !== after.role) entries.push({ action: "user.role_changed", details: { from: before.role, to: after.role } });
  if (before.active !== after.active) {
    entries.push({ action: after.active ? "user.reactivated" : "user.deactivated", details: {} });
  }
  return entries;
}
