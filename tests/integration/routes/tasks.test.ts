import { describe, expect, it } from "vitest";
import { db } from "#services/db/client.ts";
import { createTask, updateTask } from "#services/tasks.ts";
import * as list from "#app/routes/tasks.tsx";
import * as newTask from "#app/routes/tasks.new.tsx";
import * as taskPage from "#app/routes/tasks.$id.tsx";
import { createAdmin, createTaskRow, createUser, databaseSnapshot } from "#tests/support/factories.ts";
import { flashOf, getRequest, postForm, run, signIn } from "#tests/support/http.ts";

type ListData = {
  tasks: { id: string; title: string; overdue: boolean; canEdit: boolean; dueDate: string | null }[];
  moved: { id: string; title: string; status: string; reason: string; index: number } | null;
  sort: string | null;
  position: { from: number; to: number; total: number } | null;
  nextCursor: string | null;
  prevCursor: string | null;
  hasPrev: boolean;
  filters: Record<string, string>;
  people: { id: string; name: string }[];
  problem: { formError?: string; fieldErrors: Record<string, string> } | null;
};
type State = {
  intent?: string;
  formError?: string;
  fieldErrors: Record<string, string>;
  values: Record<string, string>;
  current?: { title: string; description: string; status: string; assigneeId: string | null; dueDate: string | null; version: number };
};

/** The message of the flash cookie a redirect set, as the next page would read it. */
async function listed(path: string, cookie: string) {
  const result = await run(list.loader, getRequest(path, { cookie }));
  return { ...result, data: result.data as ListData };
}

const titles = (data: ListData) => data.tasks.map((task) => task.title);
const everything = databaseSnapshot;

describe("GET /tasks", () => {
  it("sends a visitor without a session to the login page", async () => {
    const result = await run(list.loader, getRequest("/tasks"));
    expect(result.status).toBe(302);
  });

  it("reads every filter from the URL, ignoring empty fields", async () => {
    const me = await createUser({ name: "Me" });
    const other = await createUser({ name: "Other" });
    await createTaskRow(me, { title: "Mine to do", assigneeId: me.id });
    await createTaskRow(me, { title: "Theirs done", assigneeId: other.id, status: "DONE" });
    await createTaskRow(me, { title: "Nobody's late", dueDate: "2020-01-01", description: "Grüße aus Köln" });
    const cookie = await signIn(me);

    expect(titles((await listed("/tasks?status=&assignee=&q=", cookie)).data)).toHaveLength(3);
    expect(titles((await listed("/tasks?status=DONE", cookie)).data)).toEqual(["Theirs done"]);
    expect(titles((await listed("/tasks?assignee=me", cookie)).data)).toEqual(["Mine to do"]);
    expect(titles((await listed("/tasks?assignee=none", cookie)).data)).toEqual(["Nobody's late"]);
    expect(titles((await listed(`/tasks?assignee=${other.id}`, cookie)).data)).toEqual(["Theirs done"]);
    expect(titles((await listed("/tasks?q=GRÜSSE", cookie)).data)).toEqual([]);
    expect(titles((await listed("/tasks?q=GRÜßE", cookie)).data)).toEqual(["Nobody's late"]);
    const overdue = await listed("/tasks?overdue=true&status=TODO", cookie);
    expect(titles(overdue.data)).toEqual(["Nobody's late"]);
    expect(overdue.data.tasks[0]?.overdue).toBe(true);
    expect(overdue.data.filters).toEqual({ overdue: "true", status: "TODO" });
  });

  it("offers only active people as assignees, and says which rows the viewer may change", async () => {
    const member = await createUser({ name: "Member" });
    const creator = await createUser({ name: "Creator" });
    await createUser({ name: "Gone", active: false });
    await createTaskRow(creator, { title: "Not mine" });
    await createTaskRow(creator, { title: "Given to me", assigneeId: member.id });
    const { data } = await listed("/tasks", await signIn(member));
    expect(data.people.map((person) => person.name)).toEqual(["Creator", "Member"]);
    expect(Object.fromEntries(data.tasks.map((task) => [task.title, task.canEdit]))).toEqual({ "Not mine": false, "Given to me": true });
  });

  it("pages with a cursor that carries the filters along", async () => {
    const me = await createUser();
    const start = Date.UTC(2030, 0, 1);
    for (let i = 0; i < 23; i++) await createTaskRow(me, { title: `T${i}`, createdAt: new Date(start + i * 1000) });
    await createTaskRow(me, { title: "Done one", status: "DONE", createdAt: new Date(start + 99_000) });
    const cookie = await signIn(me);
    const first = await listed("/tasks?status=TODO", cookie);
    expect(first.data.tasks).toHaveLength(20);
    expect(titles(first.data)[0]).toBe("T22");
    expect(first.data.nextCursor).toEqual(expect.any(String));
    const second = await listed(`/tasks?status=TODO&cursor=${encodeURIComponent(first.data.nextCursor!)}`, cookie);
    expect(titles(second.data)).toEqual(["T2", "T1", "T0"]);
    expect(second.data.nextCursor).toBeNull();
  });

  it("answers 400 with the filter's error shown, and the typed filters kept, for a value the service refuses", async () => {
    const cookie = await signIn(await createUser());
    const bad = await listed("/tasks?status=LATER&q=x", cookie);
    expect(bad.status).toBe(400);
    expect(bad.thrown).toBeUndefined();
    expect(bad.data.problem?.fieldErrors).toEqual({ status: "Status must be To do, In progress or Done." });
    expect(bad.data.filters).toEqual({ status: "LATER", q: "x" });
    expect(bad.data.tasks).toEqual([]);

    const cursor = await listed("/tasks?cursor=forged", cookie);
    expect(cursor.status).toBe(400);
    expect(cursor.data.problem?.formError).toMatch(/cursor is not valid/);
  });
});

