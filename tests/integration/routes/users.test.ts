import { describe, expect, it } from "vitest";
import { findSession } from "#services/auth.ts";
import { db } from "#services/db/client.ts";
import * as layout from "#app/routes/signed-in-layout.tsx";
import * as team from "#app/routes/users.tsx";
import * as newUser from "#app/routes/users.new.tsx";
import * as userPage from "#app/routes/users.$id.tsx";
import { createAdmin, createUser } from "#tests/support/factories.ts";
import { cookieNamed, getRequest, postForm, run, sessionTokenOf, signIn } from "#tests/support/http.ts";

const validPerson = { name: "Grace Hopper", email: "Grace@Example.com", role: "MEMBER", password: "a long enough password" };

describe("signed-in pages without a session", () => {
  it("redirect to /login and remember where the person was going", async () => {
    const result = await run(layout.loader, getRequest("/users/new?x=1"));
    expect(result).toRedirectTo("/login?redirectTo=%2Fusers%2Fnew%3Fx%3D1");
  });

  it("give no data from a page loader called directly", async () => {
    const result = await run(team.loader, getRequest("/users"));
    expect(result.thrown).toBe(true);
    expect(result.status).toBe(302);
  });

  it("change nothing when an action is posted without a session", async () => {
    const result = await run(newUser.action, postForm("/users/new", validPerson));
    expect(result.status).toBe(302);
    expect(await db.user.count()).toBe(0);
  });
});

describe("POST /users/new", () => {
  it("creates the person and redirects to the team with a flash", async () => {
    const admin = await createAdmin();
    const result = await run(newUser.action, postForm("/users/new", validPerson, { cookie: await signIn(admin) }));
    expect(result).toRedirectTo("/users");
    expect(cookieNamed(result.headers, "tandem_flash")).toBeDefined();
    const created = await db.user.findUniqueOrThrow({ where: { email: "grace@example.com" } });
    expect(created).toMatchObject({ name: "Grace Hopper", role: "MEMBER", active: true });
    expect(await db.activity.count({ where: { action: "user.created", subjectId: created.id } })).toBe(1);
  });

  it("re-renders with each field's message and keeps what was typed except the password", async () => {
    const admin = await createAdmin();
    const result = await run(
      newUser.action,
      postForm("/users/new", { name: "", email: "not-an-email", role: "ADMIN", password: "short" }, { cookie: await signIn(admin) }),
    );
    expect(result.status).toBe(400);
    expect(result.data).toMatchObject({
      fieldErrors: {
        name: "Enter a name.",
        email: "Enter a valid email address, like name@example.com.",
        password: "Password must be at least 12 characters.",
      },
      values: { name: "", email: "not-an-email", role: "ADMIN" },
    });
    expect((result.data as { values: object }).values).not.toHaveProperty("password");
    expect(await db.user.count()).toBe(1);
  });

  it("answers 409 on the email field when the address is taken in any case", async () => {
    const admin = await createAdmin();
    await createUser({ email: "grace@example.com" });
    const result = await run(newUser.action, postForm("/users/new", validPerson, { cookie: await signIn(admin) }));
    expect(result.status).toBe(409);
    expect(result.data).toMatchObject({ fieldErrors: { email: "A user with this email already exists." } });
  });

  it("refuses a member, in the loader and in the action, writing nothing", async () => {
    const member = await createUser();
    const cookie = await signIn(member);
    expect((await run(newUser.loader, getRequest("/users/new", { cookie }))).status).toBe(403);
    const result = await run(newUser.action, postForm("/users/new", validPerson, { cookie }));
    expect(result.status).toBe(403);
    expect(await db.user.count()).toBe(1);
    expect(await db.activity.count()).toBe(0);
  });

  it("ignores fields that are not part of the form, such as id or active", async () => {
    const admin = await createAdmin();
    await run(newUser.action, postForm("/users/new", { ...validPerson, id: "chosen-id", active: "false" }, { cookie: await signIn(admin) }));
    const created = await db.user.findUniqueOrThrow({ where: { email: "grace@example.com" } });
    expect(created.id).not.toBe("chosen-id");
    expect(created.active).toBe(true);
  });
});

