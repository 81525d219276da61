import { z } from "zod";
import { db } from "#services/db/client.ts";
import { newId } from "#services/db/ids.ts";
import { activityRecord } from "./activity.ts";
import type { Actor } from "./actor.ts";
import { ConflictError, NotFoundError } from "./errors.ts";
import { deadLinkMessage, findLinkBySecret, linkStatus, liveWhere, newLinkSecret, type LinkStatus } from "./one-time-links.ts";
import { passwordHasher } from "./passwords.ts";
import { requirePermission } from "./permissions.ts";
import { passwordSchema } from "./users.ts";
import { parseInput } from "./validation.ts";

/**
 * Password-reset links (issue 14, decision 0030): an admin makes a one-time link for a person, who
 * opens it and sets a new password; their other sessions end. Valid for RESET_LIFETIME_MS, usable
 * once; a newer link for the same person replaces (revokes) any older one still live.
 */
export const RESET_LIFETIME_MS = 24 * 60 * 60 * 1000;

export const usePasswordResetSchema = z.object({ password: passwordSchema });

export type PublicPasswordReset = { id: string; user: { id: string; name: string; email: string }; expiresAt: Date; createdAt: Date };

/** Makes a reset link for a person; the secret is in the result once and is never stored. */
export async function createPasswordReset(actor: Actor, userId: string, now = new Date()): Promise<{ reset: PublicPasswordReset; secret: string }> {
  requirePermission(actor, "user.setPassword");
  const { secret, secretHash } = newLinkSecret();
  return db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId }, select: { id: true, name: true, email: true, active: true } });
    if (!user) throw new NotFoundError("That user");
    if (!user.active) throw new ConflictError(`${user.name} is deactivated: reactivate them first, then make the link.`);
    await tx.oneTimeLink.updateMany({ where: { kind: "password_reset", userId, ...liveWhere(now) }, data: { revokedAt: now } });
    const link = await tx.oneTimeLink.create({
      data: {
        id: newId(),
        kind: "password_reset",
        secretHash,
        email: user.email,
        userId,
        createdById: actor.id,
        expiresAt: new Date(now.getTime() + RESET_LIFETIME_MS),
        createdAt: now,
      },
    });
    await activityRecord(tx, actor, { action: "user.password_reset_issued", subjectType: "user", subjectId: userId, subjectName: user.name });
    const { active: _active, ...person } = user;
    return { reset: { id: link.id, user: person, expiresAt: link.expiresAt, createdAt: link.createdAt }, secret };
  });
}

export type OpenedPasswordReset =
  | { status: "live"; name: string; email: string; expiresAt: Date }
  | { status: Exclude<LinkStatus, "live"> | "unknown"; message: string };

/** What the public reset page shows for a secret: whose password it sets, or why the link is dead. */
export async function openPasswordReset(secret: string, { address = "unknown", now = new Date() } = {}): Promise<OpenedPasswordReset> {
  const link = await findLinkBySecret("password_reset", secret, address, now);
  if (!link) return { status: "unknown", message: deadLinkMessage("password_reset", "unknown") };
  const status = linkStatus(link, now);
  if (status !== "live") return { status, message: deadLinkMessage("password_reset", status) };
  const user = await db.user.findUnique({ where: { id: link.userId ?? "" }, select: { name: true, email: true } });
  if (!user) return { status: "unknown", message: deadLinkMessage("password_reset", "unknown") };
  return { status: "live", name: user.name, email: user.email, expiresAt: link.expiresAt };
}

/**
 * Sets the new password through the link and uses it up; every session of the person ends (the
 * caller then starts a new one here). A deactivated person's link does not work.
 */
export async function usePasswordReset(secret: string, input: unknown, { address = "unknown", now = new Date() } = {}): Promise<Actor> {
  const { password } = parseInput(usePasswordResetSchema, input);
  const link = await findLinkBySecret("password_reset", secret, address, now);
  const status = link ? linkStatus(link, now) : "unknown";
  if (!link || status !== "live") throw new ConflictError(deadLinkMessage("password_reset", status === "live" ? "unknown" : status));
  const passwordHash = await passwordHasher.hash(password);
  return db.$transaction(async (tx) => {
    const { count } = await tx.oneTimeLink.updateMany({ where: { id: link.id, ...liveWhere(now) }, data: { usedAt: now } });
    if (count === 0) throw new ConflictError(deadLinkMessage("password_reset", "used"));
    const user = await tx.user.findUnique({ where: { id: link.userId ?? "" }, select: { id: true, role: true, name: true, email: true, active: true } });
    if (!user?.active) throw new ConflictError("This account is deactivated. Ask an admin to reactivate it.");
    await tx.user.update({ where: { id: user.id }, data: { passwordHash } });
    await tx.session.deleteMany({ where: { userId: user.id } });
    const actor: Actor = { id: user.id, role: user.role, name: user.name, email: user.email };
    await activityRecord(tx, actor, { action: "user.password_changed", subjectType: "user", subjectId: user.id, subjectName: user.name });
    return actor;
  });
}
