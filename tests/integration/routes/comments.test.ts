import { describe, expect, it } from "vitest";
import { createComment } from "#services/comments.ts";
import { db } from "#services/db/client.ts";
import { createTask } from "#services/tasks.ts";
import * as taskPage from "#app/routes/tasks.$id.tsx";
import { createAdmin, createUser, databaseSnapshot } from "#tests/support/factories.ts";
import { flashOf, getRequest, postForm, run, signIn } from "#tests/support/http.ts";

type PageData = {
  descriptionHtml: string;
  comments: { id: string; body: string; html: string; canEdit: boolean; canDelete: boolean; editedAt: Date | null }[];
  editComment: string | null;
  confirmDeleteComment: string | null;
};
type State = { intent?: string; formError?: string; fieldErrors: Record<string, string>; values: Record<string, string> };

async function setting() {
  const author = await createUser({ name: "Ann Author" });
  const other = await createUser({ name: "Oli Other" });
  const admin = await createAdmin({ name: "Ada Admin" });
  const task = await createTask(other.actor, { title: "Plan", description: "Read **this** <script>x</script>" });
  return { author, other, admin, task };
}

describe("GET /tasks/:id: comments in the timeline", () => {
  it("shows the comments newest first with what the viewer may do, and the description rendered", async () => {
    const { author, other, admin, task } = await setting();
    const first = await createComment(author.actor, task.id, { body: "first *one*" });
    const second = await createComment(other.actor, task.id, { body: "second" });

    const page = async (cookie: string, query = "") =>
      (await run(taskPage.loader, getRequest(`/tasks/${task.id}${query}`, { cookie }), { id: task.id })).data as PageData;

    const mine = await page(await signIn(author), `?edit=${first.id}`);
    expect(mine.comments.map((comment) => comment.id)).toEqual([second.id, first.id]);
    expect(mine.comments[1]).toMatchObject({ html: "<p>first <em>one</em></p>\n", canEdit: true, canDelete: true });
    expect(mine.comments[0]).toMatchObject({ canEdit: false, canDelete: false });
    expect(mine.editComment).toBe(first.id);
    expect(mine.descriptionHtml).toBe("<p>Read <strong>this</strong> &lt;script&gt;x&lt;/script&gt;</p>\n");

    const admins = await page(await signIn(admin), `?delete-comment=${second.id}`);
    expect(admins.comments.map(({ canEdit, canDelete }) => ({ canEdit, canDelete }))).toEqual([
      { canEdit: false, canDelete: true },
      { canEdit: false, canDelete: true },
    ]);
    expect(admins.confirmDeleteComment).toBe(second.id);
  });
});

