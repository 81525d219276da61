import { describe, expect, it } from "vitest";
import { db } from "#services/db/client.ts";
import { createToken } from "#services/tokens.ts";
import { createUser } from "#tests/support/factories.ts";
import { HTTP_ADMIN } from "#tests/support/http-server.ts";
import { fieldErrorsIn, postForm, signInByForm } from "./form-door.ts";
import { api } from "./support.ts";

/**
 * The two doors for tasks (docs/design.md §1): the form at /tasks/new and POST /api/tasks call the
 * same createTask, so the same input leaves the same task and the same activity, and the same bad
 * input gets the same messages. Both act as the same person: the server's first admin.
 */
async function adminDoors() {
  const admin = await db.user.findUniqueOrThrow({ where: { email: HTTP_ADMIN.email } });
  const actor = { id: admin.id, role: admin.role, name: admin.name, email: admin.email };
  const { secret } = await createToken(actor, { name: "task parity", scopes: ["write"] });
  return { admin, token: secret, cookie: await signInByForm() };
}

/** Everything stored about a task but what must differ (its id and times), and its activity. */
async function stored(id: string) {
  const { id: _id, createdAt: _c, updatedAt: _u, completedAt, ...task } = await db.task.findUniqueOrThrow({ where: { id } });
  const activity = await db.activity.findMany({
    where: { subjectId: id },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { action: true, actorId: true, subjectType: true, subjectName: true, details: true },
  });
  return { task: { ...task, completed: completedAt !== null }, activity: activity.map((entry) => ({ ...entry, details: JSON.parse(entry.details) })) };
}

describe("the two doors for tasks", () => {
  it("create the same task and the same activity through the form and through the API", async () => {
    const { admin, token, cookie } = await adminDoors();
    const assignee = await createUser({ name: "Parity Assignee" });

    for (const status of ["IN_PROGRESS", "DONE"]) {
      const title = `Parity ${status} ${Date.now().toString(36)} Ünïcödé`;
      const fields = { title, description: "Same input,\nboth doors.", status, assigneeId: assignee.id, dueDate: "2999-06-30" };

      const form = await postForm("/tasks/new", cookie, fields);
      expect(form.status, `POST /tasks/new answered ${form.status}`).toBe(302);
      const viaForm = await db.task.findFirstOrThrow({ where: { title }, select: { id: true } });
      expect(form.headers.get("location")).toBe(`/tasks/${viaForm.id}`);

      const response = await api("/api/tasks", { method: "POST", token, json: fields });
      expect(response.status).toBe(201);

      const formResult = await stored(viaForm.id);
      const apiResult = await stored(response.body.id);
      expect(apiResult).toEqual(formResult);
      expect(formResult.task).toMatchObject({ creatorId: admin.id, assigneeId: assignee.id, status, version: 1, completed: status === "DONE" });
      expect(formResult.activity).toEqual([{ action: "task.created", actorId: admin.id, subjectType: "task", subjectName: title, details: {} }]);
    }
  });

  it("create the same task when the optional fields are left empty in the form and left out of the JSON", async () => {
    const { token, cookie } = await adminDoors();
    const title = `Parity minimal ${Date.now().toString(36)}`;
    const form = await postForm("/tasks/new", cookie, { title, description: "", status: "TODO", assigneeId: "", dueDate: "" });
    expect(form.status).toBe(302);
    const viaForm = await db.task.findFirstOrThrow({ where: { title }, select: { id: true } });
    const response = await api("/api/tasks", { method: "POST", token, json: { title } });
    expect(response.status).toBe(201);
    const formResult = await stored(viaForm.id);
    expect(await stored(response.body.id)).toEqual(formResult);
    expect(formResult.task).toMatchObject({ description: "", assigneeId: null, dueDate: null, status: "TODO" });
  });

  it("give the same validation messages for the same bad input, and write nothing", async () => {
    const { token, cookie } = await adminDoors();
    const before = await db.task.count();
    const bad = { title: "", description: "x".repeat(10_001), status: "BLOCKED", assigneeId: "nobody-has-this-id", dueDate: "31/12/2026" };

    const formResponse = await postForm("/tasks/new", cookie, bad);
    expect(formResponse.status).toBe(400);
    const formErrors = fieldErrorsIn(await formResponse.text());

    const apiResponse = await api("/api/tasks", { method: "POST", token, json: bad });
    expect(apiResponse.status).toBe(422);
    const apiErrors = Object.fromEntries(
      apiResponse.body.errors.map((error: { pointer: string; detail: string }) => [error.pointer.slice(1), error.detail]),
    );
    expect(Object.keys(formErrors).sort()).toEqual(["description", "dueDate", "status", "title"]);
    expect(apiErrors).toEqual(formErrors);
    expect(await db.task.count()).toBe(before);
  });
});
