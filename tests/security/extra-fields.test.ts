import { describe, expect, it } from "vitest";
import { db } from "#services/db/client.ts";
import { passwordHasher } from "#services/passwords.ts";
import { createToken } from "#services/tokens.ts";
import { api, uniqueEmail } from "#tests/api/support.ts";
import { createTaskRow } from "#tests/support/factories.ts";
import { arrangeTeam, send } from "./support.ts";

/**
 * Mass assignment: a form or JSON body carries fields its page never shows (the role, who
 * created a task, its version, ids, timestamps, a password hash). A service must take only the
 * fields its schema names; anything else is dropped (or the request refused), never stored.
 */

const LONG_AGO = "2001-01-01T00:00:00.000Z";
const FORGED_ID = "forgedidforgedidforgedid";

/** A hash of a password the attacker knows: storing it would hand them the account. */
const plantedHash = () => passwordHasher.hash("attacker knows this one");

describe("extra fields in forms", () => {
  it("the settings password form ignores role, active, email, name, id, version and passwordHash", async () => {
    const team = await arrangeTeam();
    const answer = await send("/settings", {
      cookie: team.memberCookie,
      form: {
        intent: "change-password",
        currentPassword: team.member.password,
        newPassword: "a brand new password",
        role: "ADMIN",
        active: "false",
        email: "taken@evil.test",
        name: "Renamed",
        id: FORGED_ID,
        version: "99",
        passwordHash: await plantedHash(),
      },
    });
    expect(answer.status).toBe(302);
    const stored = await db.user.findUniqueOrThrow({ where: { id: team.member.id } });
    expect(stored).toMatchObject({ role: "MEMBER", active: true, email: team.member.email, name: team.member.name, version: team.member.version });
    expect(await passwordHasher.verify(stored.passwordHash, "a brand new password")).toBe(true);
    expect(await db.user.findUnique({ where: { id: FORGED_ID } })).toBeNull();
  });

  it("the new-task form ignores creatorId, id, version, completedAt, createdAt and searchText", async () => {
    const team = await arrangeTeam();
    const title = `Extra fields ${Date.now()}`;
    const answer = await send("/tasks/new", {
      cookie: team.memberCookie,
      form: { title, creatorId: team.admin.id, id: FORGED_ID, version: "42", completedAt: LONG_AGO, createdAt: LONG_AGO, searchText: "planted" },
    });
    expect(answer.status).toBe(302);
    const stored = await db.task.findFirstOrThrow({ where: { title } });
    expect(stored.id).not.toBe(FORGED_ID);
    expect(stored).toMatchObject({ creatorId: team.member.id, version: 1, completedAt: null, status: "TODO" });
    expect(stored.createdAt.getTime()).toBeGreaterThan(Date.now() - 60_000);
    expect(stored.searchText).not.toContain("planted");
  });

  it("the task edit form ignores creatorId, completedAt, createdAt and id (an assignee cannot make themselves the creator)", async () => {
    const team = await arrangeTeam();
    const task = await createTaskRow(team.admin, { assigneeId: team.member.id });
    const answer = await send(`/tasks/${task.id}`, {
      cookie: team.memberCookie,
      form: {
        intent: "update",
        title: "Edited by the assignee",
        description: "",
        status: "TODO",
        assigneeId: team.member.id,
        dueDate: "",
        version: String(task.version),
        creatorId: team.member.id,
        completedAt: LONG_AGO,
        createdAt: LONG_AGO,
        id: FORGED_ID,
      },
    });
    expect(answer.status).toBe(302);
    const stored = await db.task.findUniqueOrThrow({ where: { id: task.id } });
    expect(stored).toMatchObject({ title: "Edited by the assignee", creatorId: team.admin.id, completedAt: null, version: task.version + 1 });
    expect(stored.createdAt).toEqual(task.createdAt);
    // Still not the creator: deleting stays refused.
    expect((await send(`/tasks/${task.id}`, { cookie: team.memberCookie, form: { intent: "delete", version: String(stored.version) } })).status).toBe(403);
  });

  it("the add-a-person form ignores active, id, version, createdAt and passwordHash", async () => {
    const team = await arrangeTeam();
    const email = uniqueEmail("extra-form");
    const answer = await send("/users/new", {
      cookie: team.adminCookie,
      form: {
        name: "Extra Fields",
        email,
        role: "MEMBER",
        password: "the real password",
        active: "false",
        id: FORGED_ID,
        version: "7",
        createdAt: LONG_AGO,
        passwordHash: await plantedHash(),
      },
    });
    expect(answer.status).toBe(302);
    const stored = await db.user.findUniqueOrThrow({ where: { email } });
    expect(stored).toMatchObject({ active: true, version: 1, role: "MEMBER" });
    expect(stored.id).not.toBe(FORGED_ID);
    expect(stored.createdAt.getTime()).toBeGreaterThan(Date.now() - 60_000);
    expect(await passwordHasher.verify(stored.passwordHash, "the real password")).toBe(true);
  });

  it("the person edit form ignores email, passwordHash, id and version", async () => {
    const team = await arrangeTeam();
    const answer = await send(`/users/${team.member.id}`, {
      cookie: team.adminCookie,
      form: { intent: "update", name: "Properly Renamed", role: "MEMBER", email: "moved@evil.test", passwordHash: await plantedHash(), id: FORGED_ID, version: "50" },
    });
    expect(answer.status).toBe(302);
    const stored = await db.user.findUniqueOrThrow({ where: { id: team.member.id } });
    expect(stored).toMatchObject({ name: "Properly Renamed", email: team.member.email, passwordHash: team.member.passwordHash, version: team.member.version + 1 });
  });

  it("the new-token form ignores userId, secretHash, prefix and revokedAt: the token is the signed-in person's", async () => {
    const team = await arrangeTeam();
    const name = `extra-${Date.now()}`;
    const answer = await send("/settings/tokens", {
      cookie: team.memberCookie,
      form: { intent: "create", name, scopes: "read", userId: team.admin.id, secretHash: "0".repeat(64), prefix: "tdm_planted", revokedAt: LONG_AGO },
    });
    expect(answer.status).toBe(302);
    const stored = await db.apiToken.findFirstOrThrow({ where: { name } });
    expect(stored).toMatchObject({ userId: team.member.id, revokedAt: null, scopes: "read" });
    expect(stored.secretHash).not.toBe("0".repeat(64));
    expect(stored.prefix).not.toBe("tdm_planted");
  });
});

