import { describe, expect, it } from "vitest";
import type { Actor } from "#services/actor.ts";
import { db } from "#services/db/client.ts";
import {
  ForbiddenError,
  InvalidCursorError,
  NotFoundError,
  PreconditionFailedError,
  ValidationError,
} from "#services/errors.ts";
import { encodeCursor } from "#services/pagination.ts";
import {
  changeTaskStatus,
  createTask,
  deleteTask,
  getTask,
  isOverdue,
  listAssignablePeople,
  listTaskActivity,
  listTasks,
  searchable,
  updateTask,
  type PublicTask,
} from "#services/tasks.ts";
import { listUsersPage } from "#services/users.ts";
import {
  activityAbout,
  createAdmin,
  createTaskRow,
  createUser as createUserRow,
  databaseSnapshot,
} from "#tests/support/factories.ts";
import { rejectionOf } from "#tests/support/rejection.ts";

// ---- Helpers ----

/** Everything a refused call must leave alone. */
const snapshot = databaseSnapshot;

/** A creator, an assignee, a bystanding member and an admin, with one task the first made for the second. */
async function team() {
  const creator = await createUserRow({ name: "Cora Creator" });
  const assignee = await createUserRow({ name: "Asa Assignee" });
  const bystander = await createUserRow({ name: "Bea Bystander" });
  const admin = await createAdmin({ name: "Ada Admin" });
  const task = await createTask(creator.actor, { title: "Write the plan", assigneeId: assignee.id });
  return { creator, assignee, bystander, admin, task };
}

/** The field names a ValidationError names. */
async function invalidFields(promise: Promise<unknown>) {
  const error = await rejectionOf(promise);
  expect(error).toBeInstanceOf(ValidationError);
  return (error as ValidationError).issues.map((issue) => issue.field);
}

/** Every page of a list, following cursors to the end. */
async function walk(actor: Actor, filters: Record<string, unknown> = {}, limit = 7, now?: Date) {
  const pages: PublicTask[][] = [];
  let cursor: string | undefined;
  do {
    const page = await listTasks(actor, filters, { limit, cursor, now });
    pages.push(page.items);
    cursor = page.nextCursor ?? undefined;
    if (pages.length > 1000) throw new Error("the walk does not end");
  } while (cursor);
  return pages;
}

const titles = (tasks: { title: string }[]) => tasks.map((task) => task.title);
const ids = (tasks: { id: string }[]) => tasks.map((task) => task.id);

/** Newest first, as the list promises: creation time, then id, both descending. */
function newestFirst<T extends { createdAt: Date; id: string }>(rows: T[]) {
  return [...rows].sort(
    (a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0),
  );
}

// ---- Reads ----

describe("listTasks and getTask: every member sees every task", () => {
  it("lets a member who neither made nor holds a task list it, newest first, in its public shape", async () => {
    const { creator, assignee, bystander, task } = await team();
    const later = await createTask(assignee.actor, { title: "Second task" });

    const page = await listTasks(bystander.actor);

    expect(titles(page.items)).toEqual(["Second task", "Write the plan"]);
    expect(page.nextCursor).toBeNull();
    expect(page.items[1]).toEqual({
      id: task.id,
      title: "Write the plan",
      description: "",
      status: "TODO",
      assignee: { id: assignee.id, name: "Asa Assignee" },
      creator: { id: creator.id, name: "Cora Creator" },
      mentions: [],
      dueDate: null,
      overdue: false,
      version: 1,
      completedAt: null,
      createdAt: expect.any(Date),
      updatedAt: expect.any(Date),
    });
    expect(page.items[0]).toMatchObject({ id: later.id, assignee: null, creator: { id: assignee.id } });
    for (const item of page.items) {
      expect(item).not.toHaveProperty("searchText");
      expect(item).not.toHaveProperty("creatorId");
      expect(item).not.toHaveProperty("assigneeId");
    }
  });

  it("lets an admin list every task", async () => {
    const { admin, task } = await team();

    expect(ids((await listTasks(admin.actor)).items)).toEqual([task.id]);
  });

  it("returns an empty first page when there are no tasks", async () => {
    const member = await createUserRow();

    expect(await listTasks(member.actor)).toEqual({ items: [], nextCursor: null, prevCursor: null, sort: "-created" });
  });

  it("lets a bystanding member and an admin read one task", async () => {
    const { bystander, admin, task } = await team();

    expect(await getTask(bystander.actor, task.id)).toEqual(task);
    expect(await getTask(admin.actor, task.id)).toEqual(task);
  });

  it("throws NotFoundError for a task id nobody has", async () => {
    const member = await createUserRow();

    await expect(getTask(member.actor, "no-such-task")).rejects.toBeInstanceOf(NotFoundError);
  });

  it("refuses malformed filters with a ValidationError naming each", async () => {
    const member = await createUserRow();

    expect(await invalidFields(listTasks(member.actor, { status: "done" }))).toEqual(["status"]);
    expect(await invalidFields(listTasks(member.actor, { overdue: "yes" }))).toEqual(["overdue"]);
    expect(await invalidFields(listTasks(member.actor, { q: "x".repeat(201) }))).toEqual(["q"]);
  });
});

// ---- createTask ----