describe("POST /tasks/:id: the comment intents", () => {
  it("comment: adds a comment and redirects to it with a flash", async () => {
    const { author, task } = await setting();
    const result = await run(taskPage.action, postForm(`/tasks/${task.id}`, { intent: "comment", body: "Hello *team*" }, { cookie: await signIn(author) }), {
      id: task.id,
    });
    const stored = await db.comment.findFirstOrThrow();
    expect(result.status).toBe(302);
    expect(result.headers.get("Location")).toBe(`/tasks/${task.id}#comment-${stored.id}`);
    expect(await flashOf(result.headers)).toBe("Your comment was added.");
    expect(stored).toMatchObject({ taskId: task.id, authorId: author.id, body: "Hello *team*", version: 1 });
  });

  it("comment: an empty or too long one re-renders the form with the text kept (400), and saves nothing", async () => {
    const { author, task } = await setting();
    const cookie = await signIn(author);
    const before = await databaseSnapshot();
    for (const body of ["", "   ", "x".repeat(10_001)]) {
      const result = await run(taskPage.action, postForm(`/tasks/${task.id}`, { intent: "comment", body }, { cookie }), { id: task.id });
      expect(result.status).toBe(400);
      const state = result.data as State;
      expect(state.intent).toBe("comment");
      expect(state.fieldErrors.body).toMatch(body.length > 10 ? /at most 10,000/ : /Write a comment/);
      if (body) expect(state.values.body).toBe(body);
    }
    expect(await databaseSnapshot()).toEqual(before);
  });

  it("comment: 404 for a task that does not exist", async () => {
    const { author } = await setting();
    const result = await run(taskPage.action, postForm("/tasks/nope", { intent: "comment", body: "hi" }, { cookie: await signIn(author) }), { id: "nope" });
    expect(result.status).toBe(404);
  });

  it("edit-comment: its author saves a new body (marked edited); a stale version is 409 with the text kept", async () => {
    const { author, task } = await setting();
    const comment = await createComment(author.actor, task.id, { body: "v1" });
    const cookie = await signIn(author);
    const save = (version: string, body: string) =>
      run(taskPage.action, postForm(`/tasks/${task.id}?edit=${comment.id}`, { intent: "edit-comment", commentId: comment.id, version, body }, { cookie }), {
        id: task.id,
      });

    const saved = await save("1", "v2");
    expect(saved.headers.get("Location")).toBe(`/tasks/${task.id}#comment-${comment.id}`);
    expect(await flashOf(saved.headers)).toBe("Your comment was saved.");
    expect(await db.comment.findUniqueOrThrow({ where: { id: comment.id } })).toMatchObject({ body: "v2", version: 2, editedAt: expect.any(Date) });

    const stale = await save("1", "v3 typed on an old page");
    expect(stale.status).toBe(409);
    expect(stale.data as State).toMatchObject({ intent: "edit-comment", values: { body: "v3 typed on an old page", commentId: comment.id } });
    expect((await db.comment.findUniqueOrThrow({ where: { id: comment.id } })).body).toBe("v2");
  });

  it("edit-comment and delete-comment: someone else is refused (403) and nothing changes", async () => {
    const { author, other, task } = await setting();
    const comment = await createComment(author.actor, task.id, { body: "mine" });
    const cookie = await signIn(other);
    const before = await databaseSnapshot();
    const edit = await run(taskPage.action, postForm(`/tasks/${task.id}`, { intent: "edit-comment", commentId: comment.id, version: "1", body: "theirs" }, { cookie }), {
      id: task.id,
    });
    const remove = await run(taskPage.action, postForm(`/tasks/${task.id}`, { intent: "delete-comment", commentId: comment.id, version: "1" }, { cookie }), {
      id: task.id,
    });
    expect([edit.status, remove.status]).toEqual([403, 403]);
    expect(await databaseSnapshot()).toEqual(before);
  });

  it("edit-comment and delete-comment: a comment of another task is not on this page (404) and nothing changes", async () => {
    const { author, other, task } = await setting();
    const elsewhere = await createTask(other.actor, { title: "Another task" });
    const comment = await createComment(author.actor, elsewhere.id, { body: "on the other task" });
    const cookie = await signIn(author);
    const before = await databaseSnapshot();
    const edit = await run(taskPage.action, postForm(`/tasks/${task.id}`, { intent: "edit-comment", commentId: comment.id, version: "1", body: "moved?" }, { cookie }), {
      id: task.id,
    });
    const remove = await run(taskPage.action, postForm(`/tasks/${task.id}`, { intent: "delete-comment", commentId: comment.id, version: "1" }, { cookie }), {
      id: task.id,
    });
    expect([edit.status, remove.status]).toEqual([404, 404]);
    expect(await databaseSnapshot()).toEqual(before);
  });

  it("delete-comment: the author, or an admin, deletes after the confirmation; redirects back with a flash", async () => {
    const { author, admin, task } = await setting();
    const one = await createComment(author.actor, task.id, { body: "one" });
    const two = await createComment(author.actor, task.id, { body: "two" });

    const byAuthor = await run(taskPage.action, postForm(`/tasks/${task.id}`, { intent: "delete-comment", commentId: one.id, version: "1" }, { cookie: await signIn(author) }), {
      id: task.id,
    });
    expect(byAuthor.headers.get("Location")).toBe(`/tasks/${task.id}`);
    expect(await flashOf(byAuthor.headers)).toBe("The comment was deleted.");
    const byAdmin = await run(taskPage.action, postForm(`/tasks/${task.id}`, { intent: "delete-comment", commentId: two.id, version: "1" }, { cookie: await signIn(admin) }), {
      id: task.id,
    });
    expect(byAdmin.status).toBe(302);
    expect(await db.comment.count()).toBe(0);
  });
});
