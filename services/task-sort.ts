import { z } from "zod";
import { Prisma } from "#services/db/client.ts";
import { InvalidCursorError } from "./errors.ts";
import { decodeCursor, encodeCursor } from "./pagination.ts";

/**
 * The orders of the task list (issue 14; docs/decisions/0028-sorting-and-paging-lists.md): a field
 * name sorts ascending, a leading `-` descending, as in `?sort=-updated`. Every order ends on the
 * task id in the same direction, so it is total and a cursor can name a place in it (keyset paging).
 * Tasks without a due date come last when sorting by due date, in both directions.
 */
export const TASK_SORTS = ["-created", "created", "-updated", "updated", "due", "-due", "title", "-title"] as const;
export type TaskSort = (typeof TASK_SORTS)[number];

/** What each order is called where people choose it. */
export const TASK_SORT_LABELS: Record<TaskSort, string> = {
  "-created": "Newest first",
  created: "Oldest first",
  "-updated": "Changed most recently",
  updated: "Changed longest ago",
  due: "Due date, soonest first",
  "-due": "Due date, latest first",
  title: "Title, A to Z",
  "-title": "Title, Z to A",
};

export const taskSortSchema = z.enum(TASK_SORTS, {
  error: `Sort by must be one of: ${TASK_SORTS.map((sort) => TASK_SORT_LABELS[sort]).join(", ")}.`,
});

/** The order when none is asked for: newest first, but overdue tasks by due date, the most overdue first. */
export function defaultSort(filters: { overdue?: string }): TaskSort {
  return filters.overdue === "true" ? "due" : "-created";
}

type SortField = { column: Prisma.Sql; value: (task: SortableTask) => string | null; compared: (value: string) => unknown; nullable: boolean };
export type SortableTask = { id: string; title: string; dueDate: string | null; createdAt: Date; updatedAt: Date };

const asDate = (value: string) => {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw new InvalidCursorError();
  return date;
};

const FIELDS: Record<string, SortField> = {
  created: { column: Prisma.sql`t."createdAt"`, value: (task) => task.createdAt.toISOString(), compared: asDate, nullable: false },
  updated: { column: Prisma.sql`t."updatedAt"`, value: (task) => task.updatedAt.toISOString(), compared: asDate, nullable: false },
  due: {
    column: Prisma.sql`t."dueDate"`,
    value: (task) => task.dueDate,
    compared: (value) => asDate(`${value}T00:00:00.000Z`),
    nullable: true,
  },
  // Any case: LOWER on both sides of every comparison (ASCII on SQLite, Unicode on PostgreSQL).
  title: { column: Prisma.sql`LOWER(t."title")`, value: (task) => task.title, compared: (value) => value, nullable: false },
};

/** Which way a cursor leads: to the rows after its key (the next page) or before it (the previous one). */
type Direction = "next" | "prev";

/** A place in one order: the key of the task at the edge of a page. */
export type Keyset = { direction: Direction; sort: TaskSort; value: string | null; id: string };

export function cursorFor(direction: Direction, sort: TaskSort, task: SortableTask): string {
  // JSON cursors hold strings and numbers only; "" stands for "no due date" (a due date is never empty).
  return encodeCursor([direction, sort, FIELDS[field(sort)]!.value(task) ?? "", task.id]);
}

/**
 * The keyset a cursor names, which must belong to `sort` (a cursor from another order is refused,
 * not misread). A two-part cursor is one issued before sorting existed: a next page, newest first.
 */
export function keysetOf(cursor: string, sort: TaskSort): Keyset {
  const parts = decodeCursor(cursor, [2, 4]);
  const [direction, cursorSort, value, id] = parts.length === 2 ? ["next", "-created", ...parts] : parts;
  if ((direction !== "next" && direction !== "prev") || cursorSort !== sort || typeof value !== "string" || typeof id !== "string") {
    throw new InvalidCursorError();
  }
  const sortField = FIELDS[field(sort)]!;
  if (value === "" && !sortField.nullable) throw new InvalidCursorError();
  if (value !== "") sortField.compared(value); // a value that is not a date is refused here, before any SQL
  return { direction, sort, value: value === "" ? null : value, id };
}

const field = (sort: TaskSort) => sort.replace(/^-/, "");
const descending = (sort: TaskSort) => sort.startsWith("-");

/**
 * ORDER BY for the list's order, or its exact reverse (to read the page before a cursor, nearest
 * first). Nulls last comes from a first key, "has no value", rather than NULLS LAST, so it holds
 * in both directions and on both databases.
 */
export function orderBy(sort: TaskSort, reversed = false): Prisma.Sql {
  const { column, nullable } = FIELDS[field(sort)]!;
  const down = descending(sort) !== reversed;
  const dir = Prisma.raw(down ? "DESC" : "ASC");
  const keys = [Prisma.sql`${column} ${dir}`, Prisma.sql`t."id" ${dir}`];
  if (nullable) keys.unshift(Prisma.sql`(${column} IS NULL) ${Prisma.raw(reversed ? "DESC" : "ASC")}`);
  return Prisma.sql`ORDER BY ${Prisma.join(keys, ", ")}`;
}

/**
 * The rows that come after (`"next"`) or before (`"prev"`) the keyset's place in its order. Never
 * NULL for any row (each comparison with a missing due date is guarded), so it can be negated and
 * counted.
 */
export function beyond(keyset: Keyset, side: Direction = keyset.direction): Prisma.Sql {
  const { column, compared, nullable } = FIELDS[field(keyset.sort)]!;
  const forward = side === "next";
  const op = Prisma.raw(descending(keyset.sort) === forward ? "<" : ">");
  const id = keyset.id;
  if (keyset.value === null) {
    // Among the tasks without a due date, which come last: after = later id among them; before = any dated task too.
    return forward
      ? Prisma.sql`(${column} IS NULL AND t."id" ${op} ${id})`
      : Prisma.sql`(${column} IS NOT NULL OR t."id" ${op} ${id})`;
  }
  const value = field(keyset.sort) === "title" ? Prisma.sql`LOWER(CAST(${keyset.value} AS TEXT))` : Prisma.sql`${compared(keyset.value)}`;
  const dated = Prisma.sql`(${column} ${op} ${value} OR (${column} = ${value} AND t."id" ${op} ${id}))`;
  if (!nullable) return dated;
  // A task without a due date comes after every dated one, and never before.
  return forward ? Prisma.sql`(${column} IS NULL OR (${column} IS NOT NULL AND ${dated}))` : Prisma.sql`(${column} IS NOT NULL AND ${dated})`;
}

/**
 * The same order in JavaScript, to tell where a task stands among a page's rows (the tasks page
 * puts a confirmation where a changed task was). Titles compare by toLowerCase, which agrees
 * with the databases' LOWER for the letters people type; only a placement rests on it.
 */
export function compareInOrder(sort: TaskSort, a: SortableTask, b: SortableTask): number {
  const { value, nullable } = FIELDS[field(sort)]!;
  const key = (task: SortableTask) => (field(sort) === "title" ? task.title.toLowerCase() : value(task));
  const [ka, kb] = [key(a), key(b)];
  if (nullable && (ka === null) !== (kb === null)) return ka === null ? 1 : -1;
  const sign = descending(sort) ? -1 : 1;
  if (ka !== kb && ka !== null && kb !== null) return (ka < kb ? -1 : 1) * sign;
  return (a.id < b.id ? -1 : a.id > b.id ? 1 : 0) * sign;
}
