import { describe, expect, it } from "vitest";
import { db } from "#services/db/client.ts";
import { EditConflictError, PreconditionFailedError, ValidationError } from "#services/errors.ts";
import { createTask, editTask, updateTask } from "#services/tasks.ts";
import { activityAbout, createAdmin, createUser } from "#tests/support/factories.ts";
import { rejectionOf } from "#tests/support/rejection.ts";

/** Issue 13, part 6: a stale edit with the values it started from is merged, not refused. */
async function twoEditors() {
  const ada = await createUser({ name: "Ada Lovelace" });
  const grace = await createUser({ name: "Grace Hopper" });
  const task = await createTask(ada.actor, { title: "Plan", description: "Draft", assigneeId: grace.id });
  const base = { title: "Plan", description: "Draft", status: "TODO", assigneeId: grace.id, dueDate: null };
  return { ada, grace, task, base };
}

describe("editTask with a base: merge, don't overwrite", () => {
  it("merges a non-overlapping stale edit: mine written, theirs kept, and says who made the kept change", async () => {
    const { ada, grace, task, base } = await twoEditors();
    await updateTask(grace.actor, task.id, { status: "IN_PROGRESS" }, { expectedVersion: 1 });

    const result = await editTask(ada.actor, task.id, { ...base, title: "Better plan" }, { expectedVersion: 1, base });

    expect(result.task).toMatchObject({ title: "Better plan", status: "IN_PROGRESS", version: 3 });
    expect(result.keptTheirs).toEqual([{ field: "status", by: [{ id: grace.id, name: "Grace Hopper" }] }]);
    expect(await db.task.findUnique({ where: { id: task.id } })).toMatchObject({ title: "Better plan", status: "IN_PROGRESS", version: 3 });
    // The activity records only what this save changed.
    expect((await activityAbout(task.id)).at(-1)).toMatchObject({ actorId: ada.id, details: { title: { from: "Plan", to: "Better plan" } } });
  });

  it("refuses an overlapping edit with EditConflictError naming only the overlapping field, writing nothing", async () => {
    const { ada, grace, task, base } = await twoEditors();
    await updateTask(grace.actor, task.id, { title: "Their plan", status: "DONE" }, { expectedVersion: 1 });

    const error = await rejectionOf(editTask(ada.actor, task.id, { ...base, title: "My plan", dueDate: "2030-01-01" }, { expectedVersion: 1, base }));

    expect(error).toBeInstanceOf(EditConflictError);
    expect(error).toBeInstanceOf(PreconditionFailedError);
    expect(error).toMatchObject({ conflicts: [{ field: "title", current: "Their plan", yours: "My plan" }], keptTheirs: ["status"], currentVersion: 2 });
    expect(await db.task.findUnique({ where: { id: task.id } })).toMatchObject({ title: "Their plan", dueDate: null, version: 2 });
  });

  it("names everyone whose change was kept, in the order they made them", async () => {
    const { ada, grace, task, base } = await twoEditors();
    const alan = await createAdmin({ name: "Alan Turing" });
    await updateTask(grace.actor, task.id, { status: "IN_PROGRESS" });
    await updateTask(alan.actor, task.id, { status: "DONE", dueDate: "2030-02-02" }, { expectedVersion: 2 });

    const result = await editTask(ada.actor, task.id, { ...base, description: "Final" }, { expectedVersion: 1, base });

    expect(result.task).toMatchObject({ description: "Final", status: "DONE", dueDate: "2030-02-02", version: 4 });
    expect(result.keptTheirs).toEqual([
      { field: "status", by: [{ id: grace.id, name: "Grace Hopper" }, { id: alan.id, name: "Alan Turing" }] },
      { field: "dueDate", by: [{ id: alan.id, name: "Alan Turing" }] },
    ]);
  });

  it("saves nothing new when all I changed, they changed the same way", async () => {
    const { ada, grace, task, base } = await twoEditors();
    await updateTask(grace.actor, task.id, { status: "DONE" });
    const result = await editTask(ada.actor, task.id, { ...base, status: "DONE" }, { expectedVersion: 1, base });
    expect(result).toEqual({ task: expect.objectContaining({ status: "DONE", version: 2 }), keptTheirs: [] });
  });

  it("without a base, a stale version is refused as before (PreconditionFailedError, not a merge)", async () => {
    const { ada, grace, task, base } = await twoEditors();
    await updateTask(grace.actor, task.id, { status: "DONE" });
    const error = await rejectionOf(editTask(ada.actor, task.id, { ...base, title: "Mine" }, { expectedVersion: 1 }));
    expect(error).toBeInstanceOf(PreconditionFailedError);
    expect(error).not.toBeInstanceOf(EditConflictError);
  });

  it("refuses a version from the future even with a base", async () => {
    const { ada, task, base } = await twoEditors();
    const error = await rejectionOf(editTask(ada.actor, task.id, { title: "Mine" }, { expectedVersion: 7, base }));
    expect(error).toBeInstanceOf(PreconditionFailedError);
    expect(error).not.toBeInstanceOf(EditConflictError);
  });

  it("asks for the base value of every field it changes, and validates the base", async () => {
    const { ada, task } = await twoEditors();
    const missing = await rejectionOf(editTask(ada.actor, task.id, { title: "Mine", status: "DONE" }, { expectedVersion: 1, base: { title: "Plan" } }));
    expect(missing).toBeInstanceOf(ValidationError);
    expect((missing as ValidationError).issues).toEqual([{ field: "base.status", message: "Send the status you started from in base, to change it." }]);
    const wrong = await rejectionOf(editTask(ada.actor, task.id, { status: "DONE" }, { expectedVersion: 1, base: { status: "BLOCKED" } }));
    expect((wrong as ValidationError).issues.map((issue) => issue.field)).toEqual(["base.status"]);
  });

  it("with the current version and a base, is a plain update", async () => {
    const { ada, task, base } = await twoEditors();
    const result = await editTask(ada.actor, task.id, { ...base, title: "Now" }, { expectedVersion: 1, base });
    expect(result).toEqual({ task: expect.objectContaining({ title: "Now", version: 2 }), keptTheirs: [] });
  });
});
