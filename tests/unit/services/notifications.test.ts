import { describe, expect, it } from "vitest";
import { createComment, updateComment } from "#services/comments.ts";
import { db } from "#services/db/client.ts";
import { NotFoundError, PreconditionFailedError, ValidationError } from "#services/errors.ts";
import {
  countUnread,
  listNotifications,
  markNotificationsRead,
  openNotification,
  UNREAD_COUNT_CAP,
} from "#services/notifications.ts";
import { changeTaskStatus, createTask, deleteTask, releaseTask, takeTask, updateTask } from "#services/tasks.ts";
import { createAdmin, createUser } from "#tests/support/factories.ts";
import { rejectionOf } from "#tests/support/rejection.ts";

async function team() {
  const creator = await createUser({ name: "Cora Creator" });
  const assignee = await createUser({ name: "Asa Assignee" });
  const other = await createUser({ name: "Oli Other" });
  return { creator, assignee, other };
}

/** Each of a person's notifications as [kind, actor name, task title], newest first. */
async function inbox(person: { actor: Parameters<typeof listNotifications>[0] }) {
  const page = await listNotifications(person.actor, {}, { limit: 100 });
  return page.items.map((note) => [note.kind, note.actor?.name, note.task.title]);
}

describe("who is told what", () => {
  it("tells a person a task was assigned to them, on create and on edit, but not of their own doing", async () => {
    const { creator, assignee, other } = await team();
    await createTask(creator.actor, { title: "Given at once", assigneeId: assignee.id });
    const later = await createTask(creator.actor, { title: "Given later" });
    await updateTask(creator.actor, later.id, { assigneeId: other.id });
    await createTask(assignee.actor, { title: "Mine", assigneeId: assignee.id });

    expect(await inbox(assignee)).toEqual([["assigned", "Cora Creator", "Given at once"]]);
    expect(await inbox(other)).toEqual([["assigned", "Cora Creator", "Given later"]]);
    expect(await inbox(creator)).toEqual([]);
  });

  it("tells the creator and the assignee when someone else changes the status, with from and to", async () => {
    const { creator, assignee, other } = await team();
    const admin = await createAdmin({ name: "Ada Admin" });
    const task = await createTask(creator.actor, { title: "Move me", assigneeId: assignee.id });
    await changeTaskStatus(admin.actor, task.id, { status: "IN_PROGRESS" });
    await changeTaskStatus(assignee.actor, task.id, { status: "DONE" });

    const forCreator = (await listNotifications(creator.actor)).items;
    expect(forCreator.map((note) => [note.kind, note.actor?.name, note.details])).toEqual([
      ["status_changed", "Asa Assignee", { from: "IN_PROGRESS", to: "DONE" }],
      ["status_changed", "Ada Admin", { from: "TODO", to: "IN_PROGRESS" }],
    ]);
    // The assignee is told of the admin's change, not of their own.
    expect(await inbox(assignee)).toEqual([
      ["status_changed", "Ada Admin", "Move me"],
      ["assigned", "Cora Creator", "Move me"],
    ]);
    expect(await inbox(other)).toEqual([]);
  });

  it("tells a person once per change, for the most specific reason", async () => {
    const { creator, assignee } = await team();
    const task = await createTask(creator.actor, { title: "Both at once" });
    // Assigned and its status changed in one edit: one notification, "assigned".
    await updateTask(creator.actor, task.id, { assigneeId: assignee.id, status: "IN_PROGRESS" });
    expect(await inbox(assignee)).toEqual([["assigned", "Cora Creator", "Both at once"]]);
  });

  it("tells the creator and assignee of a comment by someone else, and the people it mentions once, as mentioned", async () => {
    const { creator, assignee, other } = await team();
    const task = await createTask(creator.actor, { title: "Talk", assigneeId: assignee.id });
    const comment = await createComment(other.actor, task.id, { body: "@Asa Assignee look, and @Asa Assignee again" });

    expect(await inbox(creator)).toEqual([["commented", "Oli Other", "Talk"]]);
    const forAssignee = (await listNotifications(assignee.actor)).items;
    expect(forAssignee.map((note) => [note.kind, note.commentId])).toEqual([
      ["mentioned", comment.id],
      ["assigned", null],
    ]);
    // Commenting on one's own task tells nobody but the assignee.
    await createComment(creator.actor, task.id, { body: "noted" });
    expect(await inbox(creator)).toEqual([["commented", "Oli Other", "Talk"]]);
    expect((await listNotifications(assignee.actor)).items[0]).toMatchObject({ kind: "commented", actor: { id: creator.id } });
  });

  it("tells only the newly mentioned when a comment or a description is edited", async () => {
    const { creator, assignee, other } = await team();
    const task = await createTask(creator.actor, { title: "Edits", description: "@Oli Other first" });
    expect(await inbox(other)).toEqual([["mentioned", "Cora Creator", "Edits"]]);
    await updateTask(creator.actor, task.id, { description: "@Oli Other first, @Asa Assignee now" });
    expect(await inbox(other)).toHaveLength(1);
    expect(await inbox(assignee)).toEqual([["mentioned", "Cora Creator", "Edits"]]);

    const comment = await createComment(creator.actor, task.id, { body: "plain" });
    await updateComment(creator.actor, comment.id, { body: "plain, @Oli Other" });
    expect((await listNotifications(other.actor)).items[0]).toMatchObject({ kind: "mentioned", commentId: comment.id });
    expect(await inbox(other)).toHaveLength(2);
  });

  it("tells nobody when a person takes or releases a task (their own doing; the creator is told of status changes and comments only)", async () => {
    const { creator, other } = await team();
    const task = await createTask(creator.actor, { title: "Take me" });
    await takeTask(other.actor, task.id);
    await releaseTask(other.actor, task.id);
    expect(await inbox(creator)).toEqual([]);
    expect(await inbox(other)).toEqual([]);
  });

  it("writes nothing when the change is refused, and deletes a task's notifications with it", async () => {
    const { creator, assignee } = await team();
    const task = await createTask(creator.actor, { title: "Stale" });
    const error = await rejectionOf(updateTask(creator.actor, task.id, { assigneeId: assignee.id }, { expectedVersion: 7 }));
    expect(error).toBeInstanceOf(PreconditionFailedError);
    expect(await db.notification.count()).toBe(0);

    await updateTask(creator.actor, task.id, { assigneeId: assignee.id });
    expect(await db.notification.count()).toBe(1);
    await deleteTask(creator.actor, task.id);
    expect(await db.notification.count()).toBe(0);
  });
});

