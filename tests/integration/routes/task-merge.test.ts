import { describe, expect, it } from "vitest";
import { db } from "#services/db/client.ts";
import { createTask, updateTask } from "#services/tasks.ts";
import * as taskPage from "#app/routes/tasks.$id.tsx";
import { createAdmin, createUser } from "#tests/support/factories.ts";
import { flashOf, postForm, run, signIn } from "#tests/support/http.ts";

/** Issue 13, part 6 through the form door without JavaScript: the edit form sends what it showed. */
type State = {
  formError?: string;
  values: Record<string, string>;
  current?: { title: string; status: string; version: number };
  conflicts?: string[];
  keptTheirs?: string[];
};

async function opened() {
  const me = await createUser({ name: "Ada Lovelace" });
  const grace = await createAdmin({ name: "Grace Hopper" });
  const task = await createTask(me.actor, { title: "Plan", description: "Line one\nLine two" });
  const shown = { title: "Plan", description: "Line one\nLine two", status: "TODO", assigneeId: null, dueDate: null };
  // What the edit form at version 1 posts: every field, the version and the values it showed.
  const form = (changes: Record<string, string>) => ({
    intent: "update",
    version: "1",
    shown: JSON.stringify(shown),
    title: "Plan",
    description: "Line one\r\nLine two",
    status: "TODO",
    assigneeId: "",
    dueDate: "",
    ...changes,
  });
  return { me, grace, task, form, cookie: await signIn(me) };
}

describe("POST /tasks/:id against a newer version: merge, don't overwrite", () => {
  it("merges a non-overlapping edit: saved, theirs kept, and the flash says whose change was kept", async () => {
    const { grace, task, form, cookie } = await opened();
    await updateTask(grace.actor, task.id, { status: "DONE" });

    const result = await run(taskPage.action, postForm(`/tasks/${task.id}`, form({ title: "Better plan" }), { cookie }), { id: task.id });

    expect(result).toRedirectTo(`/tasks/${task.id}`);
    expect(await flashOf(result.headers)).toBe("Saved changes to “Better plan”. Kept Grace Hopper’s change to the status.");
    expect(await db.task.findUnique({ where: { id: task.id } })).toMatchObject({
      title: "Better plan",
      status: "DONE",
      description: "Line one\nLine two",
      version: 3,
    });
  });

  it("shows only the overlapping field as a conflict, keeps the typing, puts their other change in the form, and saves on the second submit", async () => {
    const { grace, task, form, cookie } = await opened();
    await updateTask(grace.actor, task.id, { title: "Their plan", dueDate: "2031-01-01" });

    const stale = await run(taskPage.action, postForm(`/tasks/${task.id}`, form({ title: "My plan", status: "IN_PROGRESS" }), { cookie }), {
      id: task.id,
    });

    expect(stale.status).toBe(409);
    const state = stale.data as State;
    expect(state.conflicts).toEqual(["title"]);
    expect(state.keptTheirs).toEqual(["dueDate"]);
    expect(state.current).toMatchObject({ title: "Their plan", version: 2 });
    // The typing is kept; the date only they changed is now in the form.
    expect(state.values).toMatchObject({ title: "My plan", status: "IN_PROGRESS", dueDate: "2031-01-01" });
    expect(await db.task.findUnique({ where: { id: task.id } })).toMatchObject({ title: "Their plan", status: "TODO", version: 2 });

    // The re-rendered form carries version 2 and the values stored now as what it showed.
    const again = await run(
      taskPage.action,
      postForm(
        `/tasks/${task.id}`,
        {
          ...form({}),
          ...state.values,
          version: "2",
          shown: JSON.stringify({ title: "Their plan", description: "Line one\nLine two", status: "TODO", assigneeId: null, dueDate: "2031-01-01" }),
        },
        { cookie },
      ),
      { id: task.id },
    );
    expect(again).toRedirectTo(`/tasks/${task.id}`);
    expect(await flashOf(again.headers)).toBe("Saved changes to “My plan”.");
    expect(await db.task.findUnique({ where: { id: task.id } })).toMatchObject({ title: "My plan", status: "IN_PROGRESS", version: 3 });
    expect((await db.task.findUnique({ where: { id: task.id } }))?.dueDate?.toISOString()).toBe("2031-01-01T00:00:00.000Z");
  });

  it("keeps today's behaviour for a form without the shown values: every field compared, nothing merged", async () => {
    const { grace, task, form, cookie } = await opened();
    await updateTask(grace.actor, task.id, { status: "DONE" });
    const { shown: _shown, ...withoutShown } = form({ title: "Mine" });

    const stale = await run(taskPage.action, postForm(`/tasks/${task.id}`, withoutShown, { cookie }), { id: task.id });

    expect(stale.status).toBe(409);
    expect((stale.data as State).conflicts).toBeUndefined();
    expect(await db.task.findUnique({ where: { id: task.id } })).toMatchObject({ title: "Plan", version: 2 });
  });

  it("ignores a shown field that is not JSON (no merge, the stale edit is refused)", async () => {
    const { grace, task, form, cookie } = await opened();
    await updateTask(grace.actor, task.id, { status: "DONE" });
    const stale = await run(taskPage.action, postForm(`/tasks/${task.id}`, form({ title: "Mine", shown: "{not json" }), { cookie }), { id: task.id });
    expect(stale.status).toBe(409);
    expect(await db.task.findUnique({ where: { id: task.id } })).toMatchObject({ title: "Plan", version: 2 });
  });
});
