import { describe, expect, it } from "vitest";
import { db } from "#services/db/client.ts";
import { createToken } from "#services/tokens.ts";
import { createTaskRow, createUser, TEST_PASSWORD } from "#tests/support/factories.ts";
import { postForm, signInByForm } from "./form-door.ts";
import { api } from "./support.ts";

/**
 * Taking a task and giving it back through both doors (docs/design.md §1): the one-click forms on
 * /tasks and /tasks/:id and POST /api/tasks/{id}/take and /release call the same takeTask and
 * releaseTask, so the same person leaves the same task and the same activity, and the same refusal.
 */
async function memberDoors(name: string) {
  const member = await createUser({ name, email: `take-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@parity.test` });
  const { secret } = await createToken(member.actor, { name: "take parity", scopes: ["write"] });
  return { member, token: secret, cookie: await signInByForm({ email: member.email, password: TEST_PASSWORD }) };
}

async function stored(id: string) {
  const { assigneeId, version } = await db.task.findUniqueOrThrow({ where: { id } });
  const activity = await db.activity.findMany({
    where: { subjectId: id },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { action: true, actorId: true, details: true },
  });
  return { assigneeId, version, activity: activity.map((entry) => ({ ...entry, details: JSON.parse(entry.details) })) };
}

describe("the two doors for taking a task", () => {
  it("take and give back the same way through the list's form, the task page's form and the API", async () => {
    const { member, token, cookie } = await memberDoors("Parity Taker");
    const creator = await createUser();
    const [viaList, viaPage, viaApi] = await Promise.all([createTaskRow(creator), createTaskRow(creator), createTaskRow(creator)]);

    const listed = await postForm("/tasks", cookie, { intent: "take", taskId: viaList.id, version: "1" });
    expect(listed.status).toBe(302);
    const paged = await postForm(`/tasks/${viaPage.id}`, cookie, { intent: "take", taskId: viaPage.id, version: "1" });
    expect(paged.status).toBe(302);
    expect(paged.headers.get("location")).toBe(`/tasks/${viaPage.id}`);
    expect((await api(`/api/tasks/${viaApi.id}/take`, { method: "POST", token, headers: { "If-Match": '"v1"' } })).status).toBe(200);

    const taken = await stored(viaApi.id);
    expect(await stored(viaList.id)).toEqual(taken);
    expect(await stored(viaPage.id)).toEqual(taken);
    expect(taken).toMatchObject({ assigneeId: member.id, version: 2, activity: [{ action: "task.updated", actorId: member.id }] });

    expect((await postForm("/tasks", cookie, { intent: "release", taskId: viaList.id, version: "2" })).status).toBe(302);
    expect((await postForm(`/tasks/${viaPage.id}`, cookie, { intent: "release", taskId: viaPage.id, version: "2" })).status).toBe(302);
    expect((await api(`/api/tasks/${viaApi.id}/release`, { method: "POST", token, headers: { "If-Match": '"v2"' } })).status).toBe(200);

    const released = await stored(viaApi.id);
    expect(await stored(viaList.id)).toEqual(released);
    expect(await stored(viaPage.id)).toEqual(released);
    expect(released).toMatchObject({ assigneeId: null, version: 3 });
  });

  it("refuse a task someone else holds with the same message through both doors, writing nothing", async () => {
    const { token, cookie } = await memberDoors("Parity Latecomer");
    const holder = await createUser({ name: "Parity Holder" });
    const task = await createTaskRow(holder, { assigneeId: holder.id });

    const form = await postForm("/tasks", cookie, { intent: "take", taskId: task.id, version: "1" });
    expect(form.status).toBe(409);
    const html = await form.text();
    const response = await api(`/api/tasks/${task.id}/take`, { method: "POST", token });
    expect(response.status).toBe(409);
    expect(response.body.detail).toBe("This task is already assigned to Parity Holder; only an unassigned task can be taken.");
    expect(html).toContain("This task is already assigned to Parity Holder; only an unassigned task can be taken.");
    expect(await stored(task.id)).toEqual({ assigneeId: holder.id, version: 1, activity: [] });
  });
});
