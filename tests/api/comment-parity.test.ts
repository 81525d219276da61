import { describe, expect, it } from "vitest";
import { db } from "#services/db/client.ts";
import { createToken } from "#services/tokens.ts";
import { createTaskRow } from "#tests/support/factories.ts";
import { HTTP_ADMIN } from "#tests/support/http-server.ts";
import { fieldErrorsIn, postForm, signInByForm } from "./form-door.ts";
import { api } from "./support.ts";

/**
 * The two doors for comments: the task page's intents (comment, edit-comment, delete-comment) and
 * /api/tasks/{id}/comments, /api/comments/{id} call the same service functions, so the same input
 * leaves the same comment and the same bad input gets the same messages. Both act as the same
 * person: the server's first admin.
 */
async function adminDoors() {
  const admin = await db.user.findUniqueOrThrow({ where: { email: HTTP_ADMIN.email } });
  const actor = { id: admin.id, role: admin.role, name: admin.name, email: admin.email };
  const { secret } = await createToken(actor, { name: "comment parity", scopes: ["write"] });
  const task = await createTaskRow(admin, { title: "Comment parity" });
  return { admin, token: secret, cookie: await signInByForm(), task };
}

async function stored(id: string) {
  const { id: _id, createdAt: _c, updatedAt: _u, editedAt, ...comment } = await db.comment.findUniqueOrThrow({ where: { id } });
  return { ...comment, edited: editedAt !== null };
}

describe("the two doors for comments", () => {
  it("create, edit and delete the same way through the form and through the API", async () => {
    const { admin, token, cookie, task } = await adminDoors();
    const body = "Same *Markdown*,\nboth doors: <b>raw</b> Ünïcödé";

    const form = await postForm(`/tasks/${task.id}`, cookie, { intent: "comment", body });
    expect(form.status).toBe(302);
    const viaForm = await db.comment.findFirstOrThrow({ where: { taskId: task.id }, orderBy: { createdAt: "desc" } });
    expect(form.headers.get("location")).toBe(`/tasks/${task.id}#comment-${viaForm.id}`);
    const viaApi = await api(`/api/tasks/${task.id}/comments`, { method: "POST", token, json: { body } });
    expect(viaApi.status).toBe(201);
    expect(await stored(viaApi.body.id)).toEqual(await stored(viaForm.id));
    expect(await stored(viaForm.id)).toMatchObject({ taskId: task.id, authorId: admin.id, body, version: 1, edited: false });

    const edited = "Edited **both** ways";
    expect((await postForm(`/tasks/${task.id}`, cookie, { intent: "edit-comment", commentId: viaForm.id, version: "1", body: edited })).status).toBe(302);
    expect((await api(`/api/comments/${viaApi.body.id}`, { method: "PATCH", token, json: { body: edited }, headers: { "If-Match": '"v1"' } })).status).toBe(200);
    expect(await stored(viaApi.body.id)).toEqual(await stored(viaForm.id));
    expect(await stored(viaForm.id)).toMatchObject({ body: edited, version: 2, edited: true });

    // A stale version is refused by both: 409 with the form kept, 412 from the API.
    expect((await postForm(`/tasks/${task.id}`, cookie, { intent: "edit-comment", commentId: viaForm.id, version: "1", body: "late" })).status).toBe(409);
    expect((await api(`/api/comments/${viaApi.body.id}`, { method: "PATCH", token, json: { body: "late" }, headers: { "If-Match": '"v1"' } })).status).toBe(412);

    expect((await postForm(`/tasks/${task.id}`, cookie, { intent: "delete-comment", commentId: viaForm.id, version: "2" })).status).toBe(302);
    expect((await api(`/api/comments/${viaApi.body.id}`, { method: "DELETE", token, headers: { "If-Match": '"v2"' } })).status).toBe(204);
    expect(await db.comment.count({ where: { taskId: task.id } })).toBe(0);
  });

  it("give the same validation messages for the same bad input", async () => {
    const { token, cookie, task } = await adminDoors();
    for (const body of ["", "   ", "x".repeat(10_001)]) {
      const formResponse = await postForm(`/tasks/${task.id}`, cookie, { intent: "comment", body });
      expect(formResponse.status).toBe(400);
      const formErrors = fieldErrorsIn(await formResponse.text());

      const apiResponse = await api(`/api/tasks/${task.id}/comments`, { method: "POST", token, json: { body } });
      expect(apiResponse.status).toBe(422);
      const apiErrors = Object.fromEntries(apiResponse.body.errors.map((error: { pointer: string; detail: string }) => [error.pointer.slice(1), error.detail]));
      expect(Object.keys(formErrors)).toEqual(["body"]);
      expect(apiErrors).toEqual(formErrors);
    }
  });
});