describe("extra fields in JSON", () => {
  it("POST /api/tasks does not apply creatorId, id, version, completedAt, createdAt or updatedAt", async () => {
    const team = await arrangeTeam();
    const { secret } = await createToken(team.member.actor, { name: "member write", scopes: ["write"] });
    const answer = await api("/api/tasks", {
      method: "POST",
      token: secret,
      json: { title: "JSON extras", creatorId: team.admin.id, id: FORGED_ID, version: 9, completedAt: LONG_AGO, createdAt: LONG_AGO, updatedAt: LONG_AGO },
    });
    expect([201, 422]).toContain(answer.status);
    if (answer.status === 201) {
      const stored = await db.task.findUniqueOrThrow({ where: { id: answer.body.id } });
      expect(stored.id).not.toBe(FORGED_ID);
      expect(stored).toMatchObject({ creatorId: team.member.id, version: 1, completedAt: null });
      expect(stored.createdAt.getTime()).toBeGreaterThan(Date.now() - 60_000);
    }
    expect(await db.task.findUnique({ where: { id: FORGED_ID } })).toBeNull();
  });

  it("PATCH /api/tasks/:id by its assignee does not apply creatorId, version, completedAt, createdAt or id", async () => {
    const team = await arrangeTeam();
    const { secret } = await createToken(team.member.actor, { name: "member write", scopes: ["write"] });
    const task = await createTaskRow(team.admin, { assigneeId: team.member.id });
    const answer = await api(`/api/tasks/${task.id}`, {
      method: "PATCH",
      token: secret,
      json: { title: "Assignee edit", creatorId: team.member.id, version: 100, completedAt: LONG_AGO, createdAt: LONG_AGO, id: FORGED_ID },
    });
    expect([200, 422]).toContain(answer.status);
    const stored = await db.task.findUniqueOrThrow({ where: { id: task.id } });
    expect(stored).toMatchObject({ creatorId: team.admin.id, completedAt: null });
    expect(stored.version).toBeLessThanOrEqual(task.version + 1);
    expect(stored.createdAt).toEqual(task.createdAt);
    expect((await api(`/api/tasks/${task.id}`, { method: "DELETE", token: secret })).status).toBe(403);
  });

  it("POST /api/users does not apply active, id, version, createdAt or a chosen passwordHash", async () => {
    const team = await arrangeTeam();
    const email = uniqueEmail("extra-json");
    const answer = await api("/api/users", {
      method: "POST",
      token: team.secret,
      json: { email, name: "JSON Extras", password: "the real password", active: false, id: FORGED_ID, version: 5, createdAt: LONG_AGO, passwordHash: await plantedHash() },
    });
    expect([201, 422]).toContain(answer.status);
    const stored = await db.user.findUnique({ where: { email } });
    if (answer.status === 201) {
      expect(stored).toMatchObject({ active: true, version: 1 });
      expect(stored!.id).not.toBe(FORGED_ID);
      expect(await passwordHasher.verify(stored!.passwordHash, "attacker knows this one")).toBe(false);
    } else {
      expect(stored).toBeNull();
    }
  });

  it("PATCH /api/users/:id does not apply email, passwordHash, id, version or createdAt", async () => {
    const team = await arrangeTeam();
    const answer = await api(`/api/users/${team.member.id}`, {
      method: "PATCH",
      token: team.secret,
      json: { name: "JSON Renamed", email: "moved@evil.test", passwordHash: await plantedHash(), id: FORGED_ID, version: 77, createdAt: LONG_AGO },
    });
    expect([200, 422]).toContain(answer.status);
    const stored = await db.user.findUniqueOrThrow({ where: { id: team.member.id } });
    expect(stored).toMatchObject({ email: team.member.email, passwordHash: team.member.passwordHash, createdAt: team.member.createdAt });
    expect(stored.version).toBeLessThanOrEqual(team.member.version + 1);
  });

  it("there is no PATCH /api/me to smuggle a role through: 405", async () => {
    const team = await arrangeTeam();
    const { secret } = await createToken(team.member.actor, { name: "member write", scopes: ["write"] });
    const answer = await api("/api/me", { method: "PATCH", token: secret, json: { role: "ADMIN" } });
    expect(answer.status).toBe(405);
    expect((await db.user.findUniqueOrThrow({ where: { id: team.member.id } })).role).toBe("MEMBER");
  });
});
