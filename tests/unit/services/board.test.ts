import { describe, expect, it } from "vitest";
import { getTaskBoard, type BoardColumn } from "#services/board.ts";
import { ValidationError } from "#services/errors.ts";
import { createTaskRow, createUser } from "#tests/support/factories.ts";
import { rejectionOf } from "#tests/support/rejection.ts";

const NOW = new Date("2030-06-15T12:00:00.000Z");

/** Each column as "status total: titles", so a whole board reads in one line per column. */
const shape = (columns: BoardColumn[]) => columns.map((column) => `${column.status} ${column.total}: ${column.cards.map((card) => card.title).join(", ")}`);

describe("getTaskBoard", () => {
  it("gives one column per status, in order, each with its count and cards, empty ones included", async () => {
    const me = await createUser({ name: "Me" });
    await createTaskRow(me, { title: "Started", status: "IN_PROGRESS", assigneeId: me.id });
    await createTaskRow(me, { title: "Planned" });
    expect(shape(await getTaskBoard(me.actor, {}, { now: NOW }))).toEqual(["TODO 1: Planned", "IN_PROGRESS 1: Started", "DONE 0: "]);
  });

  it("shows what a card needs: assignee, creator, version, due date and overdue in words", async () => {
    const me = await createUser({ name: "Me" });
    const task = await createTaskRow(me, { title: "Late", assigneeId: me.id, dueDate: "2030-06-14", version: 4 });
    const [todo] = await getTaskBoard(me.actor, {}, { now: NOW });
    expect(todo!.cards).toEqual([
      { id: task.id, title: "Late", status: "TODO", version: 4, creatorId: me.id, assignee: { id: me.id, name: "Me" }, dueDate: "2030-06-14", overdue: true },
    ]);
  });

  it("caps the cards per column but counts every matching task", async () => {
    const me = await createUser();
    for (let i = 0; i < 5; i++) await createTaskRow(me, { title: `Todo ${i}` });
    for (let i = 0; i < 2; i++) await createTaskRow(me, { title: `Done ${i}`, status: "DONE" });
    const columns = await getTaskBoard(me.actor, {}, { perColumn: 3, now: NOW });
    expect(columns.map((column) => [column.total, column.cards.length])).toEqual([
      [5, 3],
      [0, 0],
      [2, 2],
    ]);
  });

  it("orders open columns soonest due first (overdue on top), undated newest after; done by the latest finished", async () => {
    const me = await createUser();
    const at = (minute: number) => new Date(Date.UTC(2030, 0, 1, 0, minute));
    await createTaskRow(me, { title: "Undated old", createdAt: at(1) });
    await createTaskRow(me, { title: "Undated new", createdAt: at(2) });
    await createTaskRow(me, { title: "Due later", dueDate: "2030-07-01", createdAt: at(3) });
    await createTaskRow(me, { title: "Overdue", dueDate: "2030-06-01", createdAt: at(4) });
    await createTaskRow(me, { title: "Finished first", status: "DONE", completedAt: at(10) });
    await createTaskRow(me, { title: "Finished last", status: "DONE", completedAt: at(20) });
    const [todo, , done] = await getTaskBoard(me.actor, {}, { now: NOW });
    expect(todo!.cards.map((card) => card.title)).toEqual(["Overdue", "Due later", "Undated new", "Undated old"]);
    expect(done!.cards.map((card) => card.title)).toEqual(["Finished last", "Finished first"]);
  });

  it("reads the list's filters: assignee, search, overdue, status", async () => {
    const me = await createUser({ name: "Me" });
    const other = await createUser({ name: "Other" });
    await createTaskRow(me, { title: "Mine", assigneeId: me.id });
    await createTaskRow(me, { title: "Theirs, late", assigneeId: other.id, dueDate: "2020-01-01", status: "IN_PROGRESS" });
    await createTaskRow(me, { title: "Nobody's", description: "Grüße aus Köln", status: "DONE" });
    const board = (filters: Record<string, string>) => getTaskBoard(me.actor, filters, { now: NOW }).then(shape);
    expect(await board({ assignee: "me" })).toEqual(["TODO 1: Mine", "IN_PROGRESS 0: ", "DONE 0: "]);
    expect(await board({ assignee: other.id })).toEqual(["TODO 0: ", "IN_PROGRESS 1: Theirs, late", "DONE 0: "]);
    expect(await board({ assignee: "none", q: "GRÜßE" })).toEqual(["TODO 0: ", "IN_PROGRESS 0: ", "DONE 1: Nobody's"]);
    expect(await board({ overdue: "true" })).toEqual(["TODO 0: ", "IN_PROGRESS 1: Theirs, late", "DONE 0: "]);
    expect(await board({ status: "TODO" })).toEqual(["TODO 1: Mine", "IN_PROGRESS 0: ", "DONE 0: "]);
  });

  it("refuses a filter the list refuses, naming the field", async () => {
    const me = await createUser();
    const error = await rejectionOf(getTaskBoard(me.actor, { status: "LATER" }));
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues.map((issue) => issue.field)).toEqual(["status"]);
  });
});