describe("POST /tasks (a row's status form)", () => {
  it("changes the status and goes back to the same filtered list with a flash", async () => {
    const me = await createUser();
    const task = await createTaskRow(me, { title: "Ship it" });
    const result = await run(
      list.action,
      postForm("/tasks?status=TODO&q=ship", { intent: "status", taskId: task.id, version: "1", status: "DONE" }, { cookie: await signIn(me) }),
    );
    // Back to the same list, naming the changed task and scrolled to its row.
    expect(result).toRedirectTo(`/tasks?status=TODO&q=ship&changed=${task.id}#task-${task.id}`);
    expect(await flashOf(result.headers)).toBe("“Ship it” is now done.");
    expect(await db.task.findUnique({ where: { id: task.id } })).toMatchObject({ status: "DONE", version: 2 });
    expect(await db.activity.count({ where: { subjectId: task.id, action: "task.status_changed" } })).toBe(1);
  });

  it("refuses a stale version with 409 and a message for that row, writing nothing", async () => {
    const me = await createUser();
    const task = await createTaskRow(me, { version: 3 });
    const cookie = await signIn(me);
    const before = await everything();
    const result = await run(list.action, postForm("/tasks", { intent: "status", taskId: task.id, version: "2", status: "DONE" }, { cookie }));
    expect(result.status).toBe(409);
    expect(result.thrown).toBeUndefined();
    expect(result.data).toMatchObject({ intent: "status", formError: expect.stringContaining("changed by someone else"), values: { taskId: task.id } });
    expect(await everything()).toEqual(before);
  });

  it("refuses a member who may not change the task with 403 in the row, writing nothing", async () => {
    const creator = await createUser();
    const task = await createTaskRow(creator);
    const before = await everything();
    const result = await run(
      list.action,
      postForm("/tasks", { intent: "status", taskId: task.id, version: "1", status: "DONE" }, { cookie: await signIn(await createUser()) }),
    );
    expect(result.status).toBe(403);
    expect(result.data).toMatchObject({ formError: "Only the task's creator, its assignee or an admin can change it." });
    expect((await everything()).Task).toEqual(before.Task);
    expect(await db.activity.count()).toBe(0);
  });

  it("answers 400 to an unknown intent", async () => {
    const result = await run(list.action, postForm("/tasks", { intent: "explode" }, { cookie: await signIn(await createUser()) }));
    expect(result.status).toBe(400);
  });
});

