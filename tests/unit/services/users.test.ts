import { describe, expect, it } from "vitest";
import type { Actor } from "#services/actor.ts";
import { createSession, findSession, verifyLogin } from "#services/auth.ts";
import { db } from "#services/db/client.ts";
import {
  AuthenticationError,
  ConflictError,
  ForbiddenError,
  InvalidCursorError,
  NotFoundError,
  PreconditionFailedError,
  ValidationError,
} from "#services/errors.ts";
import {
  changeOwnPassword,
  createUser,
  deactivateUser,
  getUser,
  listUsers,
  listUsersPage,
  reactivateUser,
  setUserPassword,
  updateUser,
} from "#services/users.ts";
import {
  activityAbout,
  createAdmin,
  createUser as createUserRow,
  databaseSnapshot,
  TEST_PASSWORD,
} from "#tests/support/factories.ts";
import { rejectionOf } from "#tests/support/rejection.ts";

const NEW_PASSWORD = "a brand new passphrase 42";
const LAST_ADMIN = /at least one active admin/;

const validInput = (overrides: Record<string, unknown> = {}) => ({
  email: "ann@example.com",
  name: "Ann Example",
  password: "twelve chars or more",
  ...overrides,
});

const activeAdminCount = () => db.user.count({ where: { role: "ADMIN", active: true } });

/** Each round of a race starts from an empty team, so earlier rounds' admins do not count. */
async function emptyTheTeam() {
  await db.session.deleteMany();
  await db.activity.deleteMany();
  await db.user.deleteMany();
}

