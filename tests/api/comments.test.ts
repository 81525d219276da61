import { describe, expect, it } from "vitest";
import { db } from "#services/db/client.ts";
import { createTaskRow } from "#tests/support/factories.ts";
import { api, expectProblem, personWithToken } from "./support.ts";

/**
 * Comments over real HTTP against `npm start`; every answer is checked against the OpenAPI
 * document by api(). Each test makes its own task, so other tests' data does not matter.
 */
const idempotencyKey = () => `key-${Date.now()}-${Math.random().toString(36).slice(2)}`;

async function taskWithPeople() {
  const author = await personWithToken("MEMBER", ["write"], "Ann Author");
  const other = await personWithToken("MEMBER", ["write"], "Oli Other");
  const admin = await personWithToken("ADMIN", ["write"], "Ada Admin");
  const task = await createTaskRow(other.user, { title: "Discuss the plan" });
  return { author, other, admin, task };
}

async function comment(token: string, taskId: string, body: string) {
  const response = await api(`/api/tasks/${taskId}/comments`, { method: "POST", token, json: { body } });
  expect(response.status, response.text).toBe(201);
  return response.body as { id: string; version: number; body: string; html: string };
}

describe("POST /api/tasks/{id}/comments", () => {
  it("comments: 201 with Location, ETag and the comment, its Markdown rendered safely", async () => {
    const { author, task } = await taskWithPeople();
    const response = await api(`/api/tasks/${task.id}/comments`, {
      method: "POST",
      token: author.token,
      json: { body: "Looks *fine* <script>alert(1)</script> [x](javascript:alert(1))", id: "ignored" },
    });

    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      taskId: task.id,
      author: { id: author.user.id, name: "Ann Author" },
      body: "Looks *fine* <script>alert(1)</script> [x](javascript:alert(1))",
      html: "<p>Looks <em>fine</em> &lt;script&gt;alert(1)&lt;/script&gt; [x](javascript:alert(1))</p>\n",
      version: 1,
      editedAt: null,
    });
    expect(response.body.id).not.toBe("ignored");
    expect(response.headers.get("location")).toBe(`/api/comments/${response.body.id}`);
    expect(response.headers.get("etag")).toBe('"v1"');
    expect((await api(response.headers.get("location")!, { token: author.token })).body).toEqual(response.body);
  });

  it("refuses an empty or too long body (422), an unknown task (404), a read-only token (403)", async () => {
    const { author, task } = await taskWithPeople();
    expectProblem(await api(`/api/tasks/${task.id}/comments`, { method: "POST", token: author.token, json: { body: "  " } }), 422);
    expectProblem(await api(`/api/tasks/${task.id}/comments`, { method: "POST", token: author.token, json: { body: "x".repeat(10_001) } }), 422);
    expectProblem(await api(`/api/tasks/${task.id}/comments`, { method: "POST", token: author.token, json: {} }), 422);
    expectProblem(await api("/api/tasks/no-such-task/comments", { method: "POST", token: author.token, json: { body: "hi" } }), 404);
    const reader = await personWithToken("MEMBER", ["read"]);
    expectProblem(await api(`/api/tasks/${task.id}/comments`, { method: "POST", token: reader.token, json: { body: "hi" } }), 403);
    expect(await db.comment.count({ where: { taskId: task.id } })).toBe(0);
  });

  it("replays a retried POST with the same Idempotency-Key instead of commenting twice", async () => {
    const { author, task } = await taskWithPeople();
    const key = idempotencyKey();
    const send = (body: string) =>
      api(`/api/tasks/${task.id}/comments`, { method: "POST", token: author.token, json: { body }, headers: { "Idempotency-Key": key } });

    const first = await send("once");
    const again = await send("once");
    expect([first.status, again.status]).toEqual([201, 201]);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(again.body).toEqual(first.body);
    expect(again.headers.get("location")).toBe(first.headers.get("location"));
    expect(again.headers.get("etag")).toBe(first.headers.get("etag"));
    expectProblem(await send("another body"), 422);
    expect(await db.comment.count({ where: { taskId: task.id } })).toBe(1);
  });
});