describe("GET /tasks: order and pages (issue 14)", () => {
  /** 45 tasks created a second apart, due in three groups, every fifth without a due date. */
  async function fortyFive() {
    const me = await createUser();
    const start = Date.UTC(2030, 0, 1);
    for (let i = 0; i < 45; i++) {
      const dueDate = i % 5 === 0 ? null : `2030-0${(i % 3) + 1}-10`;
      await createTaskRow(me, { title: `T${String(i).padStart(2, "0")}`, dueDate, createdAt: new Date(start + i * 1000) });
    }
    return signIn(me);
  }

  it("reads the order from the URL and says where the page is: 1–20 of 45, then 21–40 with a previous page", async () => {
    const cookie = await fortyFive();
    const first = await listed("/tasks?sort=due", cookie);
    expect(first.data.sort).toBe("due");
    expect(first.data.position).toEqual({ from: 1, to: 20, total: 45 });
    expect(first.data.hasPrev).toBe(false);
    const dues = first.data.tasks.map((task) => task.dueDate);
    expect(dues).toEqual([...dues].sort());
    expect(dues[0]).toBe("2030-01-10");

    const second = await listed(`/tasks?sort=due&cursor=${encodeURIComponent(first.data.nextCursor!)}`, cookie);
    expect(second.data.position).toEqual({ from: 21, to: 40, total: 45 });
    // The page before the second is the first: linked by its plain URL, no cursor needed.
    expect(second.data.hasPrev).toBe(true);
    expect(second.data.prevCursor).toBeNull();

    const third = await listed(`/tasks?sort=due&cursor=${encodeURIComponent(second.data.nextCursor!)}`, cookie);
    expect(third.data.position).toEqual({ from: 41, to: 45, total: 45 });
    expect(third.data.tasks.every((task) => task.title.endsWith("0") || task.title.endsWith("5"))).toBe(true); // the undated, last
    const back = await listed(`/tasks?sort=due&cursor=${encodeURIComponent(third.data.prevCursor!)}`, cookie);
    expect(titles(back.data)).toEqual(titles(second.data));
    expect(back.data.position).toEqual(second.data.position);
  });

  it("sorts the overdue list by due date unless the URL says otherwise", async () => {
    const cookie = await fortyFive();
    // Every dated task of 2030 is overdue by 2031, the soonest due first.
    const overdue = await listed("/tasks?overdue=true", cookie);
    expect(overdue.data.sort).toBe("due");
    const newest = await listed("/tasks?overdue=true&sort=-created", cookie);
    expect(newest.data.sort).toBe("-created");
  });

  it("answers 400 to an unknown order, in the words of the Sort by select", async () => {
    const cookie = await signIn(await createUser());
    const bad = await listed("/tasks?sort=priority&overdue=maybe", cookie);
    expect(bad.status).toBe(400);
    expect(bad.data.problem?.fieldErrors).toEqual({
      overdue: "Only overdue is either ticked or not.",
      sort: expect.stringMatching(/^Sort by must be one of: Newest first, Oldest first, .*Title, Z to A\.$/),
    });
    expect(bad.data.filters).toEqual({ sort: "priority", overdue: "maybe" });
  });

  it("confirms a task whose status change took it out of the filter in its row's place", async () => {
    const me = await createUser();
    const start = Date.UTC(2030, 0, 1);
    const rows = [];
    for (let i = 0; i < 3; i++) rows.push(await createTaskRow(me, { title: `Row ${i}`, createdAt: new Date(start + i * 1000) }));
    const cookie = await signIn(me);
    const middle = rows[1]!;
    const post = await run(list.action, postForm("/tasks?status=TODO", { intent: "status", taskId: middle.id, version: "1", status: "DONE" }, { cookie }));
    expect(post).toRedirectTo(`/tasks?status=TODO&changed=${middle.id}#task-${middle.id}`);

    const after = await listed(`/tasks?status=TODO&changed=${middle.id}`, cookie);
    expect(titles(after.data)).toEqual(["Row 2", "Row 0"]);
    // Newest first, it stood between Row 2 and Row 0.
    expect(after.data.moved).toEqual({ id: middle.id, title: "Row 1", status: "Done", reason: "filter", index: 1 });
    // Still listed (no filter): no confirmation row, the row itself shows the new status.
    expect((await listed(`/tasks?changed=${middle.id}`, cookie)).data.moved).toBeNull();
  });

  it("shortens a long title in the flash and the confirmation", async () => {
    const me = await createUser();
    const title = `${"Replace the old reporting pipeline ".repeat(4)}before the end of the quarter`;
    const task = await createTaskRow(me, { title });
    const cookie = await signIn(me);
    const post = await run(list.action, postForm("/tasks?status=TODO", { intent: "status", taskId: task.id, version: "1", status: "IN_PROGRESS" }, { cookie }));
    const flash = await flashOf(post.headers);
    expect(flash).toBe("“Replace the old reporting pipeline Replace the old…” is now in progress.");
    const after = await listed(`/tasks?status=TODO&changed=${task.id}`, cookie);
    expect(after.data.moved?.title).toBe("Replace the old reporting pipeline Replace the old…");
  });
});

