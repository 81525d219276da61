import { describe, expect, it } from "vitest";
import { createToken } from "#services/tokens.ts";
import { api, expectProblem } from "#tests/api/support.ts";
import { db } from "#services/db/client.ts";
import { createTaskRow, createUser } from "#tests/support/factories.ts";
import { arrangeTeam, send } from "./support.ts";

/** What a refused take or release must leave alone: the task's row and every activity entry about it. */
const taskState = async (id: string) => ({
  task: await db.task.findUnique({ where: { id } }),
  activity: await db.activity.findMany({ where: { subjectId: id }, orderBy: { id: "asc" } }),
});

/**
 * Taking a task needs no edit permission, so it must not become a way around it: a member cannot
 * take a task someone else holds, nor give back someone else's, however the request is made
 * (the pages only hide the buttons; takeTask and releaseTask decide). Nothing is written.
 */
describe("a member taking or giving back a task that is someone else's", () => {
  it.each([
    ["take it from the list", "/tasks", "take", 409],
    ["take it on its page", "/tasks/:id", "take", 409],
    ["give it back from the list", "/tasks", "release", 403],
    ["give it back on its page", "/tasks/:id", "release", 403],
  ] as const)("to %s is refused and changes nothing", async (_name, where, intent, status) => {
    const team = await arrangeTeam();
    const holder = await createUser();
    const task = await createTaskRow(team.admin, { assigneeId: holder.id });
    const before = await taskState(task.id);
    const path = where === "/tasks" ? "/tasks" : `/tasks/${task.id}`;
    const answer = await send(path, { cookie: team.memberCookie, form: { intent, taskId: task.id, version: "1" } });
    expect(answer.status, answer.text).toBe(status);
    expect(await taskState(task.id)).toEqual(before);
  });

  it.each([
    ["take", 409],
    ["release", 403],
  ] as const)("to %s it through the API is refused with %i and changes nothing", async (action, status) => {
    const team = await arrangeTeam();
    const holder = await createUser();
    const task = await createTaskRow(team.admin, { assigneeId: holder.id });
    const { secret } = await createToken(team.member.actor, { name: "member write", scopes: ["write"] });
    const before = await taskState(task.id);
    expectProblem(await api(`/api/tasks/${task.id}/${action}`, { method: "POST", token: secret }), status);
    expect(await taskState(task.id)).toEqual(before);
  });

  it("taking an unassigned task gives no right to edit or delete it beyond the assignee's", async () => {
    const team = await arrangeTeam();
    const { secret } = await createToken(team.member.actor, { name: "member write", scopes: ["write"] });
    expect((await api(`/api/tasks/${team.task.id}/take`, { method: "POST", token: secret })).status).toBe(200);
    // Now the assignee: may edit (the README's table), may not delete (the creator's or an admin's right).
    expect((await api(`/api/tasks/${team.task.id}`, { method: "PATCH", token: secret, json: { status: "IN_PROGRESS" } })).status).toBe(200);
    expectProblem(await api(`/api/tasks/${team.task.id}`, { method: "DELETE", token: secret }), 403);
  });
});
