import { describe, expect, it } from "vitest";
import { sentenceText } from "#services/activity-sentence.ts";
import { db } from "#services/db/client.ts";
import { createTask, updateTask } from "#services/tasks.ts";
import * as home from "#app/routes/home.tsx";
import * as list from "#app/routes/tasks.tsx";
import * as taskPage from "#app/routes/tasks.$id.tsx";
import { createUser, databaseSnapshot } from "#tests/support/factories.ts";
import { flashOf, getRequest, postForm, run, signIn } from "#tests/support/http.ts";

type Row = { id: string; title: string; canEdit: boolean; canTake: boolean; canRelease: boolean };
type Entry = { sentence: Parameters<typeof sentenceText>[0] };

describe("taking a task from the list (/tasks)", () => {
  it("says which rows the viewer may take or give back", async () => {
    const me = await createUser({ name: "Me" });
    const other = await createUser({ name: "Other" });
    await createTask(other.actor, { title: "Free" });
    await createTask(other.actor, { title: "Mine", assigneeId: me.id });
    await createTask(other.actor, { title: "Theirs", assigneeId: other.id });
    const result = await run(list.loader, getRequest("/tasks", { cookie: await signIn(me) }));
    const rows = (result.data as { tasks: Row[] }).tasks;
    expect(Object.fromEntries(rows.map((row) => [row.title, [row.canTake, row.canRelease]]))).toEqual({
      Free: [true, false],
      Mine: [false, true],
      Theirs: [false, false],
    });
  });

  it("takes an unassigned task and goes back to the same list with a flash", async () => {
    const me = await createUser({ name: "Me" });
    const task = await createTask((await createUser()).actor, { title: "Free" });
    const result = await run(list.action, postForm("/tasks?q=free", { intent: "take", taskId: task.id, version: "1" }, { cookie: await signIn(me) }));
    expect(result).toRedirectTo("/tasks?q=free");
    expect(await flashOf(result.headers)).toBe("“Free” is assigned to you now.");
    expect(await db.task.findUnique({ where: { id: task.id } })).toMatchObject({ assigneeId: me.id, version: 2 });
  });

  it("gives one's own task back", async () => {
    const me = await createUser({ name: "Me" });
    const task = await createTask((await createUser()).actor, { title: "Mine", assigneeId: me.id });
    const result = await run(list.action, postForm("/tasks", { intent: "release", taskId: task.id, version: "1" }, { cookie: await signIn(me) }));
    expect(result).toRedirectTo("/tasks");
    expect(await flashOf(result.headers)).toBe("You are no longer assigned to “Mine”.");
    expect(await db.task.findUnique({ where: { id: task.id } })).toMatchObject({ assigneeId: null, version: 2 });
  });

  it("refuses a task someone else holds with 409 in its row, writing nothing", async () => {
    const holder = await createUser({ name: "Holder" });
    const task = await createTask(holder.actor, { title: "Held", assigneeId: holder.id });
    const cookie = await signIn(await createUser());
    const before = await databaseSnapshot();
    const result = await run(list.action, postForm("/tasks", { intent: "take", taskId: task.id, version: "1" }, { cookie }));
    expect(result.status).toBe(409);
    expect(result.data).toMatchObject({ intent: "take", formError: expect.stringContaining("already assigned to Holder"), values: { taskId: task.id } });
    expect(await databaseSnapshot()).toEqual(before);
  });

  it("refuses releasing someone else's task with 403 in its row, writing nothing", async () => {
    const holder = await createUser({ name: "Holder" });
    const task = await createTask(holder.actor, { title: "Held", assigneeId: holder.id });
    const cookie = await signIn(await createUser());
    const before = await databaseSnapshot();
    const result = await run(list.action, postForm("/tasks", { intent: "release", taskId: task.id, version: "1" }, { cookie }));
    expect(result.status).toBe(403);
    expect(result.data).toMatchObject({ intent: "release", formError: expect.stringContaining("Only the task's assignee") });
    expect(await databaseSnapshot()).toEqual(before);
  });

  it("refuses a stale version with 409, writing nothing", async () => {
    const me = await createUser();
    const task = await createTask(me.actor, { title: "Free" });
    await updateTask(me.actor, task.id, { title: "Free, renamed" });
    const cookie = await signIn(await createUser());
    const before = await databaseSnapshot();
    const result = await run(list.action, postForm("/tasks", { intent: "take", taskId: task.id, version: "1" }, { cookie }));
    expect(result.status).toBe(409);
    expect(result.data).toMatchObject({ intent: "take", formError: expect.stringContaining("changed by someone else") });
    expect(await databaseSnapshot()).toEqual(before);
  });
});

