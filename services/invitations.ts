import { z } from "zod";
import { db } from "#services/db/client.ts";
import { newId } from "#services/db/ids.ts";
import type { Actor } from "./actor.ts";
import { ConflictError, NotFoundError, ValidationError } from "./errors.ts";
import { deadLinkMessage, findLinkBySecret, linkStatus, liveWhere, newLinkSecret, type LinkRow, type LinkStatus } from "./one-time-links.ts";
import { passwordHasher } from "./passwords.ts";
import { requirePermission } from "./permissions.ts";
import { emailSchema, insertUser, nameSchema, passwordSchema, roleSchema, type PublicUser } from "./users.ts";
import { parseInput } from "./validation.ts";

/**
 * Invitations (issue 14, decision 0030): an admin invites a newcomer by email; the newcomer opens
 * a one-time link, sets their own password (and may correct their name) and is in. Valid for
 * INVITATION_LIFETIME_MS, revocable, usable once.
 */
export const INVITATION_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;

export const createInvitationSchema = z.object({ email: emailSchema, name: nameSchema, role: roleSchema.default("MEMBER") });
export const acceptInvitationSchema = z.object({ name: nameSchema, password: passwordSchema });

export type PublicInvitation = {
  id: string;
  email: string;
  name: string;
  role: "ADMIN" | "MEMBER";
  expiresAt: Date;
  createdAt: Date;
  invitedBy: { id: string; name: string } | null;
};

const TAKEN = "Someone on the team already has this email address.";
const WAITING = "This email already has an invitation waiting: revoke it first to send a new one.";

function toPublic(link: LinkRow, inviter: { id: string; name: string } | null): PublicInvitation {
  return {
    id: link.id,
    email: link.email,
    name: link.name ?? "",
    role: link.role ?? "MEMBER",
    expiresAt: link.expiresAt,
    createdAt: link.createdAt,
    invitedBy: inviter,
  };
}

/** Makes an invitation; the secret for its link is in the result once and is never stored. */
export async function createInvitation(actor: Actor, input: unknown, now = new Date()): Promise<{ invitation: PublicInvitation; secret: string }> {
  requirePermission(actor, "user.create");
  const data = parseInput(createInvitationSchema, input);
  const { secret, secretHash } = newLinkSecret();
  const link = await db.$transaction(async (tx) => {
    if (await tx.user.findUnique({ where: { email: data.email }, select: { id: true } })) {
      throw new ValidationError([{ field: "email", message: TAKEN }]);
    }
    if (await tx.oneTimeLink.findFirst({ where: { kind: "invitation", email: data.email, ...liveWhere(now) }, select: { id: true } })) {
      throw new ValidationError([{ field: "email", message: WAITING }]);
    }
    return tx.oneTimeLink.create({
      data: {
        id: newId(),
        kind: "invitation",
        secretHash,
        email: data.email,
        name: data.name,
        role: data.role,
        createdById: actor.id,
        expiresAt: new Date(now.getTime() + INVITATION_LIFETIME_MS),
        createdAt: now,
      },
    });
  });
  return { invitation: toPublic(link, { id: actor.id, name: actor.name }), secret };
}

/** The invitations still waiting to be taken, soonest to expire first. Admins only. */
export async function listInvitations(actor: Actor, now = new Date()): Promise<PublicInvitation[]> {
  requirePermission(actor, "user.create");
  const links = await db.oneTimeLink.findMany({
    where: { kind: "invitation", ...liveWhere(now) },
    orderBy: [{ expiresAt: "asc" }, { id: "asc" }],
  });
  const inviters = await db.user.findMany({
    where: { id: { in: [...new Set(links.map((link) => link.createdById))] } },
    select: { id: true, name: true },
  });
  const byId = new Map(inviters.map((inviter) => [inviter.id, inviter]));
  return links.map((link) => toPublic(link, byId.get(link.createdById) ?? null));
}

/** Revokes a waiting invitation: its link stops working. Revoking twice is fine; a used one cannot be. */
export async function revokeInvitation(actor: Actor, id: string, now = new Date()): Promise<PublicInvitation> {
  requirePermission(actor, "user.create");
  const link = await db.oneTimeLink.findUnique({ where: { id } });
  if (!link || link.kind !== "invitation") throw new NotFoundError("That invitation");
  if (link.usedAt) throw new ConflictError(`${link.email} already took this invitation: they are on the team.`);
  const revoked = link.revokedAt ? link : await db.oneTimeLink.update({ where: { id }, data: { revokedAt: now } });
  const inviter = await db.user.findUnique({ where: { id: link.createdById }, select: { id: true, name: true } });
  return toPublic(revoked, inviter);
}

export type OpenedInvitation =
  | { status: "live"; email: string; name: string; invitedBy: string; expiresAt: Date }
  | { status: Exclude<LinkStatus, "live"> | "unknown"; message: string };

/** What the public invitation page shows for a secret: who invited whom, or why the link is dead. */
export async function openInvitation(secret: string, { address = "unknown", now = new Date() } = {}): Promise<OpenedInvitation> {
  const link = await findLinkBySecret("invitation", secret, address, now);
  if (!link) return { status: "unknown", message: deadLinkMessage("invitation", "unknown") };
  const status = linkStatus(link, now);
  if (status !== "live") return { status, message: deadLinkMessage("invitation", status) };
  const inviter = await db.user.findUnique({ where: { id: link.createdById }, select: { name: true } });
  return { status: "live", email: link.email, name: link.name ?? "", invitedBy: inviter?.name ?? "An admin", expiresAt: link.expiresAt };
}

/**
 * The newcomer takes the invitation: the person is created with their own password and the name
 * they confirmed, and the link is used up, in one transaction (the claim is a guarded update, so
 * of two tabs only one succeeds). Returns the new person, to sign them in.
 */
export async function acceptInvitation(secret: string, input: unknown, { address = "unknown", now = new Date() } = {}): Promise<PublicUser> {
  const data = parseInput(acceptInvitationSchema, input);
  const link = await findLinkBySecret("invitation", secret, address, now);
  const status = link ? linkStatus(link, now) : "unknown";
  if (!link || status !== "live") throw new ConflictError(deadLinkMessage("invitation", status === "live" ? "unknown" : status));
  const passwordHash = await passwordHasher.hash(data.password);
  return db.$transaction(async (tx) => {
    const { count } = await tx.oneTimeLink.updateMany({ where: { id: link.id, ...liveWhere(now) }, data: { usedAt: now } });
    if (count === 0) throw new ConflictError(deadLinkMessage("invitation", "used"));
    // The inviter is the one who adds the person, in the activity as on the page (people are never deleted).
    const addedBy: Actor = await tx.user.findUniqueOrThrow({ where: { id: link.createdById }, select: { id: true, role: true, name: true, email: true } });
    const user = await insertUser(tx, addedBy, { email: link.email, name: data.name, role: link.role ?? "MEMBER", passwordHash }, { invitation: true });
    await tx.oneTimeLink.update({ where: { id: link.id }, data: { userId: user.id } });
    return user;
  });
}