describe("POST /tasks/new", () => {
  it("creates the task and redirects to it with a flash", async () => {
    const me = await createUser();
    const mate = await createUser();
    const result = await run(
      newTask.action,
      postForm(
        "/tasks/new",
        { title: "  Plan the launch ", description: "Line one\nLine two", status: "IN_PROGRESS", assigneeId: mate.id, dueDate: "2031-05-01" },
        { cookie: await signIn(me) },
      ),
    );
    expect(result.status).toBe(302);
    const created = await db.task.findFirstOrThrow();
    expect(result.headers.get("Location")).toBe(`/tasks/${created.id}`);
    expect(await flashOf(result.headers)).toBe("The task “Plan the launch” was created.");
    expect(created).toMatchObject({ title: "Plan the launch", description: "Line one\nLine two", status: "IN_PROGRESS", assigneeId: mate.id, creatorId: me.id });
    expect(created.dueDate?.toISOString()).toBe("2031-05-01T00:00:00.000Z");
  });

  it("quotes at most about 60 characters of a long title in the flash, cut at a word, a long word cut where it must", async () => {
    const me = await createUser();
    const cookie = await signIn(me);
    const create = (title: string) => run(newTask.action, postForm("/tasks/new", { title, status: "TODO" }, { cookie }));
    const words = "Move the quarterly planning meeting to the big room, and book the projector for the whole afternoon";
    expect(await flashOf((await create(words)).headers)).toBe("The task “Move the quarterly planning meeting to the big room, and…” was created.");
    const oneWord = "x".repeat(80);
    // At most 60 characters, the ellipsis included (shortTitle, shared with the list's confirmations).
    expect(await flashOf((await create(oneWord)).headers)).toBe(`The task “${"x".repeat(59)}…” was created.`);
    // Exactly 60 characters are quoted whole.
    expect(await flashOf((await create("y".repeat(60))).headers)).toBe(`The task “${"y".repeat(60)}” was created.`);
  });

  it("takes an empty assignee and due date as none", async () => {
    const me = await createUser();
    await run(newTask.action, postForm("/tasks/new", { title: "Bare", description: "", status: "TODO", assigneeId: "", dueDate: "" }, { cookie: await signIn(me) }));
    expect(await db.task.findFirstOrThrow()).toMatchObject({ title: "Bare", assigneeId: null, dueDate: null, description: "" });
  });

  it("re-renders with 400, each field's message and everything typed kept", async () => {
    const me = await createUser();
    const gone = await createUser({ active: false });
    const fields = { title: "", description: "Keep me", status: "DONE", assigneeId: gone.id, dueDate: "2031-02-30" };
    const result = await run(newTask.action, postForm("/tasks/new", fields, { cookie: await signIn(me) }));
    expect(result.status).toBe(400);
    expect(result.data).toMatchObject({
      fieldErrors: { title: "Give the task a title.", dueDate: "Give the due date as YYYY-MM-DD." },
      values: fields,
    });
    expect(await db.task.count()).toBe(0);

    const assignee = await run(newTask.action, postForm("/tasks/new", { ...fields, title: "Fine", dueDate: "" }, { cookie: await signIn(me) }));
    expect(assignee.status).toBe(400);
    expect(assignee.data).toMatchObject({ fieldErrors: { assigneeId: "Assign the task to an active person on the team." } });
  });

  it("offers only active people in the form", async () => {
    const me = await createUser({ name: "Me" });
    await createUser({ name: "Gone", active: false });
    const result = await run(newTask.loader, getRequest("/tasks/new", { cookie: await signIn(me) }));
    expect(result.data).toEqual({ people: [{ id: me.id, name: "Me" }] });
  });
});

