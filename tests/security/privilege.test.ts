import { describe, expect, it } from "vitest";
import { createToken } from "#services/tokens.ts";
import { api, expectProblem } from "#tests/api/support.ts";
import { createTaskRow, createUser, databaseSnapshot } from "#tests/support/factories.ts";
import { signIn } from "#tests/support/http.ts";
import { arrangeTeam, send, type Team } from "./support.ts";

/**
 * A signed-in member skips the pages that hide admin forms and posts them directly, or acts on
 * a task that is not theirs. The services decide (the pages only hide buttons), so each
 * refusal must hold however the request is made, and write nothing.
 */
describe("a member posting admin-only forms", () => {
  const attempts: { name: string; path: (team: Team) => string; form: (team: Team) => Record<string, string> }[] = [
    {
      name: "add a person (an admin, even)",
      path: () => "/users/new",
      form: () => ({ name: "Planted Admin", email: `planted-${Date.now()}@evil.test`, role: "ADMIN", password: "planted password 123" }),
    },
    { name: "promote themselves to admin", path: (t) => `/users/${t.member.id}`, form: () => ({ intent: "update", role: "ADMIN" }) },
    { name: "rename an admin", path: (t) => `/users/${t.admin.id}`, form: () => ({ intent: "update", name: "Renamed by a member" }) },
    { name: "demote an admin", path: (t) => `/users/${t.admin.id}`, form: () => ({ intent: "update", role: "MEMBER" }) },
    { name: "set an admin's password", path: (t) => `/users/${t.admin.id}`, form: () => ({ intent: "set-password", password: "taken over password" }) },
    { name: "deactivate an admin", path: (t) => `/users/${t.admin.id}`, form: () => ({ intent: "deactivate" }) },
    { name: "reactivate a deactivated member", path: (t) => `/users/${t.inactive.id}`, form: () => ({ intent: "reactivate" }) },
    {
      name: "invite someone (as an admin, even)",
      path: () => "/users/invite",
      form: () => ({ intent: "invite", name: "Planted", email: `planted-${Date.now()}@evil.test`, role: "ADMIN" }),
    },
    { name: "revoke an invitation", path: () => "/users", form: () => ({ intent: "revoke-invitation", invitationId: "any" }) },
    { name: "make a password-reset link for an admin", path: (t) => `/users/${t.admin.id}`, form: () => ({ intent: "reset-link" }) },
  ];

  it.each(attempts)("to $name is refused with 403 and writes nothing", async ({ path, form }) => {
    const team = await arrangeTeam();
    const before = await databaseSnapshot();
    const answer = await send(path(team), { cookie: team.memberCookie, form: form(team) });
    expect(answer.status, answer.text).toBe(403);
    expect(await databaseSnapshot()).toEqual(before);
  });

  it("to open the add-a-person page is refused with 403", async () => {
    const team = await arrangeTeam();
    const answer = await send("/users/new", { method: "GET", origin: false, cookie: team.memberCookie });
    expect(answer.status).toBe(403);
    // Inside the signed-in frame: the navigation and the person's own name stay on the error page.
    expect(answer.text).toContain("Only admins can add people.");
    expect(answer.text).toMatch(/<nav aria-label="Main"/);
    expect(answer.text).toContain("Sign out");
  });

  it("to revoke an admin's API token answers as if it did not exist, and the token still works", async () => {
    const team = await arrangeTeam();
    const before = await databaseSnapshot();
    const answer = await send("/settings/tokens", { cookie: team.memberCookie, form: { intent: "revoke", tokenId: team.token.id } });
    expect(answer.status).toBe(404);
    expect(await databaseSnapshot()).toEqual(before);
    expect((await api("/api/me", { token: team.secret })).status).toBe(200);
  });

  it("to see everyone's tokens: the member's token page lists only their own", async () => {
    const team = await arrangeTeam();
    await createToken(team.member.actor, { name: "member's own token", scopes: ["read"] });
    const page = await send("/settings/tokens", { method: "GET", origin: false, cookie: team.memberCookie });
    expect(page.status).toBe(200);
    expect(page.text).toContain("member&#x27;s own token");
    expect(page.text).not.toContain(team.token.prefix);
    const data = await send("/settings/tokens.data", { method: "GET", origin: false, cookie: team.memberCookie });
    expect(data.text).not.toContain(team.token.prefix);
  });
});

