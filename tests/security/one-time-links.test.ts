import { randomBytes } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { db } from "#services/db/client.ts";
import { createInvitation, INVITATION_LIFETIME_MS } from "#services/invitations.ts";
import { createPasswordReset, RESET_LIFETIME_MS } from "#services/password-resets.ts";
import { uniqueEmail } from "#tests/api/support.ts";
import { createAdmin, createUser } from "#tests/support/factories.ts";
import { getPage, send } from "./support.ts";

/**
 * The public pages behind one-time links (/invite/<secret>, /reset/<secret>) are reached without
 * signing in: a guessed, expired or used secret must get a clear refusal and change nothing.
 */
const PASSWORD = "an attacker's chosen password";
const guess = () => randomBytes(32).toString("base64url");

afterEach(async () => {
  // Wrong secrets count against the address like failed sign-ins: keep them out of other files.
  await db.loginFailure.deleteMany({ where: { scope: "address" } });
});

describe("a wrong or dead one-time link", () => {
  it.each(["invite", "reset"])("on /%s/<secret>: a guessed secret is a 404 page, and posting to it creates or changes nothing", async (kind) => {
    const secret = guess();
    const page = await getPage(`/${kind}/${secret}`);
    expect(page.status).toBe(404);
    expect(page.text).toContain("is not valid");
    expect(page.headers.get("cache-control")).toBe("no-store");

    const users = await db.user.count();
    const posted = await send(`/${kind}/${secret}`, { form: { intent: kind === "invite" ? "accept" : "reset", name: "Intruder", password: PASSWORD } });
    expect(posted.status).toBe(409);
    expect(posted.headers.get("set-cookie") ?? "").not.toContain("tandem_session=");
    expect(await db.user.count()).toBe(users);
  });

  it("an expired invitation or reset link says so and signs nobody in", async () => {
    const admin = await createAdmin();
    const person = await createUser();
    const past = new Date(Date.now() - Math.max(INVITATION_LIFETIME_MS, RESET_LIFETIME_MS) - 60_000);
    const { secret: invitation } = await createInvitation(admin.actor, { email: uniqueEmail("late"), name: "Late" }, past);
    const { secret: reset } = await createPasswordReset(admin.actor, person.id, past);

    for (const [path, intent] of [[`/invite/${invitation}`, "accept"], [`/reset/${reset}`, "reset"]] as const) {
      const page = await getPage(path);
      expect(page.status).toBe(410);
      expect(page.text).toContain("has expired");
      const posted = await send(path, { form: { intent, name: "Late", password: PASSWORD } });
      expect(posted.status).toBe(409);
      expect(posted.headers.get("set-cookie") ?? "").not.toContain("tandem_session=");
    }
  });

  it("a used link cannot be used a second time", async () => {
    const admin = await createAdmin();
    const person = await createUser();
    const { secret } = await createPasswordReset(admin.actor, person.id);
    expect((await send(`/reset/${secret}`, { form: { intent: "reset", password: PASSWORD } })).status).toBe(302);

    const again = await send(`/reset/${secret}`, { form: { intent: "reset", password: "a second new password" } });

    expect(again.status).toBe(409);
    expect(again.text).toContain("already used");
  });
});
