import { describe, expect, it } from "vitest";
import { findSession, verifyLogin } from "#services/auth.ts";
import { db } from "#services/db/client.ts";
import { createInvitation } from "#services/invitations.ts";
import { createPasswordReset } from "#services/password-resets.ts";
import * as invitePage from "#app/routes/invite.$secret.tsx";
import * as resetPage from "#app/routes/reset.$secret.tsx";
import * as userPage from "#app/routes/users.$id.tsx";
import * as invite from "#app/routes/users.invite.tsx";
import * as team from "#app/routes/users.tsx";
import { createAdmin, createUser } from "#tests/support/factories.ts";
import { cookieNamed, flashOf, getRequest, postForm, run, sessionTokenOf, signIn } from "#tests/support/http.ts";

const PASSWORD = "my very own password";
type Team = { invitations: { id: string; email: string }[]; invited: { email: string; url: string; expiresAt: string } | null };
type Opened = { opened: { status: string; email?: string; name?: string; invitedBy?: string; message?: string } };

/** The secret at the end of a one-time link. */
const secretOf = (url: string) => url.split("/").at(-1)!;

describe("inviting through the form door", () => {
  it("makes the invitation, redirects, and shows the link once on the team page, with the waiting invitation listed", async () => {
    const admin = await createAdmin({ name: "Ada" });
    const cookie = await signIn(admin);

    const result = await run(invite.action, postForm("/users/invite", { intent: "invite", email: "Newt@Example.com", name: "Newt", role: "MEMBER" }, { cookie }));

    expect(result).toRedirectTo("/users");
    expect(await flashOf(result.headers)).toBe("The invitation for newt@example.com is ready: pass the link on.");
    const page = await run(team.loader, getRequest("/users", { cookie }));
    expect(page.headers.get("Cache-Control")).toBe("no-store");
    const { invitations, invited } = page.data as Team;
    expect(invitations.map((invitation) => invitation.email)).toEqual(["newt@example.com"]);
    expect(invited?.url).toMatch(/^http:\/\/tandem\.test\/invite\/[A-Za-z0-9_-]{43}$/);
    expect(((await run(team.loader, getRequest("/users", { cookie }))).data as Team).invited).toBeNull();

    const opened = await run(invitePage.loader, getRequest(new URL(invited!.url).pathname), { secret: secretOf(invited!.url) });
    expect((opened.data as Opened).opened).toMatchObject({ status: "live", email: "newt@example.com", name: "Newt", invitedBy: "Ada" });
  });

  it("re-renders with the email's error and what was typed when the email is taken, writing nothing", async () => {
    const admin = await createAdmin();
    const member = await createUser({ email: "taken@example.com" });

    const result = await run(invite.action, postForm("/users/invite", { intent: "invite", email: member.email, name: "Typed Name" }, { cookie: await signIn(admin) }));

    expect(result.status).toBe(400);
    expect(result.data).toMatchObject({ fieldErrors: { email: "Someone on the team already has this email address." }, values: { name: "Typed Name" } });
    expect(await db.oneTimeLink.count()).toBe(0);
  });

  it("refuses members: the form page is a 403 and a post writes nothing", async () => {
    const member = await createUser();
    const cookie = await signIn(member);
    expect((await run(invite.loader, getRequest("/users/invite", { cookie }))).status).toBe(403);
    const result = await run(invite.action, postForm("/users/invite", { intent: "invite", email: "x@example.com", name: "X" }, { cookie }));
    expect(result.status).toBe(403);
    expect(await db.oneTimeLink.count()).toBe(0);
    expect((await run(team.loader, getRequest("/users", { cookie }))).data).toMatchObject({ isAdmin: false, invitations: [] });
  });

  it("revokes a waiting invitation from the team page", async () => {
    const admin = await createAdmin();
    const { invitation, secret } = await createInvitation(admin.actor, { email: "newt@example.com", name: "Newt" });

    const result = await run(team.action, postForm("/users", { intent: "revoke-invitation", invitationId: invitation.id }, { cookie: await signIn(admin) }));

    expect(result).toRedirectTo("/users");
    expect(await flashOf(result.headers)).toBe("The invitation for newt@example.com was revoked: its link no longer works.");
    const opened = await run(invitePage.loader, getRequest(`/invite/${secret}`), { secret });
    expect(opened.status).toBe(410);
    expect((opened.data as Opened).opened.message).toContain("revoked");
  });
});

