import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createSession, findSession, verifyLogin } from "#services/auth.ts";
import { db } from "#services/db/client.ts";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "#services/errors.ts";
import { createPasswordReset, openPasswordReset, RESET_LIFETIME_MS, usePasswordReset } from "#services/password-resets.ts";
import { deactivateUser } from "#services/users.ts";
import { createAdmin, createUser } from "#tests/support/factories.ts";
import { rejectionOf } from "#tests/support/rejection.ts";

const start = new Date(Date.now() + 60_000);
const later = (ms: number) => new Date(start.getTime() + ms);
const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");
const NEW_PASSWORD = "the password after the reset";

describe("password-reset links", () => {
  it("keep only a hash, last 24 hours, set the password once and end the person's sessions", async () => {
    const admin = await createAdmin();
    const person = await createUser({ email: "bo@example.com", name: "Bo" });
    const session = await createSession(person.id);

    const { reset, secret } = await createPasswordReset(admin.actor, person.id, start);
    expect(reset.expiresAt.getTime() - start.getTime()).toBe(RESET_LIFETIME_MS);
    expect((await db.oneTimeLink.findUniqueOrThrow({ where: { id: reset.id } })).secretHash).toBe(sha256(secret));
    expect(await openPasswordReset(secret, { now: later(1) })).toMatchObject({ status: "live", name: "Bo", email: "bo@example.com" });

    const actor = await usePasswordReset(secret, { password: NEW_PASSWORD }, { now: later(1) });

    expect(actor.id).toBe(person.id);
    await expect(verifyLogin({ email: "bo@example.com", password: NEW_PASSWORD })).resolves.toMatchObject({ id: person.id });
    expect(await findSession(session.token)).toBeNull();
    await expect(usePasswordReset(secret, { password: "yet another password" }, { now: later(2) })).rejects.toBeInstanceOf(ConflictError);
    expect(await openPasswordReset(secret, { now: later(2) })).toMatchObject({ status: "used" });
  });

  it("are superseded by a newer link for the same person", async () => {
    const admin = await createAdmin();
    const person = await createUser();
    const first = await createPasswordReset(admin.actor, person.id, start);
    const second = await createPasswordReset(admin.actor, person.id, later(1));

    expect(await openPasswordReset(first.secret, { now: later(2) })).toMatchObject({ status: "revoked" });
    await expect(usePasswordReset(first.secret, { password: NEW_PASSWORD }, { now: later(2) })).rejects.toThrow("replaced by a newer one");
    await expect(usePasswordReset(second.secret, { password: NEW_PASSWORD }, { now: later(2) })).resolves.toMatchObject({ id: person.id });
  });

  it("expire after 24 hours", async () => {
    const admin = await createAdmin();
    const person = await createUser();
    const { secret } = await createPasswordReset(admin.actor, person.id, start);

    expect(await openPasswordReset(secret, { now: later(RESET_LIFETIME_MS) })).toMatchObject({ status: "expired" });
    await expect(usePasswordReset(secret, { password: NEW_PASSWORD }, { now: later(RESET_LIFETIME_MS) })).rejects.toThrow("expired");
  });

  it("are made by admins only, for someone who exists and is active", async () => {
    const admin = await createAdmin();
    const member = await createUser();
    const gone = await createUser();
    await deactivateUser(admin.actor, gone.id);

    await expect(createPasswordReset(member.actor, admin.id)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(createPasswordReset(admin.actor, "nobody")).rejects.toBeInstanceOf(NotFoundError);
    await expect(createPasswordReset(admin.actor, gone.id)).rejects.toBeInstanceOf(ConflictError);
    expect(await db.oneTimeLink.count()).toBe(0);
  });

  it("keep the password rules", async () => {
    const admin = await createAdmin();
    const person = await createUser();
    const { secret } = await createPasswordReset(admin.actor, person.id, start);
    expect(await rejectionOf(usePasswordReset(secret, { password: "short" }, { now: later(1) }))).toBeInstanceOf(ValidationError);
    expect(await openPasswordReset(secret, { now: later(1) })).toMatchObject({ status: "live" });
  });
});