describe("listUsers and getUser", () => {
  it("let a member see the whole team ordered by name, without password hashes", async () => {
    const member = await createUserRow({ name: "Zoe Member" });
    await createAdmin({ name: "Adam Admin" });

    const team = await listUsers(member.actor);

    expect(team.map((user) => user.name)).toEqual(["Adam Admin", "Zoe Member"]);
    expect(team[0]).toEqual({
      id: expect.any(String),
      email: expect.any(String),
      name: "Adam Admin",
      role: "ADMIN",
      active: true,
      version: 1,
      createdAt: expect.any(Date),
      updatedAt: expect.any(Date),
    });
    expect(team.every((user) => !("passwordHash" in user))).toBe(true);
  });

  it("let an admin see the whole team too", async () => {
    const admin = await createAdmin();
    await createUserRow();

    expect(await listUsers(admin.actor)).toHaveLength(2);
  });

  it("let a member read one user, without the password hash", async () => {
    const member = await createUserRow();
    const other = await createUserRow({ name: "Other Person", email: "other@example.com" });

    const user = await getUser(member.actor, other.id);

    expect(user).toMatchObject({ id: other.id, name: "Other Person", email: "other@example.com", role: "MEMBER" });
    expect(user).not.toHaveProperty("passwordHash");
  });

  it("let an admin read one user", async () => {
    const admin = await createAdmin();
    const member = await createUserRow();

    expect(await getUser(admin.actor, member.id)).toMatchObject({ id: member.id, role: "MEMBER" });
  });

  it("throw NotFoundError for an id nobody has", async () => {
    const member = await createUserRow();

    await expect(getUser(member.actor, "no-such-user")).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe("createUser", () => {
  it("refuses a member with ForbiddenError and writes nothing", async () => {
    const member = await createUserRow();
    const before = await databaseSnapshot();

    await expect(createUser(member.actor, validInput())).rejects.toBeInstanceOf(ForbiddenError);

    expect(await databaseSnapshot()).toEqual(before);
  });

  it("lets an admin add a member and records user.created by that admin", async () => {
    const admin = await createAdmin();

    const user = await createUser(admin.actor, validInput());

    expect(user).toEqual({
      id: expect.any(String),
      email: "ann@example.com",
      name: "Ann Example",
      role: "MEMBER",
      active: true,
      version: 1,
      createdAt: expect.any(Date),
      updatedAt: expect.any(Date),
    });
    expect(await db.user.count()).toBe(2);
    expect(await activityAbout(user.id)).toEqual([
      expect.objectContaining({
        action: "user.created",
        actorId: admin.id,
        subjectType: "user",
        subjectId: user.id,
        subjectName: "Ann Example",
        details: { email: "ann@example.com", role: "MEMBER" },
      }),
    ]);
  });

  it("lets an admin add another admin", async () => {
    const admin = await createAdmin();

    const user = await createUser(admin.actor, validInput({ role: "ADMIN" }));

    expect(user.role).toBe("ADMIN");
    expect((await activityAbout(user.id))[0]?.details).toEqual({ email: "ann@example.com", role: "ADMIN" });
  });

  it("stores a hash of the password that verifies at login, never the password itself", async () => {
    const admin = await createAdmin();

    const user = await createUser(admin.actor, validInput());

    const row = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(row.passwordHash).not.toContain("twelve chars or more");
    expect(row.passwordHash).toMatch(/^\$argon2id\$/);
    await expect(verifyLogin({ email: "ann@example.com", password: "twelve chars or more" })).resolves.toMatchObject({
      id: user.id,
    });
  });

  it("stores the email trimmed and lower-cased", async () => {
    const admin = await createAdmin();

    const user = await createUser(admin.actor, validInput({ email: "  Ann.Example@EXAMPLE.Com " }));

    expect(user.email).toBe("ann.example@example.com");
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).email).toBe("ann.example@example.com");
  });

  it("ignores fields the form does not offer, such as id and active", async () => {
    const admin = await createAdmin();

    const user = await createUser(admin.actor, validInput({ id: "chosen-by-caller", active: false }));

    expect(user.id).not.toBe("chosen-by-caller");
    expect(user.active).toBe(true);
    expect(await db.user.findUnique({ where: { id: "chosen-by-caller" } })).toBeNull();
  });

  it("names every missing field with its message and writes nothing", async () => {
    const admin = await createAdmin();
    const before = await databaseSnapshot();

    const error = await rejectionOf(createUser(admin.actor, {}));

    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues).toEqual(
      expect.arrayContaining([
        { field: "email", message: "Enter an email address." },
        { field: "name", message: "Enter a name." },
        { field: "password", message: "Enter a password." },
      ]),
    );
    expect((error as ValidationError).issues).toHaveLength(3);
    expect(await databaseSnapshot()).toEqual(before);
  });

  it("names every malformed field with its message and writes nothing", async () => {
    const admin = await createAdmin();
    const before = await databaseSnapshot();

    const error = await rejectionOf(
      createUser(admin.actor, { email: "not-an-email", name: "   ", password: "too short", role: "OWNER" }),
    );

    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues).toEqual(
      expect.arrayContaining([
        { field: "email", message: "Enter a valid email address, like name@example.com." },
        { field: "name", message: "Enter a name." },
        { field: "password", message: "Password must be at least 12 characters." },
        { field: "role", message: "Choose a role: ADMIN or MEMBER." },
      ]),
    );
    expect((error as ValidationError).issues).toHaveLength(4);
    expect(await databaseSnapshot()).toEqual(before);
  });

  it("says an empty email needs entering, not that it is malformed", async () => {
    const admin = await createAdmin();

    const error = await rejectionOf(createUser(admin.actor, validInput({ email: "   " })));

    expect((error as ValidationError).issues).toEqual([{ field: "email", message: "Enter an email address." }]);
  });

  it("refuses names, emails and passwords over their length limits", async () => {
    const admin = await createAdmin();

    const error = await rejectionOf(
      createUser(admin.actor, {
        email: `${"a".repeat(250)}@example.com`,
        name: "n".repeat(101),
        password: "p".repeat(257),
      }),
    );

    expect((error as ValidationError).issues).toEqual(
      expect.arrayContaining([
        { field: "email", message: "Email must be at most 254 characters." },
        { field: "name", message: "Name must be at most 100 characters." },
        { field: "password", message: "Password must be at most 256 characters." },
      ]),
    );
    expect(await db.user.count()).toBe(1);
  });

  it("treats an email that differs only in case as taken: ConflictError on email, nothing written", async () => {
    const admin = await createAdmin();
    await createUserRow({ email: "ann@example.com" });
    const before = await databaseSnapshot();

    const error = await rejectionOf(createUser(admin.actor, validInput({ email: "Ann@Example.com" })));

    expect(error).toBeInstanceOf(ConflictError);
    expect(error).toMatchObject({ field: "email", message: "A user with this email already exists." });
    expect(await databaseSnapshot()).toEqual(before);
  });

  it("lets exactly one of two simultaneous creates with the same email succeed", async () => {
    const admin = await createAdmin();

    const results = await Promise.allSettled([
      createUser(admin.actor, validInput({ name: "First" })),
      createUser(admin.actor, validInput({ name: "Second", email: "ANN@example.com" })),
    ]);

    const fulfilled = results.filter((result) => result.status === "fulfilled");
    const rejected = results.filter((result) => result.status === "rejected");
    expect(fulfilled).toHaveLength(1);
    expect(rejected).toHaveLength(1);
    expect(rejected[0]?.reason).toBeInstanceOf(ConflictError);
    expect(rejected[0]?.reason).toMatchObject({ field: "email" });
    expect(await db.user.count({ where: { email: "ann@example.com" } })).toBe(1);
    expect(await db.activity.count({ where: { action: "user.created" } })).toBe(1);
  });
});

