import { describe, expect, it } from "vitest";
import { db } from "#services/db/client.ts";
import { createTaskRow, createUser } from "#tests/support/factories.ts";
import { api, expectProblem, personWithToken } from "./support.ts";

/**
 * POST /api/tasks/{id}/take and /release over real HTTP against `npm start` (issue 13, "take a
 * task"), and the activity endpoint's sentences; every answer is checked against the OpenAPI
 * document by api().
 */
const take = (id: string, token: string, headers: Record<string, string> = {}) => api(`/api/tasks/${id}/take`, { method: "POST", token, headers });
const release = (id: string, token: string, headers: Record<string, string> = {}) =>
  api(`/api/tasks/${id}/release`, { method: "POST", token, headers });
const activityCount = (id: string) => db.activity.count({ where: { subjectType: "task", subjectId: id } });

type Part = { type: string; text?: string; name?: string };
const read = (sentence: Part[]) => sentence.map((part) => (part.type === "text" ? part.text : part.name)).join("");

describe("POST /api/tasks/{id}/take", () => {
  it("assigns an unassigned task to the token's owner: 200, the task and its new ETag", async () => {
    const creator = await createUser({ name: "Task Creator" });
    const task = await createTaskRow(creator, { title: "Free to take" });
    const { user, token } = await personWithToken("MEMBER", ["write"], "Tom Taker");

    const response = await take(task.id, token);

    expect(response.status, response.text).toBe(200);
    expect(response.body).toMatchObject({ id: task.id, assignee: { id: user.id, name: "Tom Taker" }, version: 2 });
    expect(response.headers.get("etag")).toBe('"v2"');
    expect(await db.task.findUnique({ where: { id: task.id } })).toMatchObject({ assigneeId: user.id, version: 2 });
  });

  it("is refused with 409 for a task someone else holds, admins included, and changes nothing", async () => {
    const holder = await createUser({ name: "Hal Holder" });
    const task = await createTaskRow(holder, { assigneeId: holder.id });
    for (const role of ["MEMBER", "ADMIN"] as const) {
      const { token } = await personWithToken(role);
      const response = await take(task.id, token);
      expectProblem(response, 409);
      expect(response.body.detail).toContain("already assigned to Hal Holder");
    }
    expect(await db.task.findUnique({ where: { id: task.id } })).toMatchObject({ assigneeId: holder.id, version: 1 });
    expect(await activityCount(task.id)).toBe(0);
  });

  it("changes nothing for a task already the owner's: 200, same version, no activity", async () => {
    const { user, token } = await personWithToken("MEMBER");
    const task = await createTaskRow(user, { assigneeId: user.id });
    const response = await take(task.id, token);
    expect(response.status).toBe(200);
    expect(response.headers.get("etag")).toBe('"v1"');
    expect(await activityCount(task.id)).toBe(0);
  });

  it("honours If-Match: 412 for a stale version, nothing changed; the current one works", async () => {
    const creator = await createUser();
    const task = await createTaskRow(creator, { version: 3 });
    const { token } = await personWithToken("MEMBER");
    expectProblem(await take(task.id, token, { "If-Match": '"v2"' }), 412);
    expect(await db.task.findUnique({ where: { id: task.id } })).toMatchObject({ assigneeId: null, version: 3 });
    expect((await take(task.id, token, { "If-Match": '"v3"' })).status).toBe(200);
  });

  it("answers 404 for an unknown task and 403 to a read-only token", async () => {
    const { token } = await personWithToken("MEMBER");
    expectProblem(await take("no-such-task", token), 404);
    const reader = await personWithToken("MEMBER", ["read"]);
    const task = await createTaskRow(reader.user);
    expectProblem(await take(task.id, reader.token), 403);
    expect(await db.task.findUnique({ where: { id: task.id } })).toMatchObject({ assigneeId: null, version: 1 });
  });

  it("answers 405 with Allow to a GET", async () => {
    const { token } = await personWithToken("MEMBER");
    const task = await createTaskRow((await personWithToken("MEMBER")).user);
    const response = await api(`/api/tasks/${task.id}/take`, { token });
    expectProblem(response, 405);
    expect(response.headers.get("allow")).toContain("POST");
  });
});

describe("POST /api/tasks/{id}/release", () => {
  it("unassigns the token's owner: 200, the task and its new ETag", async () => {
    const { user, token } = await personWithToken("MEMBER");
    const task = await createTaskRow(await createUser(), { assigneeId: user.id });
    const response = await release(task.id, token, { "If-Match": '"v1"' });
    expect(response.status, response.text).toBe(200);
    expect(response.body).toMatchObject({ assignee: null, version: 2 });
    expect(response.headers.get("etag")).toBe('"v2"');
  });

  it("is refused with 403 for someone else's task, its creator and admins included, and changes nothing", async () => {
    const holder = await createUser();
    const creator = await personWithToken("MEMBER");
    const task = await createTaskRow(creator.user, { assigneeId: holder.id });
    for (const token of [creator.token, (await personWithToken("ADMIN")).token, (await personWithToken("MEMBER")).token]) {
      expectProblem(await release(task.id, token), 403);
    }
    expect(await db.task.findUnique({ where: { id: task.id } })).toMatchObject({ assigneeId: holder.id, version: 1 });
  });

  it("changes nothing for a task nobody holds", async () => {
    const { user, token } = await personWithToken("MEMBER");
    const task = await createTaskRow(user);
    const response = await release(task.id, token);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ assignee: null, version: 1 });
  });
});

describe("GET /api/tasks/{id}/activity: sentences", () => {
  it("says who took and gave back the task, with the people and the task as parts; old fields unchanged", async () => {
    const { user, token } = await personWithToken("MEMBER", ["write"], "Tina Taker");
    const created = await api("/api/tasks", { method: "POST", token, json: { title: "Sentence task" } });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    expect((await take(id, token)).status).toBe(200);
    expect((await release(id, token)).status).toBe(200);
    await api(`/api/tasks/${id}`, { method: "PATCH", token, json: { status: "DONE", dueDate: "2999-12-24" } });

    const response = await api(`/api/tasks/${id}/activity`, { token });

    expect(response.status).toBe(200);
    const entries = response.body.data as { action: string; details: Record<string, unknown>; subjectExists: boolean; sentence: Part[] }[];
    expect(entries.map((entry) => read(entry.sentence))).toEqual([
      "Tina Taker moved Sentence task from To do to Done and set the due date to 2999-12-24",
      "Tina Taker unassigned themselves from Sentence task",
      "Tina Taker assigned themselves to Sentence task",
      "Tina Taker created Sentence task",
    ]);
    expect(entries[2]).toMatchObject({
      action: "task.updated",
      subjectExists: true,
      details: { assigneeId: { from: null, to: user.id }, assignee: { from: null, to: { id: user.id, name: "Tina Taker" } } },
    });
    expect(entries[0]!.sentence[0]).toEqual({ type: "person", id: user.id, name: "Tina Taker" });
    expect(entries[0]!.sentence[2]).toEqual({ type: "task", id, name: "Sentence task", exists: true });

    await api(`/api/tasks/${id}`, { method: "DELETE", token });
    const after = await api(`/api/tasks/${id}/activity`, { token });
    expect(after.status).toBe(200);
    expect(after.body.data.every((entry: { subjectExists: boolean }) => entry.subjectExists === false)).toBe(true);
    expect(read(after.body.data[0].sentence)).toBe("Tina Taker deleted Sentence task");
  });
});