describe("/invite/<secret>", () => {
  it("creates the person with the name they confirmed, signs them in and uses the link up", async () => {
    const admin = await createAdmin();
    const { secret } = await createInvitation(admin.actor, { email: "newt@example.com", name: "Newt", role: "ADMIN" });

    const result = await run(invitePage.action, postForm(`/invite/${secret}`, { intent: "accept", name: "Newton", password: PASSWORD }), { secret });

    expect(result).toRedirectTo("/");
    expect(await flashOf(result.headers)).toBe("Welcome to Tandem, Newton.");
    const session = await findSession(sessionTokenOf(cookieNamed(result.headers, "tandem_session")!));
    expect(session?.actor).toMatchObject({ name: "Newton", email: "newt@example.com", role: "ADMIN" });
    await expect(verifyLogin({ email: "newt@example.com", password: PASSWORD })).resolves.toMatchObject({ name: "Newton" });

    const again = await run(invitePage.loader, getRequest(`/invite/${secret}`), { secret });
    expect(again.status).toBe(410);
    expect((again.data as Opened).opened.message).toContain("already used");
  });

  it("keeps the password rules and what was typed, and the link stays usable", async () => {
    const admin = await createAdmin();
    const { secret } = await createInvitation(admin.actor, { email: "newt@example.com", name: "Newt" });

    const result = await run(invitePage.action, postForm(`/invite/${secret}`, { intent: "accept", name: "Newton", password: "short" }), { secret });

    expect(result.status).toBe(400);
    expect(result.data).toMatchObject({ fieldErrors: { password: "Password must be at least 12 characters." }, values: { name: "Newton" } });
    expect(((await run(invitePage.loader, getRequest(`/invite/${secret}`), { secret })).data as Opened).opened.status).toBe("live");
  });

  it("answers a link that was never made with 404 and a clear page, and a post to it with 409, creating nobody", async () => {
    const opened = await run(invitePage.loader, getRequest("/invite/nonsense"), { secret: "nonsense" });
    expect(opened.status).toBe(404);
    expect((opened.data as Opened).opened.message).toContain("not valid");

    const result = await run(invitePage.action, postForm("/invite/nonsense", { intent: "accept", name: "N", password: PASSWORD }), { secret: "nonsense" });
    expect(result.status).toBe(409);
    expect(await db.user.count()).toBe(0);
  });
});

describe("password-reset links through the form door", () => {
  it("an admin makes one on the person's page and sees it once; the person sets a password there, other sessions end", async () => {
    const admin = await createAdmin();
    const person = await createUser({ name: "Bo" });
    const cookie = await signIn(admin);
    const personsOldSession = await signIn(person);

    const made = await run(userPage.action, postForm(`/users/${person.id}`, { intent: "reset-link" }, { cookie }), { id: person.id });
    expect(made).toRedirectTo(`/users/${person.id}`);
    expect(await flashOf(made.headers)).toBe("The password-reset link for Bo is ready: pass it on.");
    const page = await run(userPage.loader, getRequest(`/users/${person.id}`, { cookie }), { id: person.id });
    const { resetLink } = page.data as { resetLink: { url: string; name: string } };
    expect(resetLink).toMatchObject({ name: "Bo", url: expect.stringMatching(/^http:\/\/tandem\.test\/reset\//) });
    expect(((await run(userPage.loader, getRequest(`/users/${person.id}`, { cookie }), { id: person.id })).data as { resetLink: unknown }).resetLink).toBeNull();

    const secret = secretOf(resetLink.url);
    expect(((await run(resetPage.loader, getRequest(`/reset/${secret}`), { secret })).data as Opened).opened).toMatchObject({ status: "live", name: "Bo" });
    const result = await run(resetPage.action, postForm(`/reset/${secret}`, { intent: "reset", password: PASSWORD }), { secret });

    expect(result).toRedirectTo("/");
    expect(cookieNamed(result.headers, "tandem_session")).toBeDefined();
    expect(await findSession(sessionTokenOf(personsOldSession))).toBeNull();
    await expect(verifyLogin({ email: person.email, password: PASSWORD })).resolves.toMatchObject({ id: person.id });
    expect((await run(resetPage.loader, getRequest(`/reset/${secret}`), { secret })).status).toBe(410);
  });

  it("an older link is replaced by a newer one", async () => {
    const admin = await createAdmin();
    const person = await createUser();
    const first = await createPasswordReset(admin.actor, person.id);
    await createPasswordReset(admin.actor, person.id);

    const opened = await run(resetPage.loader, getRequest(`/reset/${first.secret}`), { secret: first.secret });
    expect(opened.status).toBe(410);
    expect((opened.data as Opened).opened.message).toContain("replaced by a newer one");
  });

  it("members cannot make one", async () => {
    const member = await createUser();
    const other = await createUser();
    const result = await run(userPage.action, postForm(`/users/${other.id}`, { intent: "reset-link" }, { cookie: await signIn(member) }), { id: other.id });
    expect(result.status).toBe(403);
    expect(await db.oneTimeLink.count()).toBe(0);
  });
});