describe("POST /users/:id", () => {
  it("saves a new name and role", async () => {
    const admin = await createAdmin();
    const member = await createUser({ name: "Old Name" });
    const result = await run(
      userPage.action,
      postForm(`/users/${member.id}`, { intent: "update", name: "New Name", role: "ADMIN" }, { cookie: await signIn(admin) }),
      { id: member.id },
    );
    expect(result.status).toBe(302);
    expect(await db.user.findUnique({ where: { id: member.id } })).toMatchObject({ name: "New Name", role: "ADMIN" });
  });

  it("re-renders the edit form with the typed name kept when it is too long", async () => {
    const admin = await createAdmin();
    const member = await createUser({ name: "Kept" });
    const tooLong = "x".repeat(101);
    const result = await run(
      userPage.action,
      postForm(`/users/${member.id}`, { intent: "update", name: tooLong, role: "MEMBER" }, { cookie: await signIn(admin) }),
      { id: member.id },
    );
    expect(result.status).toBe(400);
    expect(result.data).toMatchObject({ intent: "update", values: { name: tooLong } });
    expect((await db.user.findUnique({ where: { id: member.id } }))?.name).toBe("Kept");
  });

  it("deactivates a person and ends their sessions at once", async () => {
    const admin = await createAdmin();
    const member = await createUser();
    const memberCookie = await signIn(member);
    const result = await run(
      userPage.action,
      postForm(`/users/${member.id}`, { intent: "deactivate" }, { cookie: await signIn(admin) }),
      { id: member.id },
    );
    expect(result.status).toBe(302);
    expect((await db.user.findUnique({ where: { id: member.id } }))?.active).toBe(false);
    expect((await run(team.loader, getRequest("/users", { cookie: memberCookie }))).status).toBe(302);
  });

  it("refuses to demote the last active admin with a message on the role field", async () => {
    const admin = await createAdmin();
    const other = await createAdmin({ active: false });
    const result = await run(
      userPage.action,
      postForm(`/users/${admin.id}`, { intent: "update", name: admin.name, role: "MEMBER" }, { cookie: await signIn(admin) }),
      { id: admin.id },
    );
    expect(result.status).toBe(409);
    expect(result.data).toMatchObject({ fieldErrors: { role: expect.stringContaining("at least one active admin") } });
    expect((await db.user.findUnique({ where: { id: admin.id } }))?.role).toBe("ADMIN");
    expect(other.active).toBe(false);
  });

  it("sets a password and signs that person out", async () => {
    const admin = await createAdmin();
    const member = await createUser();
    const memberCookie = await signIn(member);
    const result = await run(
      userPage.action,
      postForm(`/users/${member.id}`, { intent: "set-password", password: "brand new password" }, { cookie: await signIn(admin) }),
      { id: member.id },
    );
    expect(result.status).toBe(302);
    expect(await findSession(sessionTokenOf(memberCookie))).toBeNull();
    expect(await db.session.count({ where: { userId: member.id } })).toBe(0);
  });

  it("refuses a member posting the admin intents directly, writing nothing", async () => {
    const member = await createUser();
    const target = await createUser({ name: "Target" });
    const cookie = await signIn(member);
    for (const fields of <Record<string, string>[]>[
      { intent: "update", name: "Hacked", role: "ADMIN" },
      { intent: "deactivate" },
      { intent: "set-password", password: "attacker password" },
    ]) {
      const result = await run(userPage.action, postForm(`/users/${target.id}`, fields, { cookie }), { id: target.id });
      expect(result.status).toBe(403);
    }
    expect(await db.user.findUnique({ where: { id: target.id } })).toMatchObject({ name: "Target", role: "MEMBER", active: true });
    expect(await db.activity.count()).toBe(0);
  });

  it("answers 400 to an unknown intent and 404 to an unknown person", async () => {
    const admin = await createAdmin();
    const cookie = await signIn(admin);
    expect((await run(userPage.action, postForm(`/users/${admin.id}`, { intent: "explode" }, { cookie }), { id: admin.id })).status).toBe(400);
    expect((await run(userPage.loader, getRequest("/users/nobody", { cookie }), { id: "nobody" })).status).toBe(404);
  });

  it("shows the confirmation step only when asked for it", async () => {
    const admin = await createAdmin();
    const member = await createUser();
    const cookie = await signIn(admin);
    const plain = await run(userPage.loader, getRequest(`/users/${member.id}`, { cookie }), { id: member.id });
    const confirming = await run(userPage.loader, getRequest(`/users/${member.id}?confirm=deactivate`, { cookie }), { id: member.id });
    expect(plain.data).toMatchObject({ confirmDeactivate: false });
    expect(confirming.data).toMatchObject({ confirmDeactivate: true });
    expect((await db.user.findUnique({ where: { id: member.id } }))?.active).toBe(true);
  });
});