describe("updateUser, deactivateUser and reactivateUser refuse a member", () => {
  const refusedCalls = [
    ["rename someone", (actor, id) => updateUser(actor, id, { name: "Renamed" })],
    ["change someone's role", (actor, id) => updateUser(actor, id, { role: "ADMIN" })],
    ["deactivate someone through updateUser", (actor, id) => updateUser(actor, id, { active: false })],
    ["deactivate someone", (actor, id) => deactivateUser(actor, id)],
    ["reactivate someone", (actor, id) => reactivateUser(actor, id)],
  ] as const satisfies readonly (readonly [string, (actor: Actor, id: string) => Promise<unknown>])[];

  it.each(refusedCalls)("a member may not %s: ForbiddenError, nothing written", async (_, call) => {
    const member = await createUserRow();
    const other = await createUserRow({ name: "Other Person", active: false });
    const before = await databaseSnapshot();

    await expect(call(member.actor, other.id)).rejects.toBeInstanceOf(ForbiddenError);

    expect(await databaseSnapshot()).toEqual(before);
  });

  it("a member may not promote themselves to admin", async () => {
    const member = await createUserRow();
    await createAdmin();
    const before = await databaseSnapshot();

    await expect(updateUser(member.actor, member.id, { role: "ADMIN" })).rejects.toBeInstanceOf(ForbiddenError);

    expect(await databaseSnapshot()).toEqual(before);
  });
});

describe("updateUser by an admin", () => {
  it("renames a user and records user.renamed with the old and new name", async () => {
    const admin = await createAdmin();
    const member = await createUserRow({ name: "Old Name" });

    const updated = await updateUser(admin.actor, member.id, { name: "  New Name  " });

    expect(updated).toMatchObject({ id: member.id, name: "New Name" });
    expect((await db.user.findUniqueOrThrow({ where: { id: member.id } })).name).toBe("New Name");
    expect(await activityAbout(member.id)).toEqual([
      expect.objectContaining({
        action: "user.renamed",
        actorId: admin.id,
        subjectType: "user",
        subjectName: "New Name",
        details: { from: "Old Name", to: "New Name" },
      }),
    ]);
  });

  it("promotes a member to admin and records user.role_changed", async () => {
    const admin = await createAdmin();
    const member = await createUserRow();

    const updated = await updateUser(admin.actor, member.id, { role: "ADMIN" });

    expect(updated.role).toBe("ADMIN");
    expect(await activityAbout(member.id)).toEqual([
      expect.objectContaining({ action: "user.role_changed", actorId: admin.id, details: { from: "MEMBER", to: "ADMIN" } }),
    ]);
  });

  it("demotes another admin while an active admin remains", async () => {
    const admin = await createAdmin();
    const other = await createAdmin();

    const updated = await updateUser(admin.actor, other.id, { role: "MEMBER" });

    expect(updated.role).toBe("MEMBER");
    expect(await activeAdminCount()).toBe(1);
    expect(await activityAbout(other.id)).toEqual([
      expect.objectContaining({ action: "user.role_changed", details: { from: "ADMIN", to: "MEMBER" } }),
    ]);
  });

  it("lets an admin step down while another active admin remains", async () => {
    const admin = await createAdmin();
    await createAdmin();

    await expect(updateUser(admin.actor, admin.id, { role: "MEMBER" })).resolves.toMatchObject({ role: "MEMBER" });
    expect(await activeAdminCount()).toBe(1);
  });

  it("records one activity entry per change when several change at once", async () => {
    const admin = await createAdmin();
    const member = await createUserRow({ name: "Old Name" });

    await updateUser(admin.actor, member.id, { name: "New Name", role: "ADMIN", active: false });

    const actions = (await activityAbout(member.id)).map((entry) => entry.action).sort();
    expect(actions).toEqual(["user.deactivated", "user.renamed", "user.role_changed"]);
    expect(await db.user.findUniqueOrThrow({ where: { id: member.id } })).toMatchObject({
      name: "New Name",
      role: "ADMIN",
      active: false,
    });
  });

  it("records nothing when nothing changes", async () => {
    const admin = await createAdmin();
    const member = await createUserRow({ name: "Same Name" });

    await updateUser(admin.actor, member.id, { name: "Same Name", role: "MEMBER", active: true });

    expect(await db.activity.count()).toBe(0);
  });

  it("names each invalid field and writes nothing", async () => {
    const admin = await createAdmin();
    const member = await createUserRow();
    const before = await databaseSnapshot();

    const error = await rejectionOf(updateUser(admin.actor, member.id, { name: " ", role: "OWNER", active: "false" }));

    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues).toEqual(
      expect.arrayContaining([
        { field: "name", message: "Enter a name." },
        { field: "role", message: "Choose a role: ADMIN or MEMBER." },
        { field: "active", message: "Active must be true or false." },
      ]),
    );
    expect(await databaseSnapshot()).toEqual(before);
  });

  it("throws NotFoundError for an unknown user and writes nothing", async () => {
    const admin = await createAdmin();
    const before = await databaseSnapshot();

    await expect(updateUser(admin.actor, "no-such-user", { name: "Ghost" })).rejects.toBeInstanceOf(NotFoundError);

    expect(await databaseSnapshot()).toEqual(before);
  });
});

