import { describe, expect, it } from "vitest";
import { db } from "#services/db/client.ts";
import * as board from "#app/routes/tasks.board.tsx";
import { createAdmin, createTaskRow, createUser, databaseSnapshot } from "#tests/support/factories.ts";
import { flashOf, getRequest, postForm, run, signIn } from "#tests/support/http.ts";

type BoardData = {
  columns: { status: string; total: number; cards: { id: string; title: string; canMove: boolean; assignee: { name: string } | null; overdue: boolean }[] }[];
  filters: Record<string, string>;
  people: { id: string; name: string }[];
  problem: { formError?: string; fieldErrors: Record<string, string> } | null;
};

async function boardAt(path: string, cookie: string) {
  const result = await run(board.loader, getRequest(path, { cookie }));
  return { ...result, data: result.data as BoardData };
}

/** "status total: title, title" per column. */
const shape = (data: BoardData) => data.columns.map((column) => `${column.status} ${column.total}: ${column.cards.map((card) => card.title).join(", ")}`);

describe("GET /tasks/board", () => {
  it("sends a visitor without a session to the login page", async () => {
    const result = await run(board.loader, getRequest("/tasks/board"));
    expect(result.status).toBe(302);
  });

  it("shows a column per status with counts and cards, read with the list's filters from the URL", async () => {
    const me = await createUser({ name: "Me" });
    await createTaskRow(me, { title: "Mine to do", assigneeId: me.id });
    await createTaskRow(me, { title: "Mine started", assigneeId: me.id, status: "IN_PROGRESS", dueDate: "2020-01-01" });
    await createTaskRow(me, { title: "Nobody's done", status: "DONE" });
    const cookie = await signIn(me);

    const all = await boardAt("/tasks/board", cookie);
    expect(shape(all.data)).toEqual(["TODO 1: Mine to do", "IN_PROGRESS 1: Mine started", "DONE 1: Nobody's done"]);
    expect(all.data.columns[1]!.cards[0]).toMatchObject({ assignee: { name: "Me" }, overdue: true });

    const mine = await boardAt("/tasks/board?assignee=me&q=&overdue=true", cookie);
    expect(shape(mine.data)).toEqual(["TODO 0: ", "IN_PROGRESS 1: Mine started", "DONE 0: "]);
    expect(mine.data.filters).toEqual({ assignee: "me", overdue: "true" });
    expect(mine.data.people.map((person) => person.name)).toEqual(["Me"]);
  });

  it("says which cards the viewer may move: the creator's, the assignee's, everything for an admin", async () => {
    const creator = await createUser();
    const member = await createUser();
    await createTaskRow(creator, { title: "Not mine" });
    await createTaskRow(creator, { title: "Given to me", assigneeId: member.id });
    const movable = async (cookie: string) =>
      Object.fromEntries((await boardAt("/tasks/board", cookie)).data.columns[0]!.cards.map((card) => [card.title, card.canMove]));
    expect(await movable(await signIn(member))).toEqual({ "Not mine": false, "Given to me": true });
    expect(await movable(await signIn(await createAdmin()))).toEqual({ "Not mine": true, "Given to me": true });
  });

  it("answers 400 with the filter's error shown and the typed filters kept", async () => {
    const result = await boardAt("/tasks/board?status=LATER&q=x", await signIn(await createUser()));
    expect(result.status).toBe(400);
    expect(result.thrown).toBeUndefined();
    expect(result.data.problem?.fieldErrors).toEqual({ status: "Status must be To do, In progress or Done." });
    expect(result.data.filters).toEqual({ status: "LATER", q: "x" });
    expect(result.data.columns).toEqual([]);
  });
});

describe("POST /tasks/board (a card's move form)", () => {
  it("moves the card through the status change and goes back to the same board at the card, with a flash", async () => {
    const me = await createUser();
    const task = await createTaskRow(me, { title: "Ship it" });
    const result = await run(
      board.action,
      postForm("/tasks/board?assignee=me&q=ship", { intent: "status", taskId: task.id, version: "1", status: "IN_PROGRESS" }, { cookie: await signIn(me) }),
    );
    expect(result).toRedirectTo(`/tasks/board?assignee=me&q=ship#task-${task.id}`);
    expect(await flashOf(result.headers)).toBe("“Ship it” is now in progress.");
    expect(await db.task.findUnique({ where: { id: task.id } })).toMatchObject({ status: "IN_PROGRESS", version: 2 });
    expect(await db.activity.count({ where: { subjectId: task.id, action: "task.status_changed" } })).toBe(1);
  });

  it("refuses a member who may not move the card with 403 and the reason, writing nothing", async () => {
    const task = await createTaskRow(await createUser());
    const before = await databaseSnapshot();
    const result = await run(
      board.action,
      postForm("/tasks/board", { intent: "status", taskId: task.id, version: "1", status: "DONE" }, { cookie: await signIn(await createUser()) }),
    );
    expect(result.status).toBe(403);
    expect(result.thrown).toBeUndefined();
    expect(result.data).toMatchObject({ intent: "status", formError: "Only the task's creator, its assignee or an admin can change it.", values: { taskId: task.id } });
    expect((await databaseSnapshot()).Task).toEqual(before.Task);
    expect(await db.activity.count()).toBe(0);
  });

  it("answers a task deleted meanwhile with 404 and a stale version with 409, on the board", async () => {
    const me = await createUser();
    const cookie = await signIn(me);
    const gone = await run(board.action, postForm("/tasks/board", { intent: "status", taskId: "no-such-task", version: "1", status: "DONE" }, { cookie }));
    expect(gone.status).toBe(404);
    expect(gone.data).toMatchObject({ formError: expect.stringContaining("not found") });

    const task = await createTaskRow(me, { version: 3 });
    const before = await databaseSnapshot();
    const stale = await run(board.action, postForm("/tasks/board", { intent: "status", taskId: task.id, version: "2", status: "DONE" }, { cookie }));
    expect(stale.status).toBe(409);
    expect(stale.data).toMatchObject({ formError: expect.stringContaining("changed by someone else") });
    expect(await databaseSnapshot()).toEqual(before);
  });

  it("answers 400 to an intent the board does not have", async () => {
    const result = await run(board.action, postForm("/tasks/board", { intent: "delete" }, { cookie: await signIn(await createUser()) }));
    expect(result.status).toBe(400);
  });
});