describe("GET /tasks/:id", () => {
  it("shows the task, its activity and, for a bystander, no forms", async () => {
    const creator = await createUser();
    const task = await createTask(creator.actor, { title: "Seen by all" });
    const bystander = await signIn(await createUser());
    const result = await run(taskPage.loader, getRequest(`/tasks/${task.id}?confirm=delete`, { cookie: bystander }), { id: task.id });
    expect(result.data).toMatchObject({
      task: { id: task.id, title: "Seen by all", version: 1 },
      activity: [{ action: "task.created", subjectName: "Seen by all" }],
      canEdit: false,
      canDelete: false,
      confirmDelete: true,
    });
    const own = await run(taskPage.loader, getRequest(`/tasks/${task.id}`, { cookie: await signIn(creator) }), { id: task.id });
    expect(own.data).toMatchObject({ canEdit: true, canDelete: true, confirmDelete: false });
  });

  it("answers 404 for a task that does not exist", async () => {
    const result = await run(taskPage.loader, getRequest("/tasks/nope", { cookie: await signIn(await createUser()) }), { id: "nope" });
    expect(result.status).toBe(404);
  });
});

describe("POST /tasks/:id", () => {
  const editFields = (version: number, changes: Record<string, string> = {}) => ({
    intent: "update",
    version: String(version),
    title: "Mine",
    description: "My words",
    status: "IN_PROGRESS",
    assigneeId: "",
    dueDate: "",
    ...changes,
  });

  it("saves an edit, clearing what was emptied, and redirects to the task with a flash", async () => {
    const me = await createUser();
    const task = await createTask(me.actor, { title: "Before", description: "Old", assigneeId: me.id, dueDate: "2031-01-01" });
    const result = await run(taskPage.action, postForm(`/tasks/${task.id}`, editFields(1), { cookie: await signIn(me) }), { id: task.id });
    expect(result).toRedirectTo(`/tasks/${task.id}`);
    expect(await flashOf(result.headers)).toBe("Saved changes to “Mine”.");
    expect(await db.task.findUnique({ where: { id: task.id } })).toMatchObject({
      title: "Mine",
      description: "My words",
      status: "IN_PROGRESS",
      assigneeId: null,
      dueDate: null,
      version: 2,
    });
  });

  it("refuses an emptied title instead of keeping the old one", async () => {
    const me = await createUser();
    const task = await createTask(me.actor, { title: "Keep" });
    const result = await run(taskPage.action, postForm(`/tasks/${task.id}`, editFields(1, { title: "" }), { cookie: await signIn(me) }), {
      id: task.id,
    });
    expect(result.status).toBe(400);
    expect(result.data).toMatchObject({ intent: "update", fieldErrors: { title: "Give the task a title." }, values: { version: "1" } });
  });

  it("answers a stale edit with 409: the current values, the typed ones and the new version; a second submit saves", async () => {
    const me = await createUser({ name: "Me" });
    const colleague = await createAdmin({ name: "Colleague" });
    const task = await createTask(me.actor, { title: "Original", description: "First words" });
    // Both opened the form at version 1; the colleague saves first.
    await updateTask(colleague.actor, task.id, { title: "Theirs", status: "DONE", assigneeId: colleague.id }, { expectedVersion: 1 });
    const cookie = await signIn(me);

    const stale = await run(taskPage.action, postForm(`/tasks/${task.id}`, editFields(1), { cookie }), { id: task.id });
    expect(stale.status).toBe(409);
    expect(stale.thrown).toBeUndefined();
    const state = stale.data as State;
    expect(state.formError).toBe("This task was changed by someone else since you opened it.");
    expect(state.values).toMatchObject({ title: "Mine", description: "My words", status: "IN_PROGRESS", assigneeId: "", dueDate: "" });
    expect(state.current).toEqual({
      title: "Theirs",
      description: "First words",
      status: "DONE",
      assigneeId: colleague.id,
      assigneeName: "Colleague",
      dueDate: null,
      version: 2,
    });
    expect(await db.task.findUnique({ where: { id: task.id } })).toMatchObject({ title: "Theirs", version: 2 });
    expect(await db.activity.count({ where: { subjectId: task.id } })).toBe(2);

    const again = await run(taskPage.action, postForm(`/tasks/${task.id}`, editFields(state.current!.version), { cookie }), { id: task.id });
    expect(again.status).toBe(302);
    expect(await db.task.findUnique({ where: { id: task.id } })).toMatchObject({ title: "Mine", status: "IN_PROGRESS", assigneeId: null, version: 3 });
  });

  it("treats a post without a version as stale rather than overwriting blindly", async () => {
    const me = await createUser();
    const task = await createTask(me.actor, { title: "Guarded" });
    const { version: _version, ...fields } = editFields(1);
    const result = await run(taskPage.action, postForm(`/tasks/${task.id}`, fields, { cookie: await signIn(me) }), { id: task.id });
    expect(result.status).toBe(409);
    expect((await db.task.findUnique({ where: { id: task.id } }))?.title).toBe("Guarded");
  });

  it("deletes after the confirmation, keeping the activity", async () => {
    const me = await createUser();
    const task = await createTask(me.actor, { title: "Doomed" });
    const result = await run(
      taskPage.action,
      postForm(`/tasks/${task.id}?confirm=delete`, { intent: "delete", version: "1" }, { cookie: await signIn(me) }),
      { id: task.id },
    );
    expect(result).toRedirectTo("/tasks");
    expect(await flashOf(result.headers)).toBe("The task “Doomed” was deleted.");
    expect(await db.task.count()).toBe(0);
    expect(await db.activity.findMany({ where: { subjectId: task.id }, select: { action: true, subjectName: true } })).toEqual(
      expect.arrayContaining([{ action: "task.deleted", subjectName: "Doomed" }]),
    );
  });

  it("does not delete a task that changed since the confirmation was shown (409 with the current version)", async () => {
    const me = await createUser();
    const task = await createTask(me.actor, { title: "Changing" });
    await updateTask(me.actor, task.id, { title: "Changed" });
    const result = await run(
      taskPage.action,
      postForm(`/tasks/${task.id}?confirm=delete`, { intent: "delete", version: "1" }, { cookie: await signIn(me) }),
      { id: task.id },
    );
    expect(result.status).toBe(409);
    expect(result.data).toMatchObject({ intent: "delete", current: { title: "Changed", version: 2 } });
    expect(await db.task.count()).toBe(1);
  });

  it("refuses a member who may not edit or delete with the 403 page, writing nothing", async () => {
    const creator = await createUser();
    const assignee = await createUser();
    const task = await createTask(creator.actor, { title: "Not yours", assigneeId: assignee.id });
    const before = await everything();
    const bystander = await signIn(await createUser());
    for (const fields of [editFields(1), { intent: "delete", version: "1" }]) {
      const result = await run(taskPage.action, postForm(`/tasks/${task.id}`, fields, { cookie: bystander }), { id: task.id });
      expect(result.status).toBe(403);
      expect(result.thrown).toBe(true);
    }
    // The assignee may edit, but only the creator or an admin may delete.
    const asAssignee = await run(
      taskPage.action,
      postForm(`/tasks/${task.id}`, { intent: "delete", version: "1" }, { cookie: await signIn(assignee) }),
      { id: task.id },
    );
    expect(asAssignee.status).toBe(403);
    expect((await everything()).Task).toEqual(before.Task);
    expect((await everything()).Activity).toEqual(before.Activity);
  });

  it("answers 400 to an unknown intent and 404 to an unknown task", async () => {
    const me = await createUser();
    const cookie = await signIn(me);
    const task = await createTask(me.actor, { title: "Here" });
    expect((await run(taskPage.action, postForm(`/tasks/${task.id}`, { intent: "explode" }, { cookie }), { id: task.id })).status).toBe(400);
    expect((await run(taskPage.action, postForm("/tasks/nope", editFields(1), { cookie }), { id: "nope" })).status).toBe(404);
  });
});