describe("deactivateUser and reactivateUser by an admin", () => {
  it("deactivates a user and records user.deactivated", async () => {
    const admin = await createAdmin();
    const member = await createUserRow();

    const updated = await deactivateUser(admin.actor, member.id);

    expect(updated.active).toBe(false);
    expect((await db.user.findUniqueOrThrow({ where: { id: member.id } })).active).toBe(false);
    expect(await activityAbout(member.id)).toEqual([
      expect.objectContaining({ action: "user.deactivated", actorId: admin.id, subjectName: member.name, details: {} }),
    ]);
  });

  it("ends the deactivated user's sessions at once, and only theirs", async () => {
    const admin = await createAdmin();
    const member = await createUserRow();
    const first = await createSession(member.id);
    const second = await createSession(member.id);
    const adminSession = await createSession(admin.id);
    expect(await findSession(first.token)).not.toBeNull();

    await deactivateUser(admin.actor, member.id);

    expect(await findSession(first.token)).toBeNull();
    expect(await findSession(second.token)).toBeNull();
    expect(await db.session.count({ where: { userId: member.id } })).toBe(0);
    expect(await findSession(adminSession.token)).not.toBeNull();
  });

  it("refuses a deactivated user's login", async () => {
    const admin = await createAdmin();
    const member = await createUserRow({ email: "member@example.com" });

    await deactivateUser(admin.actor, member.id);

    await expect(verifyLogin({ email: "member@example.com", password: TEST_PASSWORD })).rejects.toBeInstanceOf(
      AuthenticationError,
    );
  });

  it("reactivates a user and records user.reactivated, without bringing back old sessions", async () => {
    const admin = await createAdmin();
    const member = await createUserRow({ email: "member@example.com" });
    const session = await createSession(member.id);
    await deactivateUser(admin.actor, member.id);

    const updated = await reactivateUser(admin.actor, member.id);

    expect(updated.active).toBe(true);
    expect(await findSession(session.token)).toBeNull();
    expect(await db.session.count({ where: { userId: member.id } })).toBe(0);
    expect((await activityAbout(member.id)).map((entry) => entry.action)).toContain("user.reactivated");
    await expect(verifyLogin({ email: "member@example.com", password: TEST_PASSWORD })).resolves.toMatchObject({
      id: member.id,
    });
  });

  it("deactivates another admin while an active admin remains, and ends their sessions", async () => {
    const admin = await createAdmin();
    const other = await createAdmin();
    const session = await createSession(other.id);

    await expect(deactivateUser(admin.actor, other.id)).resolves.toMatchObject({ active: false, role: "ADMIN" });

    expect(await activeAdminCount()).toBe(1);
    expect(await findSession(session.token)).toBeNull();
  });

  it("does not let an admin deactivate themselves: ValidationError on active, nothing written", async () => {
    const admin = await createAdmin();
    await createAdmin();
    await createSession(admin.id);
    const before = await databaseSnapshot();

    const error = await rejectionOf(deactivateUser(admin.actor, admin.id));

    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues).toEqual([
      { field: "active", message: "You cannot deactivate your own account." },
    ]);
    expect(await databaseSnapshot()).toEqual(before);
  });
});