describe("taking a task on its page (/tasks/:id)", () => {
  it("shows the form only when the viewer may use it", async () => {
    const creator = await createUser();
    const task = await createTask(creator.actor, { title: "Free" });
    const viewer = await createUser();
    const page = await run(taskPage.loader, getRequest(`/tasks/${task.id}`, { cookie: await signIn(viewer) }), { id: task.id });
    expect(page.data).toMatchObject({ canEdit: false, canTake: true, canRelease: false });
  });

  it("takes the task, then gives it back, each with a redirect to the task and a flash; the activity says so", async () => {
    const creator = await createUser({ name: "Cora" });
    const task = await createTask(creator.actor, { title: "Free" });
    const me = await createUser({ name: "Tom" });
    const cookie = await signIn(me);

    const taken = await run(taskPage.action, postForm(`/tasks/${task.id}`, { intent: "take", taskId: task.id, version: "1" }, { cookie }), { id: task.id });
    expect(taken).toRedirectTo(`/tasks/${task.id}`);
    expect(await flashOf(taken.headers)).toBe("“Free” is assigned to you now.");
    const page = await run(taskPage.loader, getRequest(`/tasks/${task.id}`, { cookie }), { id: task.id });
    expect(page.data).toMatchObject({ canTake: false, canRelease: true, task: { assignee: { id: me.id } } });

    const released = await run(taskPage.action, postForm(`/tasks/${task.id}`, { intent: "release", taskId: task.id, version: "2" }, { cookie }), { id: task.id });
    expect(released).toRedirectTo(`/tasks/${task.id}`);
    expect(await flashOf(released.headers)).toBe("You are no longer assigned to “Free”.");

    const after = await run(taskPage.loader, getRequest(`/tasks/${task.id}`, { cookie }), { id: task.id });
    const activity = (after.data as { activity: Entry[] }).activity;
    // On the task's own page the task is "this".
    expect(activity.map((entry) => sentenceText(entry.sentence))).toEqual([
      "Tom unassigned themselves",
      "Tom assigned themselves",
      "Cora created this task",
    ]);
  });

  it("refuses a task someone else holds with 409 and the message, writing nothing", async () => {
    const holder = await createUser({ name: "Holder" });
    const task = await createTask(holder.actor, { title: "Held", assigneeId: holder.id });
    const cookie = await signIn(await createUser());
    const before = await databaseSnapshot();
    const result = await run(
      taskPage.action,
      postForm(`/tasks/${task.id}`, { intent: "take", taskId: task.id, version: "1" }, { cookie }),
      { id: task.id },
    );
    expect(result.status).toBe(409);
    expect(result.data).toMatchObject({ intent: "take", formError: expect.stringContaining("already assigned to Holder") });
    expect(await databaseSnapshot()).toEqual(before);
  });
});

describe("the dashboard's activity (/)", () => {
  it("names the task and the people in each sentence", async () => {
    const cora = await createUser({ name: "Cora" });
    const grace = await createUser({ name: "Grace" });
    const task = await createTask(cora.actor, { title: "Plan" });
    await updateTask(cora.actor, task.id, { assigneeId: grace.id, status: "IN_PROGRESS" });
    const result = await run(home.loader, getRequest("/", { cookie: await signIn(cora) }));
    const activity = (result.data as { dashboard: { activity: Entry[] } }).dashboard.activity;
    expect(activity.map((entry) => sentenceText(entry.sentence))).toEqual([
      "Cora moved Plan from To do to In progress and assigned Grace",
      "Cora created Plan",
    ]);
  });
});
