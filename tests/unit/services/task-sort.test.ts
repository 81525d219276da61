import { describe, expect, it } from "vitest";
import type { Actor } from "#services/actor.ts";
import { InvalidCursorError, ValidationError } from "#services/errors.ts";
import { encodeCursor } from "#services/pagination.ts";
import { TASK_SORTS, type TaskSort } from "#services/task-sort.ts";
import { listTasks, type PublicTask, type TaskPage } from "#services/tasks.ts";
import { createTaskRow, createUser } from "#tests/support/factories.ts";
import { rejectionOf } from "#tests/support/rejection.ts";

// Issue 14, part 2: the task list in every order, paged forwards and backwards by keyset, with
// ties (same time, same due day, same title in another case) and tasks without a due date.

const day = (n: number) => new Date(Date.UTC(2026, 0, 1) + n * 60_000);

/**
 * Fourteen tasks: titles that tie in any case, creation and change times that tie in pairs, due
 * dates that tie in threes, and four tasks without a due date.
 */
async function tasksWithTies() {
  const member = await createUser({ name: "Sam Sorter" });
  const titles = ["apple", "Apple", "banana", "cherry", "Cherry", "cherry", "date", "elder", "fig", "grape", "kiwi", "lemon", "mango", "apple"];
  const dues = ["2026-03-01", null, "2026-02-01", "2026-02-01", null, "2026-03-01", "2026-02-01", null, "2026-01-15", null, "2026-03-01", "2026-01-15", "2026-04-01", "2026-04-01"];
  for (let i = 0; i < titles.length; i++) {
    await createTaskRow(member, {
      title: titles[i]!,
      dueDate: dues[i]!,
      createdAt: day(Math.floor(i / 2)),
      updatedAt: day(100 - Math.floor(i / 2) * 3 + (i % 3)),
    });
  }
  return member;
}

/** The order each sort promises, computed here from the tasks themselves. */
function expected(tasks: PublicTask[], sort: TaskSort) {
  const down = sort.startsWith("-");
  const field = sort.replace("-", "");
  const key = (task: PublicTask): string | null =>
    field === "created"
      ? task.createdAt.toISOString()
      : field === "updated"
        ? task.updatedAt.toISOString()
        : field === "due"
          ? task.dueDate
          : task.title.toLowerCase();
  return [...tasks].sort((a, b) => {
    const [ka, kb] = [key(a), key(b)];
    if (ka === null || kb === null) {
      if (ka !== kb) return ka === null ? 1 : -1; // no due date last, either way
    } else if (ka !== kb) return (ka < kb ? -1 : 1) * (down ? -1 : 1);
    return (a.id < b.id ? -1 : 1) * (down ? -1 : 1);
  });
}

type Walk = { pages: TaskPage[] };

/** Every page, following nextCursor from the first. */
async function walkForwards(actor: Actor, filters: Record<string, string>, limit: number): Promise<Walk> {
  const pages: TaskPage[] = [];
  let cursor: string | undefined;
  do {
    const page = await listTasks(actor, filters, { limit, cursor, count: true });
    pages.push(page);
    cursor = page.nextCursor ?? undefined;
    if (pages.length > 50) throw new Error("the walk does not end");
  } while (cursor);
  return { pages };
}

/** From the last page back to the first, following prevCursor. */
async function walkBackwards(actor: Actor, filters: Record<string, string>, limit: number, from: TaskPage): Promise<TaskPage[]> {
  const pages = [from];
  let cursor = from.prevCursor ?? undefined;
  while (cursor) {
    const page = await listTasks(actor, filters, { limit, cursor, count: true });
    pages.unshift(page);
    cursor = page.prevCursor ?? undefined;
    if (pages.length > 50) throw new Error("the walk does not end");
  }
  return pages;
}

const ids = (tasks: { id: string }[]) => tasks.map((task) => task.id);

