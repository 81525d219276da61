import { describe, expect, it, vi } from "vitest";
import { db } from "#services/db/client.ts";
import { createTask, editTask, updateTask } from "#services/tasks.ts";
import { createAdmin, createUser } from "#tests/support/factories.ts";

/**
 * A third save lands between the merge's read and its guarded write: the write is stale again,
 * so the merge runs again against that save, and nobody's change is lost. The hook runs inside
 * the merge (it reads the activity between the read and the write), once.
 */
const hook = vi.hoisted(() => ({ run: undefined as undefined | (() => Promise<void>) }));
vi.mock("#services/activity.ts", async (original) => {
  const actual = await original<typeof import("#services/activity.ts")>();
  return {
    ...actual,
    listSubjectActivity: async (...args: Parameters<typeof actual.listSubjectActivity>) => {
      const run = hook.run;
      hook.run = undefined;
      await run?.();
      return actual.listSubjectActivity(...args);
    },
  };
});

describe("editTask: a third save during a merge", () => {
  it("merges again against it: the first, the second and the third person's changes are all stored", async () => {
    const ada = await createUser({ name: "Ada Lovelace" });
    const grace = await createAdmin({ name: "Grace Hopper" });
    const alan = await createAdmin({ name: "Alan Turing" });
    const task = await createTask(ada.actor, { title: "Plan" });
    const base = { title: "Plan", description: "", status: "TODO", assigneeId: null, dueDate: null };
    await updateTask(grace.actor, task.id, { status: "IN_PROGRESS" });
    hook.run = async () => {
      await updateTask(alan.actor, task.id, { dueDate: "2031-01-01" });
    };

    const result = await editTask(ada.actor, task.id, { ...base, description: "Mine" }, { expectedVersion: 1, base });

    expect(hook.run).toBeUndefined();
    expect(result.task).toMatchObject({ description: "Mine", status: "IN_PROGRESS", dueDate: "2031-01-01", version: 4 });
    expect(result.keptTheirs.map((kept) => kept.field)).toEqual(["status", "dueDate"]);
    expect(await db.task.findUnique({ where: { id: task.id } })).toMatchObject({ description: "Mine", status: "IN_PROGRESS", version: 4 });
  });
});