describe("createTask", () => {
  it("lets a member create a task with the defaults, and records task.created by them", async () => {
    const member = await createUserRow({ name: "Mo Member" });
    const before = Date.now();

    const task = await createTask(member.actor, { title: "  Buy milk  " });

    expect(task).toEqual({
      id: expect.any(String),
      title: "Buy milk",
      description: "",
      status: "TODO",
      assignee: null,
      creator: { id: member.id, name: "Mo Member" },
      mentions: [],
      dueDate: null,
      overdue: false,
      version: 1,
      completedAt: null,
      createdAt: expect.any(Date),
      updatedAt: expect.any(Date),
    });
    expect(task.createdAt.getTime()).toBeGreaterThanOrEqual(before);
    expect(await getTask(member.actor, task.id)).toEqual(task);
    expect(await activityAbout(task.id)).toEqual([
      expect.objectContaining({
        action: "task.created",
        actorId: member.id,
        subjectType: "task",
        subjectId: task.id,
        subjectName: "Buy milk",
      }),
    ]);
    expect(await db.activity.count()).toBe(1);
  });

  it("lets an admin create a task with every field", async () => {
    const admin = await createAdmin();
    const member = await createUserRow({ name: "Mo Member" });

    const task = await createTask(admin.actor, {
      title: "Ship it",
      description: "All of it.",
      status: "IN_PROGRESS",
      assigneeId: member.id,
      dueDate: "2030-12-31",
    });

    expect(task).toMatchObject({
      title: "Ship it",
      description: "All of it.",
      status: "IN_PROGRESS",
      assignee: { id: member.id, name: "Mo Member" },
      creator: { id: admin.id },
      dueDate: "2030-12-31",
      completedAt: null,
      version: 1,
    });
    const row = await db.task.findUniqueOrThrow({ where: { id: task.id } });
    expect(row.dueDate?.toISOString()).toBe("2030-12-31T00:00:00.000Z");
    expect(row.creatorId).toBe(admin.id);
    expect(await activityAbout(task.id)).toHaveLength(1);
  });

  it("sets completedAt when a task is created as DONE", async () => {
    const member = await createUserRow();
    const before = Date.now();

    const task = await createTask(member.actor, { title: "Already done", status: "DONE" });

    expect(task.status).toBe("DONE");
    expect(task.completedAt).toBeInstanceOf(Date);
    expect(task.completedAt!.getTime()).toBeGreaterThanOrEqual(before);
    expect(task.completedAt!.getTime()).toBeLessThanOrEqual(Date.now());
    expect(task.overdue).toBe(false);
  });

  it("ignores fields the form does not offer: id, creatorId, version, completedAt, createdAt, searchText", async () => {
    const member = await createUserRow();
    const someoneElse = await createUserRow();

    const task = await createTask(member.actor, {
      title: "Mine",
      id: "chosen-by-caller",
      creatorId: someoneElse.id,
      version: 42,
      completedAt: "2020-01-01T00:00:00.000Z",
      createdAt: "2000-01-01T00:00:00.000Z",
      searchText: "something else",
    });

    expect(task.id).not.toBe("chosen-by-caller");
    expect(task.creator.id).toBe(member.id);
    expect(task.version).toBe(1);
    expect(task.completedAt).toBeNull();
    expect(task.createdAt.getUTCFullYear()).toBeGreaterThan(2000);
    expect(await db.task.findUnique({ where: { id: "chosen-by-caller" } })).toBeNull();
    const row = await db.task.findUniqueOrThrow({ where: { id: task.id } });
    expect(row).toMatchObject({ creatorId: member.id, version: 1, completedAt: null, searchText: "mine\n" });
    expect((await activityAbout(task.id))[0]?.actorId).toBe(member.id);
  });

  const invalidInputs: [string, Record<string, unknown>, string][] = [
    ["a missing title", {}, "title"],
    ["an empty title", { title: "" }, "title"],
    ["a title of only spaces", { title: "   " }, "title"],
    ["a title over 200 characters", { title: "t".repeat(201) }, "title"],
    ["a title that is not text", { title: 42 }, "title"],
    ["a description over 10,000 characters", { title: "ok", description: "d".repeat(10_001) }, "description"],
    ["a description that is not text", { title: "ok", description: ["x"] }, "description"],
    ["a lower-case status", { title: "ok", status: "done" }, "status"],
    ["an unknown status", { title: "ok", status: "ARCHIVED" }, "status"],
    ["a day-first due date", { title: "ok", dueDate: "31/12/2026" }, "dueDate"],
    ["a due date with a time", { title: "ok", dueDate: "2026-12-31T00:00:00Z" }, "dueDate"],
    ["a due date that does not exist", { title: "ok", dueDate: "2026-02-30" }, "dueDate"],
    ["a due date in words", { title: "ok", dueDate: "tomorrow" }, "dueDate"],
    ["an empty assignee id", { title: "ok", assigneeId: "" }, "assigneeId"],
    ["an assignee id nobody has", { title: "ok", assigneeId: "no-such-user" }, "assigneeId"],
  ];

  it.each(invalidInputs)("refuses %s with a ValidationError naming the field, and writes nothing", async (_, input, field) => {
    const member = await createUserRow();
    const before = await snapshot();

    expect(await invalidFields(createTask(member.actor, input))).toEqual([field]);

    expect(await snapshot()).toEqual(before);
  });

  it("refuses a deactivated assignee with a ValidationError on assigneeId, and writes nothing", async () => {
    const member = await createUserRow();
    const gone = await createUserRow({ active: false });
    const before = await snapshot();

    const error = await rejectionOf(createTask(member.actor, { title: "ok", assigneeId: gone.id }));

    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues).toEqual([
      { field: "assigneeId", message: "Assign the task to an active person on the team." },
    ]);
    expect(await snapshot()).toEqual(before);
  });

  it("names every bad field at once", async () => {
    const member = await createUserRow();

    const fields = await invalidFields(
      createTask(member.actor, { title: "", description: "d".repeat(10_001), status: "NOPE", dueDate: "soon" }),
    );

    expect(fields.sort()).toEqual(["description", "dueDate", "status", "title"]);
  });

  it("accepts a title of exactly 200 characters and a description of exactly 10,000", async () => {
    const member = await createUserRow();

    const task = await createTask(member.actor, { title: "t".repeat(200), description: "d".repeat(10_000) });

    expect(task.title).toHaveLength(200);
    expect(task.description).toHaveLength(10_000);
  });

  it("accepts 29 February in a leap year", async () => {
    const member = await createUserRow();

    expect((await createTask(member.actor, { title: "Leap", dueDate: "2028-02-29" })).dueDate).toBe("2028-02-29");
  });
});

// ---- updateTask ----

describe("listAssignablePeople", () => {
  it("offers the active people by name, and nobody deactivated", async () => {
    const zoe = await createUserRow({ name: "Zoe" });
    const amy = await createAdmin({ name: "Amy" });
    const gone = await createUserRow({ name: "Gone" });
    await db.user.update({ where: { id: gone.id }, data: { active: false } });
    expect(await listAssignablePeople(zoe.actor)).toEqual([
      { id: amy.id, name: "Amy" },
      { id: zoe.id, name: "Zoe" },
    ]);
  });
});

describe("what createTask and updateTask return is the task as stored", () => {
  // Both build their answer from what they wrote instead of reading the task back (one statement
  // less per write), so the answer must equal a fresh read, field for field.
  it("for a create with every field, and for a plain one", async () => {
    const admin = await createAdmin({ name: "Ada Admin" });
    const member = await createUserRow({ name: "Mo Member" });
    // Trimmed title, DONE (so a completion time), an assignee's name and a due date all come from the write.
    const full = await createTask(admin.actor, { title: "  Ship it  ", status: "DONE", assigneeId: member.id, dueDate: "2030-12-31" });
    expect(full).toEqual(await getTask(admin.actor, full.id));
    const plain = await createTask(member.actor, { title: "Plain" });
    expect(plain).toEqual(await getTask(member.actor, plain.id));
  });

  it("for updates that change each field, reassign, finish and reopen", async () => {
    const { creator, admin, task } = await team();
    const other = await createUserRow({ name: "Otto Other" });
    const steps: Record<string, unknown>[] = [
      { title: "Renamed", description: "Longer now" },
      { assigneeId: other.id, dueDate: "2031-01-02" },
      { status: "DONE" },
      { status: "IN_PROGRESS", assigneeId: null, dueDate: null },
    ];
    for (const step of steps) {
      const updated = await updateTask(admin.actor, task.id, step);
      expect(updated).toEqual(await getTask(creator.actor, task.id));
    }
  });
});