describe("the last active admin", () => {
  it("cannot be demoted: ConflictError on role, nothing written", async () => {
    const admin = await createAdmin();
    await createUserRow();
    const before = await databaseSnapshot();

    const error = await rejectionOf(updateUser(admin.actor, admin.id, { role: "MEMBER" }));

    expect(error).toBeInstanceOf(ConflictError);
    expect(error).toMatchObject({ field: "role", message: expect.stringMatching(LAST_ADMIN) });
    expect(await databaseSnapshot()).toEqual(before);
  });

  it("cannot be demoted when the only other admin is deactivated", async () => {
    const admin = await createAdmin();
    await createAdmin({ active: false });
    const before = await databaseSnapshot();

    await expect(updateUser(admin.actor, admin.id, { role: "MEMBER" })).rejects.toBeInstanceOf(ConflictError);

    expect(await databaseSnapshot()).toEqual(before);
  });

  it("cannot be deactivated, even by a request still carrying a former admin's credentials", async () => {
    // B was an admin when the request started and has since been deactivated; A is the only active admin.
    const lastAdmin = await createAdmin();
    const formerAdmin = await createAdmin({ active: false });
    const session = await createSession(lastAdmin.id);
    const before = await databaseSnapshot();

    const error = await rejectionOf(deactivateUser(formerAdmin.actor, lastAdmin.id));

    expect(error).toBeInstanceOf(ConflictError);
    expect(error).toMatchObject({ field: "active", message: expect.stringMatching(LAST_ADMIN) });
    expect(await databaseSnapshot()).toEqual(before);
    expect(await findSession(session.token)).not.toBeNull();
  });

  it("survives two admins demoting each other at the same moment, round after round", async () => {
    for (let round = 0; round < 8; round++) {
      await emptyTheTeam();
      const a = await createAdmin({ name: "Admin A" });
      const b = await createAdmin({ name: "Admin B" });
      const calls = [
        () => updateUser(a.actor, b.id, { role: "MEMBER" }),
        () => updateUser(b.actor, a.id, { role: "MEMBER" }),
      ];
      if (round % 2 === 1) calls.reverse();

      const results = await Promise.allSettled(calls.map((call) => call()));

      const rejected = results.filter((result) => result.status === "rejected");
      expect(results.filter((result) => result.status === "fulfilled"), `round ${round}`).toHaveLength(1);
      expect(rejected[0]?.reason, `round ${round}`).toBeInstanceOf(ConflictError);
      expect(await activeAdminCount(), `round ${round}`).toBe(1);
      expect(await db.activity.count({ where: { action: "user.role_changed" } }), `round ${round}`).toBe(1);
    }
  });

  it("survives two admins deactivating each other at the same moment, round after round", async () => {
    for (let round = 0; round < 8; round++) {
      await emptyTheTeam();
      const a = await createAdmin({ name: "Admin A" });
      const b = await createAdmin({ name: "Admin B" });
      await createSession(a.id);
      await createSession(b.id);
      const calls = [() => deactivateUser(a.actor, b.id), () => deactivateUser(b.actor, a.id)];
      if (round % 2 === 1) calls.reverse();

      const results = await Promise.allSettled(calls.map((call) => call()));

      const rejected = results.filter((result) => result.status === "rejected");
      expect(results.filter((result) => result.status === "fulfilled"), `round ${round}`).toHaveLength(1);
      expect(rejected[0]?.reason, `round ${round}`).toBeInstanceOf(ConflictError);
      expect(await activeAdminCount(), `round ${round}`).toBe(1);
      expect(await db.session.count(), `round ${round}`).toBe(1);
      expect(await db.activity.count({ where: { action: "user.deactivated" } }), `round ${round}`).toBe(1);
    }
  });

  it("survives one admin demoting while the other deactivates at the same moment, round after round", async () => {
    for (let round = 0; round < 8; round++) {
      await emptyTheTeam();
      const a = await createAdmin({ name: "Admin A" });
      const b = await createAdmin({ name: "Admin B" });
      const calls = [() => updateUser(a.actor, b.id, { role: "MEMBER" }), () => deactivateUser(b.actor, a.id)];
      if (round % 2 === 1) calls.reverse();

      const results = await Promise.allSettled(calls.map((call) => call()));

      expect(results.filter((result) => result.status === "fulfilled"), `round ${round}`).toHaveLength(1);
      expect(await activeAdminCount(), `round ${round}`).toBe(1);
    }
  });
});

