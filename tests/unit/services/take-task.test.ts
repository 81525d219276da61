import { describe, expect, it } from "vitest";
import { sentenceText } from "#services/activity-sentence.ts";
import { db } from "#services/db/client.ts";
import { ConflictError, ForbiddenError, NotFoundError, PreconditionFailedError } from "#services/errors.ts";
import { createTask, deleteTask, listTaskActivity, releaseTask, takeTask, taskAbilities, updateTask } from "#services/tasks.ts";
import { getDashboard } from "#services/dashboard.ts";
import { activityAbout, createAdmin, createUser, databaseSnapshot } from "#tests/support/factories.ts";
import { rejectionOf } from "#tests/support/rejection.ts";

async function team() {
  const creator = await createUser({ name: "Cora Creator" });
  const taker = await createUser({ name: "Tom Taker" });
  const other = await createUser({ name: "Oli Other" });
  const admin = await createAdmin({ name: "Ada Admin" });
  const task = await createTask(creator.actor, { title: "Write the plan" });
  return { creator, taker, other, admin, task };
}

describe("takeTask: a member takes an unassigned task", () => {
  it("assigns it to them, bumps the version and records who, with names", async () => {
    const { taker, task } = await team();

    const taken = await takeTask(taker.actor, task.id);

    expect(taken).toMatchObject({ assignee: { id: taker.id, name: "Tom Taker" }, version: 2 });
    expect((await activityAbout(task.id)).at(-1)).toMatchObject({
      action: "task.updated",
      actorId: taker.id,
      details: { assigneeId: { from: null, to: taker.id }, assignee: { from: null, to: { id: taker.id, name: "Tom Taker" } } },
    });
    const [entry] = await listTaskActivity(taker.actor, task.id);
    expect(sentenceText(entry!.sentence)).toBe("Tom Taker assigned themselves to Write the plan");
  });

  it("needs no edit permission: a member who neither made nor holds the task may take it", async () => {
    const { other, task } = await team();
    expect(taskAbilities(other.actor, task)).toMatchObject({ canEdit: false, canTake: true, canRelease: false });
    await expect(takeTask(other.actor, task.id)).resolves.toMatchObject({ assignee: { id: other.id } });
  });

  it("refuses a task assigned to someone else with ConflictError naming them: nothing written", async () => {
    const { taker, other, task } = await team();
    await takeTask(taker.actor, task.id);
    const before = await databaseSnapshot();

    const error = await rejectionOf(takeTask(other.actor, task.id));

    expect(error).toBeInstanceOf(ConflictError);
    expect((error as Error).message).toContain("Tom Taker");
    expect(await databaseSnapshot()).toEqual(before);
  });

  it("an admin cannot take someone else's task either (they reassign through an edit)", async () => {
    const { taker, admin, task } = await team();
    await takeTask(taker.actor, task.id);
    await expect(takeTask(admin.actor, task.id)).rejects.toBeInstanceOf(ConflictError);
  });

  it("taking a task already one's own changes nothing: same version, no activity", async () => {
    const { taker, task } = await team();
    await takeTask(taker.actor, task.id);
    const count = await db.activity.count();

    await expect(takeTask(taker.actor, task.id)).resolves.toMatchObject({ version: 2, assignee: { id: taker.id } });
    expect(await db.activity.count()).toBe(count);
  });

  it("honours the expected version: a stale one is PreconditionFailedError, nothing written", async () => {
    const { creator, taker, task } = await team();
    await updateTask(creator.actor, task.id, { title: "Write the plan, v2" });
    const before = await databaseSnapshot();

    await expect(takeTask(taker.actor, task.id, { expectedVersion: 1 })).rejects.toBeInstanceOf(PreconditionFailedError);
    expect(await databaseSnapshot()).toEqual(before);
    await expect(takeTask(taker.actor, task.id, { expectedVersion: 2 })).resolves.toMatchObject({ version: 3 });
  });

  it("two members taking at once: one gets it, the other a ConflictError", async () => {
    const { taker, other, task } = await team();
    const results = await Promise.allSettled([takeTask(taker.actor, task.id), takeTask(other.actor, task.id)]);
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    const [refused] = results.filter((result) => result.status === "rejected");
    expect((refused as PromiseRejectedResult).reason).toBeInstanceOf(ConflictError);
    expect(await db.activity.count({ where: { subjectId: task.id } })).toBe(2);
  });

  it("an unknown or deleted task is NotFoundError", async () => {
    const { creator, taker, task } = await team();
    await deleteTask(creator.actor, task.id);
    await expect(takeTask(taker.actor, task.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(takeTask(taker.actor, "no-such-task")).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe("releaseTask: the assignee gives a task back", () => {
  it("unassigns them and records it as 'unassigned themselves'", async () => {
    const { taker, task } = await team();
    await takeTask(taker.actor, task.id);
    expect(taskAbilities(taker.actor, await takeTask(taker.actor, task.id))).toMatchObject({ canTake: false, canRelease: true });

    const released = await releaseTask(taker.actor, task.id);

    expect(released).toMatchObject({ assignee: null, version: 3 });
    expect((await activityAbout(task.id)).at(-1)).toMatchObject({
      actorId: taker.id,
      details: { assignee: { from: { id: taker.id, name: "Tom Taker" }, to: null } },
    });
    const [entry] = await listTaskActivity(taker.actor, task.id);
    expect(sentenceText(entry!.sentence)).toBe("Tom Taker unassigned themselves from Write the plan");
  });

  it("refuses anyone but the assignee with ForbiddenError, the creator and admins included: nothing written", async () => {
    const { creator, taker, other, admin, task } = await team();
    await takeTask(taker.actor, task.id);
    const before = await databaseSnapshot();

    for (const actor of [other.actor, creator.actor, admin.actor]) {
      await expect(releaseTask(actor, task.id)).rejects.toBeInstanceOf(ForbiddenError);
    }
    expect(await databaseSnapshot()).toEqual(before);
  });

  it("releasing a task nobody holds changes nothing", async () => {
    const { taker, task } = await team();
    const count = await db.activity.count();
    await expect(releaseTask(taker.actor, task.id)).resolves.toMatchObject({ version: 1, assignee: null });
    expect(await db.activity.count()).toBe(count);
  });

  it("honours the expected version", async () => {
    const { taker, task } = await team();
    await takeTask(taker.actor, task.id);
    await expect(releaseTask(taker.actor, task.id, { expectedVersion: 1 })).rejects.toBeInstanceOf(PreconditionFailedError);
    await expect(releaseTask(taker.actor, task.id, { expectedVersion: 2 })).resolves.toMatchObject({ version: 3 });
  });
});

describe("activity sentences from the service", () => {
  it("say what changed, with old and new values, on the task and on the dashboard", async () => {
    const { creator, taker, task } = await team();
    await updateTask(creator.actor, task.id, { status: "IN_PROGRESS" });
    await updateTask(creator.actor, task.id, { title: "Write the real plan" });
    await updateTask(creator.actor, task.id, { assigneeId: taker.id });
    await updateTask(creator.actor, task.id, { assigneeId: null });
    await updateTask(creator.actor, task.id, { dueDate: "2026-12-24" });
    await updateTask(creator.actor, task.id, { dueDate: null });
    await updateTask(creator.actor, task.id, { description: "Secret words" });
    await updateTask(creator.actor, task.id, { status: "DONE", dueDate: "2027-01-02" });

    const entries = await listTaskActivity(creator.actor, task.id);
    const said = entries.map((entry) => sentenceText(entry.sentence)).reverse();
    expect(said).toEqual([
      "Cora Creator created Write the plan",
      "Cora Creator moved Write the plan from To do to In progress",
      "Cora Creator renamed “Write the plan” to Write the real plan",
      "Cora Creator assigned Tom Taker to Write the real plan",
      "Cora Creator unassigned Tom Taker from Write the real plan",
      "Cora Creator set the due date of Write the real plan to 2026-12-24",
      "Cora Creator removed the due date of Write the real plan",
      "Cora Creator edited the description of Write the real plan",
      "Cora Creator moved Write the real plan from In progress to Done and set the due date to 2027-01-02",
    ]);
    expect(JSON.stringify(entries)).not.toContain("Secret words");
    expect(entries.every((entry) => entry.subjectExists)).toBe(true);

    const dashboard = await getDashboard(creator.actor);
    expect(sentenceText(dashboard.activity[0]!.sentence)).toBe(said.at(-1));
  });

  it("name a deleted task without a page to link to", async () => {
    const { creator, task } = await team();
    await deleteTask(creator.actor, task.id);
    const entries = await listTaskActivity(creator.actor, task.id);
    expect(entries.map((entry) => entry.subjectExists)).toEqual([false, false]);
    expect(entries[0]!.sentence).toEqual([
      { type: "person", id: creator.id, name: "Cora Creator" },
      { type: "text", text: " deleted " },
      { type: "task", id: task.id, name: "Write the plan", exists: false },
    ]);
  });

  it("keep entries written before names were recorded readable", async () => {
    const { creator, taker, task } = await team();
    await db.activity.create({
      data: {
        id: "old-entry",
        actorId: creator.id,
        action: "task.updated",
        subjectType: "task",
        subjectId: task.id,
        subjectName: task.title,
        details: JSON.stringify({ assigneeId: { from: null, to: taker.id } }),
        createdAt: new Date(Date.now() + 1000),
      },
    });
    const [entry] = await listTaskActivity(creator.actor, task.id);
    expect(sentenceText(entry!.sentence)).toBe("Cora Creator changed the assignee of Write the plan");
  });
});
