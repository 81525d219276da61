import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "#services/db/client.ts";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "#services/errors.ts";
import {
  acceptInvitation,
  createInvitation,
  INVITATION_LIFETIME_MS,
  listInvitations,
  openInvitation,
  revokeInvitation,
} from "#services/invitations.ts";
import { verifyLogin } from "#services/auth.ts";
import { activityAbout, createAdmin, createUser } from "#tests/support/factories.ts";
import { rejectionOf } from "#tests/support/rejection.ts";

const start = new Date(Date.now() + 60_000);
const later = (ms: number) => new Date(start.getTime() + ms);
const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");
const NEW_PASSWORD = "a newcomer's own long password";

async function invite(email = "newcomer@example.com") {
  const admin = await createAdmin({ name: "Ada Admin" });
  const made = await createInvitation(admin.actor, { email, name: "New Comer", role: "MEMBER" }, start);
  return { admin, ...made };
}

describe("createInvitation", () => {
  it("keeps only the SHA-256 of the link's secret and expires in seven days", async () => {
    const { admin, invitation, secret } = await invite();

    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(invitation).toMatchObject({ email: "newcomer@example.com", name: "New Comer", role: "MEMBER", invitedBy: { id: admin.id, name: "Ada Admin" } });
    expect(invitation.expiresAt.getTime() - start.getTime()).toBe(INVITATION_LIFETIME_MS);
    const row = await db.oneTimeLink.findUniqueOrThrow({ where: { id: invitation.id } });
    expect(row.secretHash).toBe(sha256(secret));
    for (const [column, value] of Object.entries(row)) expect(String(value), column).not.toContain(secret);
  });

  it("refuses an email that belongs to a person or has a live invitation, as a validation error on the email", async () => {
    const { admin } = await invite("newcomer@example.com");
    const member = await createUser({ email: "member@example.com" });

    for (const email of ["NEWCOMER@example.com", member.email]) {
      const error = await rejectionOf(createInvitation(admin.actor, { email, name: "Someone" }, start));
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).issues.map((issue) => issue.field)).toEqual(["email"]);
    }
  });

  it("lets an email be invited again once its invitation expired or was revoked", async () => {
    const { admin } = await invite();
    const renewed = await createInvitation(admin.actor, { email: "newcomer@example.com", name: "N" }, later(INVITATION_LIFETIME_MS));
    await revokeInvitation(admin.actor, renewed.invitation.id, later(INVITATION_LIFETIME_MS + 1));
    await expect(createInvitation(admin.actor, { email: "newcomer@example.com", name: "N" }, later(INVITATION_LIFETIME_MS + 2))).resolves.toMatchObject({
      invitation: { email: "newcomer@example.com" },
    });
  });

  it("is for admins only", async () => {
    const member = await createUser();
    await expect(createInvitation(member.actor, { email: "x@example.com", name: "X" })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(listInvitations(member.actor)).rejects.toBeInstanceOf(ForbiddenError);
  });
});

describe("acceptInvitation", () => {
  it("creates the person with their own password and corrected name, through the user-creation path, once", async () => {
    const { admin, invitation, secret } = await invite();

    const user = await acceptInvitation(secret, { name: "Newt Comer", password: NEW_PASSWORD }, { now: later(1000) });

    expect(user).toMatchObject({ email: "newcomer@example.com", name: "Newt Comer", role: "MEMBER", active: true });
    await expect(verifyLogin({ email: "newcomer@example.com", password: NEW_PASSWORD })).resolves.toMatchObject({ id: user.id });
    const activity = await activityAbout(user.id);
    expect(activity).toEqual([expect.objectContaining({ action: "user.created", actorId: admin.id })]);
    expect((await db.oneTimeLink.findUniqueOrThrow({ where: { id: invitation.id } })).userId).toBe(user.id);

    const again = await rejectionOf(acceptInvitation(secret, { name: "Again", password: NEW_PASSWORD }, { now: later(2000) }));
    expect(again).toBeInstanceOf(ConflictError);
    expect((again as Error).message).toContain("already used");
    expect((await openInvitation(secret, { now: later(2000) })).status).toBe("used");
    expect(await listInvitations(admin.actor, later(2000))).toEqual([]);
  });

  it("refuses an expired, a revoked and an unknown link, creating nobody", async () => {
    const { admin, invitation, secret } = await invite();

    expect(await openInvitation(secret, { now: later(INVITATION_LIFETIME_MS) })).toMatchObject({ status: "expired" });
    await expect(acceptInvitation(secret, { name: "N", password: NEW_PASSWORD }, { now: later(INVITATION_LIFETIME_MS) })).rejects.toThrow("expired");

    await revokeInvitation(admin.actor, invitation.id, later(1));
    expect(await openInvitation(secret, { now: later(2) })).toMatchObject({ status: "revoked" });
    await expect(acceptInvitation(secret, { name: "N", password: NEW_PASSWORD }, { now: later(2) })).rejects.toThrow("revoked");

    expect(await openInvitation("not-a-secret", { now: later(2) })).toMatchObject({ status: "unknown" });
    expect(await db.user.count({ where: { email: "newcomer@example.com" } })).toBe(0);
  });

  it("checks the password rules before anything else", async () => {
    const { secret } = await invite();
    const error = await rejectionOf(acceptInvitation(secret, { name: "N", password: "short" }, { now: later(1) }));
    expect(error).toBeInstanceOf(ValidationError);
    expect((await openInvitation(secret, { now: later(1) })).status).toBe("live");
  });

  it("counts an unknown secret as a failed attempt from the address, like a failed sign-in", async () => {
    await openInvitation("wrong", { address: "198.51.100.7", now: start });
    expect(await db.loginFailure.count({ where: { scope: "address", key: "198.51.100.7" } })).toBe(1);
  });
});

describe("listInvitations and revokeInvitation", () => {
  it("lists live invitations with their inviter, and revoking takes one off", async () => {
    const { admin, invitation } = await invite();

    expect(await listInvitations(admin.actor, later(1))).toEqual([expect.objectContaining({ id: invitation.id, invitedBy: { id: admin.id, name: "Ada Admin" } })]);
    await revokeInvitation(admin.actor, invitation.id, later(1));
    await revokeInvitation(admin.actor, invitation.id, later(2));
    expect(await listInvitations(admin.actor, later(3))).toEqual([]);
  });

  it("answers a missing invitation as not found and a used one as a conflict", async () => {
    const { admin, invitation, secret } = await invite();
    await expect(revokeInvitation(admin.actor, "nope")).rejects.toBeInstanceOf(NotFoundError);
    await acceptInvitation(secret, { name: "N", password: NEW_PASSWORD }, { now: later(1) });
    await expect(revokeInvitation(admin.actor, invitation.id)).rejects.toBeInstanceOf(ConflictError);
  });
});