describe("setUserPassword", () => {
  it("refuses a member, for someone else or themselves: ForbiddenError, nothing written", async () => {
    const member = await createUserRow();
    const other = await createUserRow();
    await createSession(member.id);
    await createSession(other.id);
    const before = await databaseSnapshot();

    await expect(setUserPassword(member.actor, other.id, { password: NEW_PASSWORD })).rejects.toBeInstanceOf(
      ForbiddenError,
    );
    await expect(setUserPassword(member.actor, member.id, { password: NEW_PASSWORD })).rejects.toBeInstanceOf(
      ForbiddenError,
    );

    expect(await databaseSnapshot()).toEqual(before);
  });

  it("lets an admin set a user's password, ends that user's sessions and records user.password_set", async () => {
    const admin = await createAdmin();
    const member = await createUserRow({ email: "member@example.com" });
    const memberSession = await createSession(member.id);
    const adminSession = await createSession(admin.id);

    await setUserPassword(admin.actor, member.id, { password: NEW_PASSWORD });

    expect(await findSession(memberSession.token)).toBeNull();
    expect(await db.session.count({ where: { userId: member.id } })).toBe(0);
    expect(await findSession(adminSession.token)).not.toBeNull();
    await expect(verifyLogin({ email: "member@example.com", password: NEW_PASSWORD })).resolves.toMatchObject({
      id: member.id,
    });
    await expect(verifyLogin({ email: "member@example.com", password: TEST_PASSWORD })).rejects.toBeInstanceOf(
      AuthenticationError,
    );
    expect(await activityAbout(member.id)).toEqual([
      expect.objectContaining({ action: "user.password_set", actorId: admin.id, subjectName: member.name, details: {} }),
    ]);
  });

  it("refuses a short password with a ValidationError on password, nothing written", async () => {
    const admin = await createAdmin();
    const member = await createUserRow();
    await createSession(member.id);
    const before = await databaseSnapshot();

    const error = await rejectionOf(setUserPassword(admin.actor, member.id, { password: "short" }));

    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues).toEqual([
      { field: "password", message: "Password must be at least 12 characters." },
    ]);
    expect(await databaseSnapshot()).toEqual(before);
  });

  it("throws NotFoundError for an unknown user", async () => {
    const admin = await createAdmin();

    await expect(setUserPassword(admin.actor, "no-such-user", { password: NEW_PASSWORD })).rejects.toBeInstanceOf(
      NotFoundError,
    );
    expect(await db.activity.count()).toBe(0);
  });
});