describe("listTasks sorted", () => {
  it.each(TASK_SORTS)("sort=%s: every page in order, no gaps or repeats, forwards and back, with the right position", async (sort) => {
    const member = await tasksWithTies();
    const all = (await listTasks(member.actor, {}, { limit: 100 })).items;
    const order = expected(all, sort);

    const { pages } = await walkForwards(member.actor, { sort }, 4);
    expect(pages.map((page) => page.sort)).toEqual(pages.map(() => sort));
    expect(ids(pages.flatMap((page) => page.items))).toEqual(ids(order));
    expect(pages.map((page) => page.position)).toEqual([
      { from: 1, to: 4, total: 14 },
      { from: 5, to: 8, total: 14 },
      { from: 9, to: 12, total: 14 },
      { from: 13, to: 14, total: 14 },
    ]);
    expect(pages[0]!.prevCursor).toBeNull();
    expect(pages.at(-1)!.nextCursor).toBeNull();

    // Back from the last page: the same pages, each with its position, the first without a prevCursor.
    const back = await walkBackwards(member.actor, { sort }, 4, pages.at(-1)!);
    expect(back.map((page) => ids(page.items))).toEqual(pages.map((page) => ids(page.items)));
    expect(back.map((page) => page.position)).toEqual(pages.map((page) => page.position));
    expect(back[0]!.prevCursor).toBeNull();
    expect(back[0]!.nextCursor).toEqual(expect.any(String));
  });

  it("puts tasks without a due date last by due date, soonest first and latest first", async () => {
    const member = await tasksWithTies();
    for (const sort of ["due", "-due"] as const) {
      const { items } = await listTasks(member.actor, { sort }, { limit: 100 });
      const dues = items.map((task) => task.dueDate);
      expect(dues.slice(-4)).toEqual([null, null, null, null]);
      const dated = dues.slice(0, -4) as string[];
      expect(dated).toEqual([...dated].sort((a, b) => (sort === "due" ? a.localeCompare(b) : b.localeCompare(a))));
    }
  });

  it("sorts titles in any case: apple and Apple side by side, before banana", async () => {
    const member = await tasksWithTies();
    const { items } = await listTasks(member.actor, { sort: "title" }, { limit: 5 });
    expect(items.map((task) => task.title.toLowerCase())).toEqual(["apple", "apple", "apple", "banana", "cherry"]);
  });

  it("sorts the overdue filter by due date, the most overdue first, unless asked otherwise", async () => {
    const member = await tasksWithTies();
    const now = new Date("2026-03-15T12:00:00.000Z");
    const overdue = await listTasks(member.actor, { overdue: "true" }, { limit: 100, now });
    expect(overdue.sort).toBe("due");
    expect(overdue.items.map((task) => task.dueDate)).toEqual([
      "2026-01-15",
      "2026-01-15",
      "2026-02-01",
      "2026-02-01",
      "2026-02-01",
      "2026-03-01",
      "2026-03-01",
      "2026-03-01",
    ]);
    const newest = await listTasks(member.actor, { overdue: "true", sort: "-created" }, { limit: 100, now });
    expect(newest.sort).toBe("-created");
    expect(ids(newest.items)).toEqual(ids(expected(overdue.items, "-created")));
  });

  it("counts only what the filters let through", async () => {
    const member = await tasksWithTies();
    const page = await listTasks(member.actor, { q: "cherry", sort: "title" }, { limit: 2, count: true });
    expect(page.position).toEqual({ from: 1, to: 2, total: 3 });
    const next = await listTasks(member.actor, { q: "cherry", sort: "title" }, { limit: 2, cursor: page.nextCursor!, count: true });
    expect(next.position).toEqual({ from: 3, to: 3, total: 3 });
    const none = await listTasks(member.actor, { q: "nothing like it" }, { count: true });
    expect(none.position).toEqual({ from: 0, to: 0, total: 0 });
  });

  it("keeps paging right when tasks are added at a cursor's own due day and without a due date meanwhile", async () => {
    const member = await tasksWithTies();
    const first = await listTasks(member.actor, { sort: "due" }, { limit: 5 });
    const edge = first.items.at(-1)!;
    for (let i = 0; i < 3; i++) {
      await createTaskRow(member, { title: `late ${i}`, dueDate: edge.dueDate, createdAt: day(50) });
      await createTaskRow(member, { title: `undated ${i}`, dueDate: null, createdAt: day(50) });
    }
    const rest: PublicTask[] = [];
    let cursor = first.nextCursor ?? undefined;
    while (cursor) {
      const page = await listTasks(member.actor, { sort: "due" }, { limit: 5, cursor });
      rest.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    }
    const all = (await listTasks(member.actor, { sort: "due" }, { limit: 100 })).items;
    // Everything after the first page's last task, exactly once: the new ones fall where they sort.
    expect(ids(rest)).toEqual(ids(all.slice(all.findIndex((task) => task.id === edge.id) + 1)));
    expect(new Set(ids([...first.items, ...rest])).size).toBe(first.items.length + rest.length);
  });

  it("refuses a cursor made for another order, or one holding a value its order cannot have", async () => {
    const member = await tasksWithTies();
    const byDue = await listTasks(member.actor, { sort: "due" }, { limit: 2 });
    for (const sort of ["-due", "title", "-created"] as const) {
      expect(await rejectionOf(listTasks(member.actor, { sort }, { cursor: byDue.nextCursor! }))).toBeInstanceOf(InvalidCursorError);
    }
    const forged = [
      encodeCursor(["next", "created", "", "x"]), // only a due date may be missing
      encodeCursor(["next", "due", "tomorrow", "x"]),
      encodeCursor(["sideways", "due", "2026-01-01", "x"]),
      encodeCursor(["next", "due", 20260101, "x"]),
      encodeCursor(["next", "-created", "2026-01-01T00:00:00.000Z"]),
    ];
    for (const cursor of forged) {
      const sort = cursor === forged[0] ? "created" : "due";
      expect(await rejectionOf(listTasks(member.actor, { sort }, { cursor }))).toBeInstanceOf(InvalidCursorError);
    }
  });

  it("still takes a cursor from before sorting existed (creation time and id) for the default order", async () => {
    const member = await tasksWithTies();
    const all = (await listTasks(member.actor, {}, { limit: 100 })).items;
    const old = encodeCursor([all[2]!.createdAt.toISOString(), all[2]!.id]);
    const page = await listTasks(member.actor, {}, { limit: 3, cursor: old });
    expect(ids(page.items)).toEqual(ids(all.slice(3, 6)));
  });

  it("refuses an unknown sort with a message naming the orders as people choose them", async () => {
    const member = await createUser();
    const error = await rejectionOf(listTasks(member.actor, { sort: "priority" }));
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues).toEqual([
      {
        field: "sort",
        message:
          "Sort by must be one of: Newest first, Oldest first, Changed most recently, Changed longest ago, Due date, soonest first, Due date, latest first, Title, A to Z, Title, Z to A.",
      },
    ]);
  });

  it("words each filter's refusal with what the filter form shows, not the values it sends", async () => {
    const member = await createUser();
    const error = await rejectionOf(listTasks(member.actor, { status: "nope", overdue: "maybe", assignee: "x".repeat(65) }));
    expect((error as ValidationError).issues).toEqual([
      { field: "status", message: "Status must be To do, In progress or Done." },
      { field: "assignee", message: "Assignee must be Me, Nobody or a person on the team." },
      { field: "overdue", message: "Only overdue is either ticked or not." },
    ]);
  });
});