describe("GET /api/tasks/{id}/comments", () => {
  it("lists the task's comments newest first, a page at a time, with Link and cursors", async () => {
    const { author, other, task } = await taskWithPeople();
    const made = [];
    for (let i = 0; i < 3; i++) made.push(await comment(i === 1 ? other.token : author.token, task.id, `comment ${i}`));

    const first = await api(`/api/tasks/${task.id}/comments?limit=2`, { token: author.token });
    expect(first.status).toBe(200);
    expect(first.body.data.map((c: { id: string }) => c.id)).toEqual([made[2]!.id, made[1]!.id]);
    expect(first.headers.get("link")).toBe(`</api/tasks/${task.id}/comments?limit=2&cursor=${first.body.nextCursor}>; rel="next"`);
    const second = await api(`/api/tasks/${task.id}/comments?limit=2&cursor=${first.body.nextCursor}`, { token: author.token });
    expect(second.body).toEqual({ data: [expect.objectContaining({ id: made[0]!.id, body: "comment 0" })], nextCursor: null });
  });

  it("is an empty list for a task without comments, 404 for an unknown task, 400 for a bad cursor or limit", async () => {
    const { author, task } = await taskWithPeople();
    expect((await api(`/api/tasks/${task.id}/comments`, { token: author.token })).body).toEqual({ data: [], nextCursor: null });
    expectProblem(await api("/api/tasks/no-such-task/comments", { token: author.token }), 404);
    expectProblem(await api(`/api/tasks/${task.id}/comments?cursor=nonsense`, { token: author.token }), 400);
    expectProblem(await api(`/api/tasks/${task.id}/comments?limit=0`, { token: author.token }), 400);
  });
});

describe("/api/comments/{id}", () => {
  it("GET answers 304 to If-None-Match with its ETag, 404 for an unknown id", async () => {
    const { author, task } = await taskWithPeople();
    const made = await comment(author.token, task.id, "hello");
    const notModified = await api(`/api/comments/${made.id}`, { token: author.token, headers: { "If-None-Match": '"v1"' } });
    expect(notModified.status).toBe(304);
    expectProblem(await api("/api/comments/nope", { token: author.token }), 404);
  });

  it("PATCH: its author edits with If-Match (new ETag, marked edited); a stale one is 412; someone else, even an admin, 403", async () => {
    const { author, other, admin, task } = await taskWithPeople();
    const made = await comment(author.token, task.id, "first");

    const edited = await api(`/api/comments/${made.id}`, { method: "PATCH", token: author.token, json: { body: "**second**" }, headers: { "If-Match": '"v1"' } });
    expect(edited.status).toBe(200);
    expect(edited.headers.get("etag")).toBe('"v2"');
    expect(edited.body).toMatchObject({ body: "**second**", html: "<p><strong>second</strong></p>\n", version: 2, editedAt: expect.any(String) });

    expectProblem(await api(`/api/comments/${made.id}`, { method: "PATCH", token: author.token, json: { body: "third" }, headers: { "If-Match": '"v1"' } }), 412);
    expectProblem(await api(`/api/comments/${made.id}`, { method: "PATCH", token: other.token, json: { body: "theirs" } }), 403);
    expectProblem(await api(`/api/comments/${made.id}`, { method: "PATCH", token: admin.token, json: { body: "admin's" } }), 403);
    expectProblem(await api(`/api/comments/${made.id}`, { method: "PATCH", token: author.token, json: { body: "" } }), 422);
    expectProblem(await api("/api/comments/nope", { method: "PATCH", token: author.token, json: { body: "x" } }), 404);
    expect((await db.comment.findUniqueOrThrow({ where: { id: made.id } })).body).toBe("**second**");
  });

  it("DELETE: someone else is 403, a stale If-Match 412, its author 204; an admin deletes anyone's", async () => {
    const { author, other, admin, task } = await taskWithPeople();
    const one = await comment(author.token, task.id, "one");
    const two = await comment(author.token, task.id, "two");

    expectProblem(await api(`/api/comments/${one.id}`, { method: "DELETE", token: other.token }), 403);
    expectProblem(await api(`/api/comments/${one.id}`, { method: "DELETE", token: author.token, headers: { "If-Match": '"v7"' } }), 412);
    expect((await api(`/api/comments/${one.id}`, { method: "DELETE", token: author.token, headers: { "If-Match": '"v1"' } })).status).toBe(204);
    expect((await api(`/api/comments/${two.id}`, { method: "DELETE", token: admin.token })).status).toBe(204);
    expectProblem(await api(`/api/comments/${one.id}`, { token: author.token }), 404);
    expect(await db.comment.count({ where: { taskId: task.id } })).toBe(0);
  });

  it("goes with its task", async () => {
    const { author, other, task } = await taskWithPeople();
    const made = await comment(author.token, task.id, "on a task about to go");
    expect((await api(`/api/tasks/${task.id}`, { method: "DELETE", token: other.token })).status).toBe(204);
    expectProblem(await api(`/api/comments/${made.id}`, { token: author.token }), 404);
  });
});