describe("a member acting on a task they neither created nor are assigned", () => {
  it.each([
    ["edit it through the form", (id: string, version: number) => ({ path: `/tasks/${id}`, form: { intent: "update", title: "Hijacked", description: "", status: "DONE", assigneeId: "", dueDate: "", version: String(version) } })],
    ["complete it from the list", (id: string, version: number) => ({ path: "/tasks", form: { intent: "status", taskId: id, status: "DONE", version: String(version) } })],
    ["delete it through the form", (id: string, version: number) => ({ path: `/tasks/${id}`, form: { intent: "delete", version: String(version) } })],
  ])("to %s is refused with 403 and changes nothing", async (_name, attempt) => {
    const team = await arrangeTeam();
    const { path, form } = attempt(team.task.id, team.task.version);
    const before = await databaseSnapshot();
    const answer = await send(path, { cookie: team.memberCookie, form });
    expect(answer.status, answer.text).toBe(403);
    expect(await databaseSnapshot()).toEqual(before);
  });

  it.each([
    ["PATCH", { title: "Hijacked" }],
    ["PATCH", { status: "DONE" }],
    ["PATCH", { assigneeId: "SELF" }],
    ["DELETE", undefined],
  ] as const)("to %s it through the API with %j is refused with 403 and changes nothing", async (method, json) => {
    const team = await arrangeTeam();
    const { secret } = await createToken(team.member.actor, { name: "member write", scopes: ["write"] });
    const body = json && "assigneeId" in json ? { assigneeId: team.member.id } : json;
    const before = await databaseSnapshot();
    const answer = await api(`/api/tasks/${team.task.id}`, { method, token: secret, json: body });
    expectProblem(answer, 403);
    expect(await databaseSnapshot()).toEqual(before);
  });

  it("as its assignee, deleting it (the creator's or an admin's right) is refused", async () => {
    const team = await arrangeTeam();
    const task = await createTaskRow(team.admin, { assigneeId: team.member.id });
    const before = await databaseSnapshot();
    expect((await send(`/tasks/${task.id}`, { cookie: team.memberCookie, form: { intent: "delete", version: "1" } })).status).toBe(403);
    const { secret } = await createToken(team.member.actor, { name: "assignee write", scopes: ["write"] });
    const afterToken = await databaseSnapshot();
    expectProblem(await api(`/api/tasks/${task.id}`, { method: "DELETE", token: secret }), 403);
    expect(afterToken.Task).toEqual(before.Task);
    expect(await databaseSnapshot()).toEqual(afterToken);
  });
});

describe("a member's token on admin-only API endpoints", () => {
  it.each([
    ["POST /api/users (add an admin)", "POST", () => "/api/users", () => ({ email: `planted-${Date.now()}@evil.test`, name: "Planted", role: "ADMIN", password: "planted password 123" })],
    ["PATCH /api/users/:self (promote themselves)", "PATCH", (t: Team) => `/api/users/${t.member.id}`, () => ({ role: "ADMIN" })],
    ["PATCH /api/users/:admin (demote an admin)", "PATCH", (t: Team) => `/api/users/${t.admin.id}`, () => ({ role: "MEMBER" })],
    ["PATCH /api/users/:admin (deactivate an admin)", "PATCH", (t: Team) => `/api/users/${t.admin.id}`, () => ({ active: false })],
    ["PATCH /api/users/:other (reactivate someone)", "PATCH", (t: Team) => `/api/users/${t.inactive.id}`, () => ({ active: true })],
    ["PATCH /api/users/:admin (rename an admin)", "PATCH", (t: Team) => `/api/users/${t.admin.id}`, () => ({ name: "Renamed" })],
  ] as const)("%s is refused with 403 and writes nothing", async (_name, method, path, json) => {
    const team = await arrangeTeam();
    const { secret } = await createToken(team.member.actor, { name: "member write", scopes: ["write"] });
    const before = await databaseSnapshot();
    const answer = await api(path(team), { method, token: secret, json: json() });
    expectProblem(answer, 403);
    expect(await databaseSnapshot()).toEqual(before);
  });

  it("a deactivated member's session is no longer a member's session: it is none", async () => {
    const former = await createUser();
    const cookie = await signIn(former);
    const team = await arrangeTeam();
    expect((await api(`/api/users/${former.id}`, { method: "PATCH", token: team.secret, json: { active: false } })).status).toBe(200);
    const before = await databaseSnapshot();
    const answer = await send("/tasks/new", { cookie, form: { title: "From beyond" } });
    expect(answer.status).toBe(302);
    expect(answer.headers.get("location")).toMatch(/^\/login/);
    expect(await databaseSnapshot()).toEqual(before);
  });
});
