import { describe, expect, it } from "vitest";
import { db } from "#services/db/client.ts";
import {
  commentAbilities,
  createComment,
  deleteComment,
  getComment,
  listTaskComments,
  updateComment,
  type PublicComment,
} from "#services/comments.ts";
import { ForbiddenError, InvalidCursorError, NotFoundError, PreconditionFailedError, ValidationError } from "#services/errors.ts";
import { encodeCursor } from "#services/pagination.ts";
import { createTask, deleteTask } from "#services/tasks.ts";
import { createAdmin, createUser, databaseSnapshot } from "#tests/support/factories.ts";
import { rejectionOf } from "#tests/support/rejection.ts";

async function people() {
  const author = await createUser({ name: "Ann Author" });
  const other = await createUser({ name: "Oli Other" });
  const admin = await createAdmin({ name: "Ada Admin" });
  const task = await createTask(other.actor, { title: "Plan the launch" });
  return { author, other, admin, task };
}

const ids = (comments: { id: string }[]) => comments.map((comment) => comment.id);

describe("createComment: anyone signed in comments on any task", () => {
  it("stores the Markdown and answers it with its safe rendering, its author and version 1", async () => {
    const { author, task } = await people();

    const comment = await createComment(author.actor, task.id, { body: "Looks *good*: see https://example.com" });

    expect(comment).toEqual({
      id: expect.any(String),
      taskId: task.id,
      author: { id: author.id, name: "Ann Author" },
      body: "Looks *good*: see https://example.com",
      html: '<p>Looks <em>good</em>: see <a href="https://example.com" rel="noopener nofollow ugc">https://example.com</a></p>\n',
      mentions: [],
      version: 1,
      createdAt: expect.any(Date),
      updatedAt: comment.createdAt,
      editedAt: null,
    });
    expect(await getComment(author.actor, comment.id)).toEqual(comment);
  });

  it("refuses an empty, blank, too long or ill-formed body, and writes nothing", async () => {
    const { author, task } = await people();
    const before = await databaseSnapshot();

    for (const body of [undefined, "", "  \n ", "x".repeat(10_001), "bad \ud800 half", 42]) {
      const error = await rejectionOf(createComment(author.actor, task.id, { body }));
      expect(error, String(body)).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).issues.map((issue) => issue.field)).toEqual(["body"]);
    }
    expect(await databaseSnapshot()).toEqual(before);
  });

  it("takes exactly 10,000 characters", async () => {
    const { author, task } = await people();
    const comment = await createComment(author.actor, task.id, { body: "y".repeat(10_000) });
    expect(comment.body).toHaveLength(10_000);
  });

  it("is NotFound for an unknown task", async () => {
    const { author } = await people();
    await expect(createComment(author.actor, "no-such-task", { body: "hi" })).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe("listTaskComments: newest first, a page at a time", () => {
  it("lists a task's comments only, newest first, following cursors to the end", async () => {
    const { author, other, task } = await people();
    const elsewhere = await createTask(other.actor, { title: "Another task" });
    await createComment(author.actor, elsewhere.id, { body: "not here" });
    const made: PublicComment[] = [];
    for (let i = 0; i < 5; i++) made.push(await createComment(i % 2 ? other.actor : author.actor, task.id, { body: `comment ${i}` }));

    const first = await listTaskComments(other.actor, task.id, { limit: 2 });
    const second = await listTaskComments(other.actor, task.id, { limit: 2, cursor: first.nextCursor! });
    const third = await listTaskComments(other.actor, task.id, { limit: 2, cursor: second.nextCursor! });

    expect([...ids(first.items), ...ids(second.items), ...ids(third.items)]).toEqual(ids(made).reverse());
    expect(third.nextCursor).toBeNull();
    expect(first.items[0]).toEqual(made[4]);
  });

  it("is an empty page for a task without comments, NotFound for an unknown task, 400 for a bad cursor", async () => {
    const { author, task } = await people();
    expect(await listTaskComments(author.actor, task.id)).toEqual({ items: [], nextCursor: null });
    await expect(listTaskComments(author.actor, "no-such-task")).rejects.toBeInstanceOf(NotFoundError);
    await expect(listTaskComments(author.actor, task.id, { cursor: "nonsense" })).rejects.toBeInstanceOf(InvalidCursorError);
    await expect(listTaskComments(author.actor, task.id, { cursor: encodeCursor(["not a date", "x"]) })).rejects.toBeInstanceOf(InvalidCursorError);
  });
});

describe("updateComment: its author edits", () => {
  it("changes the body, bumps the version and marks it edited", async () => {
    const { author, task } = await people();
    const comment = await createComment(author.actor, task.id, { body: "first" });

    const edited = await updateComment(author.actor, comment.id, { body: "second" }, { expectedVersion: 1 });

    expect(edited).toMatchObject({ body: "second", html: "<p>second</p>\n", version: 2, editedAt: expect.any(Date) });
    expect(edited.editedAt).toEqual(edited.updatedAt);
    expect(await getComment(author.actor, comment.id)).toEqual(edited);
  });

  it("saving the same body changes nothing", async () => {
    const { author, task } = await people();
    const comment = await createComment(author.actor, task.id, { body: "same" });
    expect(await updateComment(author.actor, comment.id, { body: "same" })).toEqual(comment);
  });

  it("refuses anyone else, admins included, before looking at the input", async () => {
    const { author, other, admin, task } = await people();
    const comment = await createComment(author.actor, task.id, { body: "mine" });
    const before = await databaseSnapshot();

    for (const actor of [other.actor, admin.actor]) {
      const error = await rejectionOf(updateComment(actor, comment.id, { body: "" }));
      expect(error).toEqual(new ForbiddenError("Only the comment's author can change it."));
    }
    expect(await databaseSnapshot()).toEqual(before);
  });

  it("refuses a stale version and an invalid body, and is NotFound for an unknown comment", async () => {
    const { author, task } = await people();
    const comment = await createComment(author.actor, task.id, { body: "v1" });
    await updateComment(author.actor, comment.id, { body: "v2" });

    await expect(updateComment(author.actor, comment.id, { body: "v3" }, { expectedVersion: 1 })).rejects.toBeInstanceOf(PreconditionFailedError);
    await expect(updateComment(author.actor, comment.id, { body: " " })).rejects.toBeInstanceOf(ValidationError);
    await expect(updateComment(author.actor, "nope", { body: "x" })).rejects.toBeInstanceOf(NotFoundError);
    expect((await getComment(author.actor, comment.id)).body).toBe("v2");
  });
});

describe("deleteComment: its author or an admin", () => {
  it("lets the author and an admin delete, and nobody else", async () => {
    const { author, other, admin, task } = await people();
    const one = await createComment(author.actor, task.id, { body: "one" });
    const two = await createComment(author.actor, task.id, { body: "two" });

    await expect(deleteComment(other.actor, one.id)).rejects.toEqual(new ForbiddenError("Only the comment's author or an admin can delete it."));
    expect(await deleteComment(author.actor, one.id, { expectedVersion: 1 })).toEqual(one);
    expect(await deleteComment(admin.actor, two.id)).toEqual(two);
    expect(await db.comment.count()).toBe(0);
    await expect(getComment(author.actor, one.id)).rejects.toBeInstanceOf(NotFoundError);
  });

  it("refuses a stale version", async () => {
    const { author, task } = await people();
    const comment = await createComment(author.actor, task.id, { body: "one" });
    await updateComment(author.actor, comment.id, { body: "two" });
    await expect(deleteComment(author.actor, comment.id, { expectedVersion: 1 })).rejects.toBeInstanceOf(PreconditionFailedError);
    expect(await db.comment.count()).toBe(1);
  });

  it("goes with its task", async () => {
    const { author, other, task } = await people();
    await createComment(author.actor, task.id, { body: "one" });
    const kept = await createTask(other.actor, { title: "Kept" });
    await createComment(author.actor, kept.id, { body: "stays" });

    await deleteTask(other.actor, task.id);

    expect(await db.comment.findMany({ select: { body: true } })).toEqual([{ body: "stays" }]);
  });
});

describe("commentAbilities", () => {
  it("says what the page may offer", async () => {
    const { author, other, admin, task } = await people();
    const comment = await createComment(author.actor, task.id, { body: "one" });
    expect(commentAbilities(author.actor, comment)).toEqual({ canEdit: true, canDelete: true });
    expect(commentAbilities(admin.actor, comment)).toEqual({ canEdit: false, canDelete: true });
    expect(commentAbilities(other.actor, comment)).toEqual({ canEdit: false, canDelete: false });
  });
});