describe("changeOwnPassword", () => {
  it("lets a member change their own password: the new one works, the old does not", async () => {
    const member = await createUserRow({ email: "member@example.com" });

    await changeOwnPassword(member.actor, { currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD });

    await expect(verifyLogin({ email: "member@example.com", password: NEW_PASSWORD })).resolves.toMatchObject({
      id: member.id,
    });
    await expect(verifyLogin({ email: "member@example.com", password: TEST_PASSWORD })).rejects.toBeInstanceOf(
      AuthenticationError,
    );
    expect(await activityAbout(member.id)).toEqual([
      expect.objectContaining({
        action: "user.password_changed",
        actorId: member.id,
        subjectType: "user",
        subjectName: member.name,
      }),
    ]);
  });

  it("lets an admin change their own password too", async () => {
    const admin = await createAdmin();

    await changeOwnPassword(admin.actor, { currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD });

    expect((await activityAbout(admin.id)).map((entry) => entry.action)).toEqual(["user.password_changed"]);
  });

  it("ends the person's other sessions but keeps the one in use, and leaves other people's alone", async () => {
    const member = await createUserRow();
    const other = await createUserRow();
    const here = await createSession(member.id);
    const elsewhere = await createSession(member.id);
    const othersSession = await createSession(other.id);
    const current = await findSession(here.token);
    expect(current).not.toBeNull();

    await changeOwnPassword(
      current!.actor,
      { currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD },
      current!.sessionId,
    );

    expect(await findSession(here.token)).not.toBeNull();
    expect(await findSession(elsewhere.token)).toBeNull();
    expect(await db.session.count({ where: { userId: member.id } })).toBe(1);
    expect(await findSession(othersSession.token)).not.toBeNull();
  });

  it("ends every session of the person when no session is to be kept", async () => {
    const member = await createUserRow();
    const first = await createSession(member.id);
    await createSession(member.id);

    await changeOwnPassword(member.actor, { currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD });

    expect(await findSession(first.token)).toBeNull();
    expect(await db.session.count({ where: { userId: member.id } })).toBe(0);
  });

  it("refuses a wrong current password with a ValidationError on currentPassword, nothing written", async () => {
    const member = await createUserRow({ email: "member@example.com" });
    const here = await createSession(member.id);
    const elsewhere = await createSession(member.id);
    const before = await databaseSnapshot();

    const error = await rejectionOf(
      changeOwnPassword(
        member.actor,
        { currentPassword: "not my password at all", newPassword: NEW_PASSWORD },
        (await findSession(here.token))!.sessionId,
      ),
    );

    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues).toEqual([
      { field: "currentPassword", message: "Your current password is not correct." },
    ]);
    expect(await databaseSnapshot()).toEqual(before);
    expect(await findSession(elsewhere.token)).not.toBeNull();
    await expect(verifyLogin({ email: "member@example.com", password: TEST_PASSWORD })).resolves.toMatchObject({
      id: member.id,
    });
  });

  it("names missing and too-short fields and writes nothing", async () => {
    const member = await createUserRow();
    const before = await databaseSnapshot();

    const error = await rejectionOf(changeOwnPassword(member.actor, { newPassword: "short" }));

    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues).toEqual(
      expect.arrayContaining([
        { field: "currentPassword", message: "Enter your current password." },
        { field: "newPassword", message: "Password must be at least 12 characters." },
      ]),
    );
    expect(await databaseSnapshot()).toEqual(before);
  });
});

describe("updateUser with an expected version (the API's If-Match)", () => {
  it("applies when the version matches and bumps it", async () => {
    const admin = await createAdmin();
    const target = await createUserRow({ name: "Versioned" });
    const updated = await updateUser(admin.actor, target.id, { name: "Renamed" }, { expectedVersion: 1 });
    expect(updated.version).toBe(2);
  });

  it("refuses a stale version with PreconditionFailedError and changes nothing", async () => {
    const admin = await createAdmin();
    const target = await createUserRow({ name: "Versioned" });
    await updateUser(admin.actor, target.id, { name: "First" });
    await expect(updateUser(admin.actor, target.id, { name: "Second" }, { expectedVersion: 1 })).rejects.toBeInstanceOf(
      PreconditionFailedError,
    );
    expect((await db.user.findUnique({ where: { id: target.id } }))?.name).toBe("First");
  });
});

describe("listUsersPage", () => {
  it("walks the team by name with cursors and refuses an altered cursor", async () => {
    const admin = await createAdmin({ name: "A Admin" });
    for (const name of ["B", "C", "D", "E"]) await createUserRow({ name });
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await listUsersPage(admin.actor, { limit: 2, cursor });
      seen.push(...page.items.map((user) => user.name));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(["A Admin", "B", "C", "D", "E"]);
    const { nextCursor } = await listUsersPage(admin.actor, { limit: 1 });
    await expect(listUsersPage(admin.actor, { cursor: nextCursor!.replace(/^./, "x") })).rejects.toBeInstanceOf(InvalidCursorError);
  });
});