describe("reading and marking read", () => {
  async function threeFor() {
    const { creator, assignee } = await team();
    const tasks = [];
    for (const title of ["One", "Two", "Three"]) tasks.push(await createTask(creator.actor, { title, assigneeId: assignee.id }));
    return { creator, assignee, tasks };
  }

  it("lists a person's own, newest first, a page at a time, and only the unread ones with unread=true", async () => {
    const { assignee, creator } = await threeFor();
    const first = await listNotifications(assignee.actor, {}, { limit: 2 });
    expect(first.items.map((note) => note.task.title)).toEqual(["Three", "Two"]);
    const second = await listNotifications(assignee.actor, {}, { limit: 2, cursor: first.nextCursor! });
    expect(second).toMatchObject({ items: [{ task: { title: "One" }, read: false, readAt: null }], nextCursor: null });
    expect((await listNotifications(creator.actor)).items).toEqual([]);

    await markNotificationsRead(assignee.actor, { ids: [first.items[0]!.id] });
    expect((await listNotifications(assignee.actor, { unread: "true" })).items.map((note) => note.task.title)).toEqual(["Two", "One"]);
    expect((await listNotifications(assignee.actor, { unread: "false" })).items.map((note) => note.task.title)).toEqual(["Three"]);
    expect(await rejectionOf(listNotifications(assignee.actor, { unread: "yes" }))).toBeInstanceOf(ValidationError);
  });

  it("marks the named ones or all, never another person's, and keeps the first read time", async () => {
    const { assignee, creator } = await threeFor();
    const [three] = (await listNotifications(assignee.actor)).items;
    expect(await countUnread(assignee.actor)).toBe(3);

    expect(await markNotificationsRead(creator.actor, { ids: [three!.id] })).toEqual({ marked: 0, unread: 0 });
    expect(await markNotificationsRead(assignee.actor, { ids: [three!.id, "unknown"] })).toEqual({ marked: 1, unread: 2 });
    const readAt = (await db.notification.findUniqueOrThrow({ where: { id: three!.id } })).readAt;
    expect(await markNotificationsRead(assignee.actor, { ids: [three!.id] })).toEqual({ marked: 0, unread: 2 });
    expect((await db.notification.findUniqueOrThrow({ where: { id: three!.id } })).readAt).toEqual(readAt);

    expect(await markNotificationsRead(assignee.actor, { all: true })).toEqual({ marked: 2, unread: 0 });
    expect((await listNotifications(assignee.actor)).items.every((note) => note.read)).toBe(true);
  });

  it("refuses a request that names neither ids nor all, or both", async () => {
    const { assignee } = await team();
    for (const input of [{}, { ids: [] }, { ids: ["a"], all: true }, { all: false }, { ids: "a" }]) {
      expect(await rejectionOf(markNotificationsRead(assignee.actor, input))).toBeInstanceOf(ValidationError);
    }
  });

  it("opens one: marks it read and says where it points; another person's is not found", async () => {
    const { creator, assignee, other } = await team();
    const task = await createTask(creator.actor, { title: "Open me", assigneeId: assignee.id });
    const comment = await createComment(other.actor, task.id, { body: "hello" });
    const [commented, assigned] = (await listNotifications(assignee.actor)).items;

    expect(await openNotification(assignee.actor, commented!.id)).toEqual({ taskId: task.id, commentId: comment.id });
    expect(await openNotification(assignee.actor, assigned!.id)).toEqual({ taskId: task.id, commentId: null });
    expect(await countUnread(assignee.actor)).toBe(0);
    expect(await rejectionOf(openNotification(other.actor, assigned!.id))).toBeInstanceOf(NotFoundError);
  });

  it("counts unread up to the cap", async () => {
    const { creator, assignee } = await team();
    const task = await createTask(creator.actor, { title: "Busy" });
    await db.notification.createMany({
      data: Array.from({ length: UNREAD_COUNT_CAP + 5 }, (_, i) => ({
        id: `n-${i}`,
        recipientId: assignee.id,
        actorId: creator.id,
        kind: "commented",
        taskId: task.id,
      })),
    });
    expect(await countUnread(assignee.actor)).toBe(UNREAD_COUNT_CAP);
  });
});