describe("updateTask: who may edit", () => {
  it("lets the creator edit, bumps the version and records task.updated with what changed", async () => {
    const { creator, assignee, task } = await team();

    const updated = await updateTask(creator.actor, task.id, { title: "Write the better plan", dueDate: "2030-01-15" });

    expect(updated).toMatchObject({
      id: task.id,
      title: "Write the better plan",
      dueDate: "2030-01-15",
      assignee: { id: assignee.id },
      version: 2,
    });
    expect(updated.updatedAt.getTime()).toBeGreaterThanOrEqual(task.updatedAt.getTime());
    expect(updated.createdAt).toEqual(task.createdAt);
    const activity = await activityAbout(task.id);
    expect(activity).toHaveLength(2);
    expect(activity[1]).toMatchObject({
      action: "task.updated",
      actorId: creator.id,
      subjectType: "task",
      subjectId: task.id,
      subjectName: "Write the better plan",
      details: { title: { from: "Write the plan", to: "Write the better plan" }, dueDate: { from: null, to: "2030-01-15" } },
    });
  });

  it("lets the assignee edit", async () => {
    const { assignee, task } = await team();

    const updated = await updateTask(assignee.actor, task.id, { description: "Step one." });

    expect(updated).toMatchObject({ description: "Step one.", version: 2 });
    expect((await activityAbout(task.id)).at(-1)).toMatchObject({ action: "task.updated", actorId: assignee.id });
  });

  it("lets an admin edit a task they neither made nor hold", async () => {
    const { admin, task } = await team();

    const updated = await updateTask(admin.actor, task.id, { title: "Admin's title", assigneeId: null });

    expect(updated).toMatchObject({ title: "Admin's title", assignee: null, version: 2 });
    expect((await activityAbout(task.id)).at(-1)).toMatchObject({ action: "task.updated", actorId: admin.id });
  });

  it("refuses any other member with ForbiddenError: nothing written, no activity", async () => {
    const { bystander, task } = await team();
    const before = await snapshot();

    await expect(updateTask(bystander.actor, task.id, { title: "Hijacked" })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(updateTask(bystander.actor, task.id, { assigneeId: bystander.id })).rejects.toBeInstanceOf(
      ForbiddenError,
    );
    await expect(
      updateTask(bystander.actor, task.id, { title: "Hijacked" }, { expectedVersion: 1 }),
    ).rejects.toBeInstanceOf(ForbiddenError);

    expect(await snapshot()).toEqual(before);
  });

  it("refuses a former assignee once the task was given to someone else", async () => {
    const { creator, assignee, bystander, task } = await team();
    await updateTask(creator.actor, task.id, { assigneeId: bystander.id });
    const before = await snapshot();

    await expect(updateTask(assignee.actor, task.id, { title: "Too late" })).rejects.toBeInstanceOf(ForbiddenError);

    expect(await snapshot()).toEqual(before);
  });

  it("throws NotFoundError for an unknown task, and writes nothing", async () => {
    const admin = await createAdmin();
    const before = await snapshot();

    await expect(updateTask(admin.actor, "no-such-task", { title: "x" })).rejects.toBeInstanceOf(NotFoundError);

    expect(await snapshot()).toEqual(before);
  });
});

describe("updateTask: input", () => {
  const invalidChanges: [string, Record<string, unknown>, string][] = [
    ["an empty title", { title: "" }, "title"],
    ["a title of only spaces", { title: "  " }, "title"],
    ["a title over 200 characters", { title: "t".repeat(201) }, "title"],
    ["a null title", { title: null }, "title"],
    ["a description over 10,000 characters", { description: "d".repeat(10_001) }, "description"],
    ["a bad status", { status: "FINISHED" }, "status"],
    ["a bad due date", { dueDate: "2026/12/31" }, "dueDate"],
    ["a due date that does not exist", { dueDate: "2026-13-01" }, "dueDate"],
    ["an assignee id nobody has", { assigneeId: "no-such-user" }, "assigneeId"],
  ];

  it.each(invalidChanges)("refuses %s with a ValidationError naming the field, and writes nothing", async (_, input, field) => {
    const { creator, task } = await team();
    const before = await snapshot();

    expect(await invalidFields(updateTask(creator.actor, task.id, input))).toEqual([field]);

    expect(await snapshot()).toEqual(before);
  });

  it("refuses a deactivated assignee with a ValidationError on assigneeId, and writes nothing", async () => {
    const { creator, task } = await team();
    const gone = await createUserRow({ active: false });
    const before = await snapshot();

    expect(await invalidFields(updateTask(creator.actor, task.id, { assigneeId: gone.id }))).toEqual(["assigneeId"]);

    expect(await snapshot()).toEqual(before);
  });

  it("ignores id, creatorId, version, completedAt and createdAt in the input", async () => {
    const { creator, bystander, task } = await team();

    const updated = await updateTask(creator.actor, task.id, {
      title: "Renamed",
      id: "another-id",
      creatorId: bystander.id,
      version: 99,
      completedAt: "2020-01-01T00:00:00.000Z",
      createdAt: "2000-01-01T00:00:00.000Z",
    });

    expect(updated).toMatchObject({ id: task.id, title: "Renamed", creator: { id: creator.id }, version: 2, completedAt: null });
    expect(updated.createdAt).toEqual(task.createdAt);
    const row = await db.task.findUniqueOrThrow({ where: { id: task.id } });
    expect(row).toMatchObject({ creatorId: creator.id, version: 2, completedAt: null });
    expect(await db.task.findUnique({ where: { id: "another-id" } })).toBeNull();
    expect((await activityAbout(task.id)).at(-1)?.details).toEqual({ title: { from: "Write the plan", to: "Renamed" } });
  });

  it("clears the assignee and the due date with null", async () => {
    const { creator, task } = await team();
    await updateTask(creator.actor, task.id, { dueDate: "2030-05-05" });

    const updated = await updateTask(creator.actor, task.id, { assigneeId: null, dueDate: null });

    expect(updated).toMatchObject({ assignee: null, dueDate: null, version: 3 });
    const row = await db.task.findUniqueOrThrow({ where: { id: task.id } });
    expect(row).toMatchObject({ assigneeId: null, dueDate: null });
  });

  it("leaves fields that are not sent as they were", async () => {
    const creator = await createUserRow();
    const task = await createTask(creator.actor, {
      title: "Keep",
      description: "Kept too",
      status: "IN_PROGRESS",
      dueDate: "2030-02-02",
      assigneeId: creator.id,
    });

    const updated = await updateTask(creator.actor, task.id, { title: "Kept?" });

    expect(updated).toMatchObject({
      title: "Kept?",
      description: "Kept too",
      status: "IN_PROGRESS",
      dueDate: "2030-02-02",
      assignee: { id: creator.id },
    });
  });

  it("records a change of status alone through updateTask as task.status_changed", async () => {
    const { creator, task } = await team();

    await updateTask(creator.actor, task.id, { status: "IN_PROGRESS" });

    expect((await activityAbout(task.id)).at(-1)).toMatchObject({
      action: "task.status_changed",
      details: { status: { from: "TODO", to: "IN_PROGRESS" } },
    });
  });
});

// ---- changeTaskStatus ----

describe("changeTaskStatus", () => {
  it("lets the creator, the assignee and an admin change the status, one task.status_changed each", async () => {
    const { creator, assignee, admin, task } = await team();

    const one = await changeTaskStatus(creator.actor, task.id, { status: "IN_PROGRESS" });
    const two = await changeTaskStatus(assignee.actor, task.id, { status: "DONE" });
    const three = await changeTaskStatus(admin.actor, task.id, { status: "TODO" });

    expect([one.status, two.status, three.status]).toEqual(["IN_PROGRESS", "DONE", "TODO"]);
    expect([one.version, two.version, three.version]).toEqual([2, 3, 4]);
    const activity = await activityAbout(task.id);
    expect(activity.map((entry) => [entry.action, entry.actorId, entry.details])).toEqual([
      ["task.created", creator.id, {}],
      ["task.status_changed", creator.id, { status: { from: "TODO", to: "IN_PROGRESS" } }],
      ["task.status_changed", assignee.id, { status: { from: "IN_PROGRESS", to: "DONE" } }],
      ["task.status_changed", admin.id, { status: { from: "DONE", to: "TODO" } }],
    ]);
  });

  it("refuses any other member with ForbiddenError: nothing written, no activity", async () => {
    const { bystander, task } = await team();
    const before = await snapshot();

    await expect(changeTaskStatus(bystander.actor, task.id, { status: "DONE" })).rejects.toBeInstanceOf(ForbiddenError);

    expect(await snapshot()).toEqual(before);
  });

  it("refuses a bad or missing status with a ValidationError on status, and writes nothing", async () => {
    const { creator, task } = await team();
    const before = await snapshot();
    // Wrapped in an async function so that this test checks the fields named, whichever way the error comes.
    const change = async (input: unknown) => changeTaskStatus(creator.actor, task.id, input);

    expect(await invalidFields(change({ status: "done" }))).toEqual(["status"]);
    expect(await invalidFields(change({}))).toEqual(["status"]);

    expect(await snapshot()).toEqual(before);
  });

  it("reports bad input as a rejected promise, like every other service function, not a synchronous throw", async () => {
    const { creator, task } = await team();

    let thrownSynchronously: unknown;
    let promise: Promise<unknown> | undefined;
    try {
      promise = changeTaskStatus(creator.actor, task.id, { status: "done" });
    } catch (error) {
      thrownSynchronously = error;
    }

    expect(thrownSynchronously).toBeUndefined();
    await expect(promise).rejects.toBeInstanceOf(ValidationError);
  });

  it("changes only the status, whatever else the input carries", async () => {
    const { creator, task } = await team();

    const updated = await changeTaskStatus(creator.actor, task.id, { status: "IN_PROGRESS", title: "Sneaky", assigneeId: null });

    expect(updated).toMatchObject({ status: "IN_PROGRESS", title: "Write the plan", assignee: { id: expect.any(String) } });
  });

  it("throws NotFoundError for an unknown task", async () => {
    const admin = await createAdmin();

    await expect(changeTaskStatus(admin.actor, "no-such-task", { status: "DONE" })).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe("completedAt", () => {
  it("is set when the status becomes DONE and cleared when it leaves DONE", async () => {
    const { creator, task } = await team();

    const before = Date.now();
    const done = await changeTaskStatus(creator.actor, task.id, { status: "DONE" });
    expect(done.completedAt).toBeInstanceOf(Date);
    expect(done.completedAt!.getTime()).toBeGreaterThanOrEqual(before);

    const reopened = await changeTaskStatus(creator.actor, task.id, { status: "IN_PROGRESS" });
    expect(reopened.completedAt).toBeNull();
    expect((await db.task.findUniqueOrThrow({ where: { id: task.id } })).completedAt).toBeNull();

    const doneAgain = await updateTask(creator.actor, task.id, { status: "DONE" });
    expect(doneAgain.completedAt).toBeInstanceOf(Date);

    const backToTodo = await updateTask(creator.actor, task.id, { status: "TODO", title: "Again" });
    expect(backToTodo.completedAt).toBeNull();
  });

  it("is kept as it was when a DONE task is edited without leaving DONE", async () => {
    const creator = await createUserRow();
    const task = await createTask(creator.actor, { title: "Done", status: "DONE" });

    const renamed = await updateTask(creator.actor, task.id, { title: "Done and renamed" });
    const again = await updateTask(creator.actor, task.id, { status: "DONE" });

    expect(renamed.completedAt).toEqual(task.completedAt);
    expect(again.completedAt).toEqual(task.completedAt);
  });

  it("is never set for TODO or IN_PROGRESS", async () => {
    const creator = await createUserRow();
    const task = await createTask(creator.actor, { title: "Working", status: "IN_PROGRESS" });

    expect(task.completedAt).toBeNull();
    expect((await changeTaskStatus(creator.actor, task.id, { status: "TODO" })).completedAt).toBeNull();
  });
});

// ---- Versions ----

describe("versions (optimistic concurrency)", () => {
  it("are bumped by every change, and an update with the current version applies", async () => {
    const { creator, task } = await team();

    const v2 = await updateTask(creator.actor, task.id, { title: "Two" }, { expectedVersion: 1 });
    const v3 = await changeTaskStatus(creator.actor, task.id, { status: "DONE" }, { expectedVersion: 2 });
    const v4 = await updateTask(creator.actor, task.id, { description: "Four" });

    expect([task.version, v2.version, v3.version, v4.version]).toEqual([1, 2, 3, 4]);
    expect((await db.task.findUniqueOrThrow({ where: { id: task.id } })).version).toBe(4);
  });

  it("refuse a stale expectedVersion on updateTask with PreconditionFailedError: nothing changed, no activity", async () => {
    const { creator, assignee, task } = await team();
    await updateTask(assignee.actor, task.id, { title: "Assignee's edit" });
    const before = await snapshot();

    await expect(
      updateTask(creator.actor, task.id, { title: "Creator's edit" }, { expectedVersion: 1 }),
    ).rejects.toBeInstanceOf(PreconditionFailedError);
    await expect(
      updateTask(creator.actor, task.id, { title: "From the future" }, { expectedVersion: 3 }),
    ).rejects.toBeInstanceOf(PreconditionFailedError);

    expect(await snapshot()).toEqual(before);
    expect((await getTask(creator.actor, task.id)).title).toBe("Assignee's edit");
  });

  it("refuse a stale expectedVersion on changeTaskStatus: nothing changed, no activity", async () => {
    const { creator, task } = await team();
    await updateTask(creator.actor, task.id, { title: "Moved on" });
    const before = await snapshot();

    await expect(
      changeTaskStatus(creator.actor, task.id, { status: "DONE" }, { expectedVersion: 1 }),
    ).rejects.toBeInstanceOf(PreconditionFailedError);

    expect(await snapshot()).toEqual(before);
  });

  it("refuse a stale expectedVersion on deleteTask: the task stays, no activity", async () => {
    const { creator, task } = await team();
    await updateTask(creator.actor, task.id, { title: "Moved on" });
    const before = await snapshot();

    await expect(deleteTask(creator.actor, task.id, { expectedVersion: 1 })).rejects.toBeInstanceOf(
      PreconditionFailedError,
    );

    expect(await snapshot()).toEqual(before);
  });

  it("let exactly one of two simultaneous updates with the same expectedVersion win, round after round", async () => {
    const { creator, assignee, task } = await team();

    for (let round = 0; round < 10; round += 1) {
      const version = round + 1;
      const results = await Promise.allSettled([
        updateTask(creator.actor, task.id, { title: `Creator ${round}` }, { expectedVersion: version }),
        updateTask(assignee.actor, task.id, { title: `Assignee ${round}`, description: `r${round}` }, { expectedVersion: version }),
      ]);

      const fulfilled = results.filter((result) => result.status === "fulfilled");
      const rejected = results.filter((result) => result.status === "rejected");
      expect(fulfilled).toHaveLength(1);
      expect(rejected).toHaveLength(1);
      expect(rejected[0]?.reason).toBeInstanceOf(PreconditionFailedError);
      const winner = fulfilled[0]!.value;
      expect(winner.version).toBe(version + 1);
      const row = await db.task.findUniqueOrThrow({ where: { id: task.id } });
      expect(row.version).toBe(version + 1);
      expect(row.title).toBe(winner.title);
    }
    // One entry per winning update, none for the losers.
    expect((await activityAbout(task.id)).map((entry) => entry.action)).toEqual([
      "task.created",
      ...Array.from({ length: 10 }, () => "task.updated"),
    ]);
  });

  it("let exactly one of two simultaneous status changes with the same expectedVersion win", async () => {
    const { creator, assignee, task } = await team();

    const results = await Promise.allSettled([
      changeTaskStatus(creator.actor, task.id, { status: "DONE" }, { expectedVersion: 1 }),
      changeTaskStatus(assignee.actor, task.id, { status: "IN_PROGRESS" }, { expectedVersion: 1 }),
    ]);

    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    const rejected = results.filter((result) => result.status === "rejected");
    expect(rejected).toHaveLength(1);
    expect(rejected[0]?.reason).toBeInstanceOf(PreconditionFailedError);
    expect((await db.task.findUniqueOrThrow({ where: { id: task.id } })).version).toBe(2);
    expect(await db.activity.count({ where: { subjectId: task.id, action: "task.status_changed" } })).toBe(1);
  });

  it("never lose an edit when an update and a delete race on the same version", async () => {
    const { creator, task } = await team();

    const results = await Promise.allSettled([
      updateTask(creator.actor, task.id, { title: "Edited" }, { expectedVersion: 1 }),
      deleteTask(creator.actor, task.id, { expectedVersion: 1 }),
    ]);

    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    const row = await db.task.findUnique({ where: { id: task.id } });
    const actions = (await activityAbout(task.id)).map((entry) => entry.action);
    if (row) {
      expect(row).toMatchObject({ title: "Edited", version: 2 });
      expect(actions).toEqual(["task.created", "task.updated"]);
    } else {
      expect(actions).toEqual(["task.created", "task.deleted"]);
    }
  });
});

// ---- deleteTask ----

describe("deleteTask", () => {
  it("lets the creator delete: the task is gone and task.deleted keeps its title", async () => {
    const { creator, bystander, task } = await team();

    await deleteTask(creator.actor, task.id);

    await expect(getTask(bystander.actor, task.id)).rejects.toBeInstanceOf(NotFoundError);
    expect((await listTasks(bystander.actor)).items).toEqual([]);
    expect(await db.task.count()).toBe(0);
    expect((await activityAbout(task.id)).at(-1)).toMatchObject({
      action: "task.deleted",
      actorId: creator.id,
      subjectType: "task",
      subjectId: task.id,
      subjectName: "Write the plan",
    });
  });

  it("refuses the assignee with ForbiddenError: the task stays, no activity", async () => {
    const { assignee, task } = await team();
    const before = await snapshot();

    await expect(deleteTask(assignee.actor, task.id)).rejects.toBeInstanceOf(ForbiddenError);

    expect(await snapshot()).toEqual(before);
  });

  it("refuses any other member with ForbiddenError: the task stays, no activity", async () => {
    const { bystander, task } = await team();
    const before = await snapshot();

    await expect(deleteTask(bystander.actor, task.id)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(deleteTask(bystander.actor, task.id, { expectedVersion: 1 })).rejects.toBeInstanceOf(ForbiddenError);

    expect(await snapshot()).toEqual(before);
  });

  it("lets an admin delete anyone's task", async () => {
    const { admin, task } = await team();

    await deleteTask(admin.actor, task.id);

    expect(await db.task.findUnique({ where: { id: task.id } })).toBeNull();
    expect((await activityAbout(task.id)).at(-1)).toMatchObject({ action: "task.deleted", actorId: admin.id });
  });

  it("throws NotFoundError for an unknown or already deleted task, writing nothing", async () => {
    const { creator, task } = await team();
    await deleteTask(creator.actor, task.id);
    const before = await snapshot();

    await expect(deleteTask(creator.actor, task.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(deleteTask(creator.actor, "no-such-task")).rejects.toBeInstanceOf(NotFoundError);
    await expect(updateTask(creator.actor, task.id, { title: "Ghost" })).rejects.toBeInstanceOf(NotFoundError);

    expect(await snapshot()).toEqual(before);
  });

  it("leaves other tasks alone", async () => {
    const { creator, task } = await team();
    const other = await createTask(creator.actor, { title: "Other" });

    await deleteTask(creator.actor, task.id);

    expect(ids((await listTasks(creator.actor)).items)).toEqual([other.id]);
  });
});

// ---- listTaskActivity ----

describe("listTaskActivity", () => {
  it("records exactly one entry per mutation, and keeps them all after the task is deleted", async () => {
    const { creator, assignee, bystander, task } = await team();

    await updateTask(assignee.actor, task.id, { title: "Write the final plan" });
    expect(await db.activity.count()).toBe(2);
    await changeTaskStatus(assignee.actor, task.id, { status: "DONE" });
    expect(await db.activity.count()).toBe(3);
    await deleteTask(creator.actor, task.id);
    expect(await db.activity.count()).toBe(4);

    const entries = await listTaskActivity(bystander.actor, task.id);

    expect(entries.map((entry) => [entry.action, entry.actor?.id, entry.subjectName])).toEqual([
      ["task.deleted", creator.id, "Write the final plan"],
      ["task.status_changed", assignee.id, "Write the final plan"],
      ["task.updated", assignee.id, "Write the final plan"],
      ["task.created", creator.id, "Write the plan"],
    ]);
    expect(entries[0]).toEqual({
      id: expect.any(String),
      action: "task.deleted",
      subjectType: "task",
      subjectId: task.id,
      subjectName: "Write the final plan",
      details: {},
      createdAt: expect.any(Date),
      actor: { id: creator.id, name: "Cora Creator" },
      subjectExists: false,
      sentence: [
        { type: "person", id: creator.id, name: "Cora Creator" },
        { type: "text", text: " deleted " },
        { type: "task", id: task.id, name: "Write the final plan", exists: false },
      ],
    });
    expect(entries[1]?.details).toEqual({ status: { from: "TODO", to: "DONE" } });
  });

  it("lets any member and an admin read a task's activity, and shows only that task's", async () => {
    const { creator, bystander, admin, task } = await team();
    const other = await createTask(creator.actor, { title: "Other" });
    await updateTask(creator.actor, other.id, { title: "Other, renamed" });

    const forMember = await listTaskActivity(bystander.actor, task.id);
    const forAdmin = await listTaskActivity(admin.actor, task.id);

    expect(forMember.map((entry) => entry.action)).toEqual(["task.created"]);
    expect(forAdmin).toEqual(forMember);
    expect((await listTaskActivity(bystander.actor, other.id)).map((entry) => entry.subjectId)).toEqual([other.id, other.id]);
  });

  it("refuses a task id that never existed with NotFoundError (both doors answer 404 from this rule)", async () => {
    const member = await createUserRow();

    await expect(listTaskActivity(member.actor, "no-such-task")).rejects.toBeInstanceOf(NotFoundError);
  });

  it("keeps a description change out of the details, marking only that it changed", async () => {
    const { creator, task } = await team();

    await updateTask(creator.actor, task.id, { description: "secret plan" });

    const [latest] = await listTaskActivity(creator.actor, task.id);
    expect(latest).toMatchObject({ action: "task.updated", details: { description: { from: "…", to: "…" } } });
    expect(JSON.stringify(latest?.details)).not.toContain("secret plan");
  });
});

// ---- Filters ----

describe("listTasks filters", () => {
  it("filters by status", async () => {
    const member = await createUserRow();
    await createTask(member.actor, { title: "todo" });
    await createTask(member.actor, { title: "doing", status: "IN_PROGRESS" });
    await createTask(member.actor, { title: "done", status: "DONE" });
    await createTask(member.actor, { title: "done too", status: "DONE" });

    expect(titles((await listTasks(member.actor, { status: "TODO" })).items)).toEqual(["todo"]);
    expect(titles((await listTasks(member.actor, { status: "IN_PROGRESS" })).items)).toEqual(["doing"]);
    expect(titles((await listTasks(member.actor, { status: "DONE" })).items)).toEqual(["done too", "done"]);
  });

  it("filters by assignee: me, none, or a user id", async () => {
    const me = await createUserRow();
    const other = await createUserRow();
    await createTask(me.actor, { title: "mine", assigneeId: me.id });
    await createTask(other.actor, { title: "also mine", assigneeId: me.id });
    await createTask(me.actor, { title: "theirs", assigneeId: other.id });
    await createTask(me.actor, { title: "nobody's" });

    expect(titles((await listTasks(me.actor, { assignee: "me" })).items)).toEqual(["also mine", "mine"]);
    expect(titles((await listTasks(other.actor, { assignee: "me" })).items)).toEqual(["theirs"]);
    expect(titles((await listTasks(me.actor, { assignee: "none" })).items)).toEqual(["nobody's"]);
    expect(titles((await listTasks(me.actor, { assignee: other.id })).items)).toEqual(["theirs"]);
    expect(titles((await listTasks(other.actor, { assignee: me.id })).items)).toEqual(["also mine", "mine"]);
    expect((await listTasks(me.actor, { assignee: "no-such-user" })).items).toEqual([]);
  });

  it("combines filters", async () => {
    const me = await createUserRow();
    await createTask(me.actor, { title: "mine, todo", assigneeId: me.id });
    await createTask(me.actor, { title: "mine, done", assigneeId: me.id, status: "DONE" });
    await createTask(me.actor, { title: "nobody's, done", status: "DONE" });

    expect(titles((await listTasks(me.actor, { assignee: "me", status: "DONE" })).items)).toEqual(["mine, done"]);
    expect(titles((await listTasks(me.actor, { assignee: "me", q: "TODO" })).items)).toEqual(["mine, todo"]);
  });

  describe("overdue, relative to the `now` option", () => {
    // 10 March 2026, a minute before midnight UTC.
    const now = new Date("2026-03-10T23:59:00.000Z");

    async function arrange() {
      const member = await createUserRow();
      for (const [title, dueDate, status] of [
        ["yesterday, todo", "2026-03-09", "TODO"],
        ["last year, in progress", "2025-03-10", "IN_PROGRESS"],
        ["yesterday, done", "2026-03-09", "DONE"],
        ["today", "2026-03-10", "TODO"],
        ["tomorrow", "2026-03-11", "TODO"],
        ["no due date", null, "TODO"],
      ] as const) {
        await createTask(member.actor, { title, dueDate, status });
      }
      return member;
    }

    it("overdue=true lists tasks past their due date and not done; a task due today is not overdue", async () => {
      const member = await arrange();

      const page = await listTasks(member.actor, { overdue: "true" }, { now });

      expect(titles(page.items).sort()).toEqual(["last year, in progress", "yesterday, todo"]);
      expect(page.items.every((task) => task.overdue)).toBe(true);
    });

    it("overdue=false lists all the others, each marked not overdue", async () => {
      const member = await arrange();

      const page = await listTasks(member.actor, { overdue: "false" }, { now });

      expect(titles(page.items).sort()).toEqual(["no due date", "today", "tomorrow", "yesterday, done"]);
      expect(page.items.every((task) => !task.overdue)).toBe(true);
    });

    it("marks each listed task overdue or not by the same rule, and the two filters split the list", async () => {
      const member = await arrange();

      const all = (await listTasks(member.actor, {}, { now })).items;
      const overdue = (await listTasks(member.actor, { overdue: "true" }, { now })).items;
      const notOverdue = (await listTasks(member.actor, { overdue: "false" }, { now })).items;

      expect(all).toHaveLength(6);
      expect(ids(all.filter((task) => task.overdue)).sort()).toEqual(ids(overdue).sort());
      expect(ids(all.filter((task) => !task.overdue)).sort()).toEqual(ids(notOverdue).sort());
    });

    it("makes a task due today overdue from midnight UTC", async () => {
      const member = await arrange();

      const midnight = new Date("2026-03-11T00:00:00.000Z");
      const page = await listTasks(member.actor, { overdue: "true" }, { now: midnight });

      expect(titles(page.items).sort()).toEqual(["last year, in progress", "today", "yesterday, todo"]);
    });

    it("stops a task being overdue once it is DONE", async () => {
      const member = await createUserRow();
      const task = await createTask(member.actor, { title: "late", dueDate: "2020-01-01" });
      expect(task.overdue).toBe(true);
      expect(ids((await listTasks(member.actor, { overdue: "true" })).items)).toEqual([task.id]);

      const done = await changeTaskStatus(member.actor, task.id, { status: "DONE" });

      expect(done.overdue).toBe(false);
      expect((await listTasks(member.actor, { overdue: "true" })).items).toEqual([]);
      expect(ids((await listTasks(member.actor, { overdue: "false" })).items)).toEqual([task.id]);
    });

    it("isOverdue follows the same rule", () => {
      const day = (value: string) => new Date(`${value}T00:00:00.000Z`);
      expect(isOverdue(day("2026-03-09"), "TODO", now)).toBe(true);
      expect(isOverdue(day("2026-03-09"), "IN_PROGRESS", now)).toBe(true);
      expect(isOverdue(day("2026-03-09"), "DONE", now)).toBe(false);
      expect(isOverdue(day("2026-03-10"), "TODO", now)).toBe(false);
      expect(isOverdue(day("2026-03-10"), "TODO", new Date("2026-03-11T00:00:00.000Z"))).toBe(true);
      expect(isOverdue(day("2026-03-11"), "TODO", now)).toBe(false);
      expect(isOverdue(null, "TODO", now)).toBe(false);
    });
  });

  describe("q: case-insensitive, Unicode-aware text search", () => {
    async function arrange(...tasks: { title: string; description?: string }[]) {
      const member = await createUserRow();
      for (const task of tasks) await createTask(member.actor, task);
      return member;
    }
    const search = async (actor: Actor, q: string) => titles((await listTasks(actor, { q })).items).sort();

    it("matches title and description, ignoring case", async () => {
      const member = await arrange(
        { title: "Fix the Login page" },
        { title: "Unrelated", description: "The LOGIN form breaks on Safari" },
        { title: "Something else" },
      );

      expect(await search(member.actor, "login")).toEqual(["Fix the Login page", "Unrelated"]);
      expect(await search(member.actor, "LoGiN")).toEqual(["Fix the Login page", "Unrelated"]);
      expect(await search(member.actor, "safari")).toEqual(["Unrelated"]);
      expect(await search(member.actor, "nothing like it")).toEqual([]);
    });

    it("trims the query, and an empty query matches everything", async () => {
      const member = await arrange({ title: "One" }, { title: "Two" });

      expect(await search(member.actor, "  one  ")).toEqual(["One"]);
      expect(await search(member.actor, "   ")).toEqual(["One", "Two"]);
      expect(await search(member.actor, "")).toEqual(["One", "Two"]);
    });

    it('finds "Größe prüfen" by "grÖße" and by "GRÖẞE" (capital sharp s)', async () => {
      const member = await arrange({ title: "Größe prüfen" }, { title: "Grosse Pause" });

      expect(await search(member.actor, "grÖße")).toEqual(["Größe prüfen"]);
      expect(await search(member.actor, "GRÖẞE")).toEqual(["Größe prüfen"]);
      expect(await search(member.actor, "PRÜFEN")).toEqual(["Größe prüfen"]);
    });

    it('finds "école" by "ÉCOLE", whether either is written precomposed or decomposed', async () => {
      const member = await arrange({ title: "école" }, { title: "e\u0301cole du soir" }, { title: "ecole sans accent" });

      expect(await search(member.actor, "ÉCOLE")).toEqual(["e\u0301cole du soir", "école"]);
      expect(await search(member.actor, "E\u0301COLE")).toEqual(["e\u0301cole du soir", "école"]);
    });

    it("folds compatibility forms (NFKC): full-width letters find plain ones", async () => {
      const member = await arrange({ title: "Deploy ABC" });

      expect(await search(member.actor, "ａｂｃ")).toEqual(["Deploy ABC"]);
    });

    it("finds emoji and right-to-left text as typed", async () => {
      const member = await arrange(
        { title: "Ship it 🚀 today" },
        { title: "Greeting", description: "قل مرحبا للفريق" },
        { title: "Family 👨‍👩‍👧 photo" },
        { title: "Plain" },
      );

      expect(await search(member.actor, "🚀")).toEqual(["Ship it 🚀 today"]);
      expect(await search(member.actor, "مرحبا")).toEqual(["Greeting"]);
      expect(await search(member.actor, "👨‍👩‍👧")).toEqual(["Family 👨‍👩‍👧 photo"]);
    });

    async function arrangeWildcards() {
      return arrange(
        { title: "100% done" },
        { title: "1000 done" },
        { title: "snake_case name" },
        { title: "snakeXcase name" },
        { title: "back\\slash" },
      );
    }

    it("matches % literally, not as a wildcard", async () => {
      const member = await arrangeWildcards();

      expect(await search(member.actor, "100%")).toEqual(["100% done"]);
      expect(await search(member.actor, "%")).toEqual(["100% done"]);
    });

    it("matches _ literally, not as a wildcard", async () => {
      const member = await arrangeWildcards();

      expect(await search(member.actor, "snake_case")).toEqual(["snake_case name"]);
      expect(await search(member.actor, "_")).toEqual(["snake_case name"]);
    });

    it("matches backslashes and quotes literally, and a query is never SQL", async () => {
      const member = await arrangeWildcards();

      expect(await search(member.actor, "\\")).toEqual(["back\\slash"]);
      expect(await search(member.actor, "'; DROP TABLE \"Task\"; --")).toEqual([]);
      expect(await db.task.count()).toBe(5);
    });

    it("follows edits: a renamed task is found by its new title, not its old one", async () => {
      const member = await createUserRow();
      const task = await createTask(member.actor, { title: "Old Name" });

      await updateTask(member.actor, task.id, { title: "New Name" });

      expect(await search(member.actor, "old")).toEqual([]);
      expect(await search(member.actor, "NEW")).toEqual(["New Name"]);
      await updateTask(member.actor, task.id, { description: "Straße" });
      expect(await search(member.actor, "STRAẞE")).toEqual(["New Name"]);
      expect(await search(member.actor, "new")).toEqual(["New Name"]);
    });

    it("searchable() normalises and lower-cases text and query the same way", () => {
      expect(searchable("GRÖẞE")).toBe(searchable("größe"));
      expect(searchable("E\u0301COLE")).toBe("école");
      expect(searchable("ＡＢＣ")).toBe("abc");
      expect(searchable("مرحبا 🚀")).toBe("مرحبا 🚀");
    });
  });
});

// ---- Pagination ----

describe("listTasks pages", () => {
  it("walks newest first with cursors: no duplicates, no gaps, and the last page has no cursor", async () => {
    const member = await createUserRow();
    const base = Date.UTC(2026, 0, 1);
    for (let i = 0; i < 20; i += 1) {
      await createTaskRow(member, { title: `t${String(i).padStart(2, "0")}`, createdAt: new Date(base + i * 1000) });
    }

    const pages = await walk(member.actor, {}, 3);

    expect(pages.map((page) => page.length)).toEqual([3, 3, 3, 3, 3, 3, 2]);
    expect(titles(pages.flat())).toEqual(Array.from({ length: 20 }, (_, i) => `t${String(19 - i).padStart(2, "0")}`));
  });

  it("gives no cursor when the items fit the page exactly", async () => {
    const member = await createUserRow();
    for (let i = 0; i < 4; i += 1) await createTaskRow(member);

    const page = await listTasks(member.actor, {}, { limit: 4 });

    expect(page.items).toHaveLength(4);
    expect(page.nextCursor).toBeNull();
  });

  it("orders tasks created in the same millisecond by id, and pages through them without loss", async () => {
    const member = await createUserRow();
    const at = new Date("2026-02-02T12:00:00.000Z");
    const rows = [];
    for (let i = 0; i < 15; i += 1) rows.push(await createTaskRow(member, { createdAt: at }));
    rows.push(await createTaskRow(member, { createdAt: new Date(at.getTime() + 1) }));
    rows.push(await createTaskRow(member, { createdAt: new Date(at.getTime() - 1) }));

    const pages = await walk(member.actor, {}, 4);

    expect(ids(pages.flat())).toEqual(ids(newestFirst(rows)));
  });

  it("pages through a filtered list, keeping the filter on every page", async () => {
    const member = await createUserRow();
    const base = Date.UTC(2026, 0, 1);
    const done = [];
    for (let i = 0; i < 12; i += 1) {
      const row = await createTaskRow(member, { status: i % 3 === 0 ? "DONE" : "TODO", createdAt: new Date(base + i) });
      if (row.status === "DONE") done.push(row);
    }

    const pages = await walk(member.actor, { status: "DONE" }, 2);

    expect(ids(pages.flat())).toEqual(ids(newestFirst(done)));
    expect(pages.flat().every((task) => task.status === "DONE")).toBe(true);
  });

  it("keeps the limit between 1 and 100, and defaults to 20", async () => {
    const member = await createUserRow();
    const base = Date.UTC(2026, 0, 1);
    await db.task.createMany({
      data: Array.from({ length: 101 }, (_, i) => ({
        title: `bulk ${i}`,
        searchText: `bulk ${i}\n`,
        creatorId: member.id,
        createdAt: new Date(base + i),
      })),
    });

    expect((await listTasks(member.actor)).items).toHaveLength(20);
    expect((await listTasks(member.actor, {}, { limit: 0 })).items).toHaveLength(1);
    expect((await listTasks(member.actor, {}, { limit: -5 })).items).toHaveLength(1);
    expect((await listTasks(member.actor, {}, { limit: 2.7 })).items).toHaveLength(2);
    const max = await listTasks(member.actor, {}, { limit: 1000 });
    expect(max.items).toHaveLength(100);
    expect(max.nextCursor).not.toBeNull();
  });

  it("THE CONCURRENT WALK: every task that existed before the walk appears exactly once, in order, while others are added", async () => {
    const member = await createUserRow();
    const other = await createUserRow();
    const base = Date.now() - 60_000;
    // 60 tasks: in runs of up to three that share a millisecond, plus a few made through the service just now.
    for (let i = 0; i < 54; i += 1) {
      await createTaskRow(member, { title: `before ${i}`, createdAt: new Date(base + Math.floor(i / 3) * 7) });
    }
    for (let i = 54; i < 60; i += 1) await createTask(member.actor, { title: `before ${i}` });
    const existing = newestFirst(await db.task.findMany());
    expect(existing).toHaveLength(60);

    const seen: PublicTask[] = [];
    let cursor: string | undefined;
    let round = 0;
    do {
      const page = await listTasks(member.actor, {}, { limit: 7, cursor });
      seen.push(...page.items);
      cursor = page.nextCursor ?? undefined;
      round += 1;
      const last = page.items.at(-1);
      if (last) {
        // New tasks between pages: newer than everything, at the very millisecond of the page's
        // last item (on either side of it by id), and at the millisecond of the newest task.
        await createTask(other.actor, { title: `during ${round} (service)` });
        await createTaskRow(other, { title: `during ${round} (same ms as cursor)`, createdAt: last.createdAt });
        await createTaskRow(other, { title: `during ${round} (same ms as cursor, 2)`, createdAt: last.createdAt });
        await createTaskRow(other, { title: `during ${round} (same ms as newest)`, createdAt: existing[0]!.createdAt });
      }
      // And some at the same moment as the next page is read.
      if (cursor) {
        const [next] = await Promise.all([
          listTasks(member.actor, {}, { limit: 7, cursor }),
          createTask(other.actor, { title: `racing ${round} a` }),
          createTask(other.actor, { title: `racing ${round} b` }),
        ]);
        // The page read while tasks were being added holds the pre-existing tasks in their order.
        expect(ids(next.items).filter((id) => existing.some((task) => task.id === id))).toEqual(
          ids(existing.filter((task) => ids(next.items).includes(task.id))),
        );
      }
      if (round > 100) throw new Error("the walk does not end");
    } while (cursor);

    const before = new Set(ids(existing));
    expect(ids(seen).filter((id) => before.has(id))).toEqual(ids(existing));
    expect(new Set(ids(seen)).size).toBe(seen.length);
    // Whatever else was seen is newer-or-equal tasks added during the walk, never an older one twice.
    expect(seen.filter((task) => !before.has(task.id)).every((task) => task.title.startsWith("during"))).toBe(true);
    // The walk itself stays in order.
    for (let i = 1; i < seen.length; i += 1) {
      const [a, b] = [seen[i - 1]!, seen[i]!];
      expect(a.createdAt.getTime() > b.createdAt.getTime() || (a.createdAt.getTime() === b.createdAt.getTime() && a.id > b.id)).toBe(
        true,
      );
    }
    // The walk did meet tasks added at its cursor's own millisecond (those whose id sorts after the cursor's).
    expect(seen.some((task) => task.title.includes("same ms as cursor"))).toBe(true);
    expect(await db.task.count()).toBeGreaterThan(60);
  });

  it("refuses an altered, cut or made-up cursor with InvalidCursorError", async () => {
    const member = await createUserRow();
    for (let i = 0; i < 3; i += 1) await createTaskRow(member, { createdAt: new Date(Date.UTC(2026, 0, 1, 0, 0, i)) });
    const { nextCursor } = await listTasks(member.actor, {}, { limit: 1 });
    expect(nextCursor).toEqual(expect.any(String));
    const cursor = nextCursor!;
    const [payload, sum] = cursor.split(".") as [string, string];
    const flip = (text: string, at: number) => text.slice(0, at) + (text[at] === "A" ? "B" : "A") + text.slice(at + 1);

    for (const bad of [
      flip(cursor, 0),
      flip(cursor, cursor.length - 1),
      `${flip(payload, 3)}.${sum}`,
      cursor.slice(0, -2),
      payload,
      `${cursor}.extra`,
      "not-a-cursor",
      ".",
      `${encodeCursor([new Date().toISOString()])}`,
      `${encodeCursor([new Date().toISOString(), "id", "extra"])}`,
    ]) {
      await expect(listTasks(member.actor, {}, { cursor: bad }), bad).rejects.toBeInstanceOf(InvalidCursorError);
    }
  });

  it("refuses a well-formed cursor from another list (the team list) as an invalid cursor", async () => {
    const member = await createUserRow({ name: "A" });
    await createUserRow({ name: "B" });
    await createTaskRow(member);
    const { nextCursor: teamCursor } = await listUsersPage(member.actor, { limit: 1 });

    const error = await rejectionOf(listTasks(member.actor, {}, { cursor: teamCursor! }));

    // Its checksum is right, so it decodes; its first part is a name, not a time: still not a task cursor.
    expect(error).toBeInstanceOf(InvalidCursorError);
  });
});
