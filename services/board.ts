import { Prisma } from "#services/db/client.ts";
import { queryRows } from "#services/db/sql.ts";
import type { Actor } from "./actor.ts";
import { isOverdue, TASK_STATUSES, taskFilterConditions, type TaskStatus } from "./tasks.ts";

/**
 * The task board (issue 14): the tasks that match the list's filters, one column per status. Each
 * column says how many tasks match in that status and shows the first of them; the rest are in
 * the list, filtered by that status. Moving a card is a status change like any other
 * (`changeTaskStatus` in tasks.ts), so only the read lives here.
 */

/** Cards shown per column; a column with more links to the list for the rest. */
export const BOARD_COLUMN_SIZE = 50;

/** What a card shows, and what a page needs to decide whether the viewer may move it (`can`). */
export type BoardCard = {
  id: string;
  title: string;
  status: TaskStatus;
  version: number;
  creatorId: string;
  assignee: { id: string; name: string } | null;
  /** YYYY-MM-DD or null. */
  dueDate: string | null;
  overdue: boolean;
};

export type BoardColumn = {
  status: TaskStatus;
  /** Every matching task in this status, not only the cards shown. */
  total: number;
  cards: BoardCard[];
};

type BoardRow = Omit<BoardCard, "assignee" | "dueDate" | "overdue"> & {
  dueDate: Date | null;
  assigneeId: string | null;
  assigneeName: string | null;
  total: number;
};

/**
 * One statement for the whole board: the matching tasks numbered within their status
 * (ROW_NUMBER) and counted per status (COUNT over the same partition), of which the first
 * `perColumn` of each status come back, each carrying its column's count. Descriptions are not
 * read: a card does not show them. Window functions read the same on SQLite and PostgreSQL.
 *
 * The order is what a column is for. Open tasks: the soonest due first (so the overdue lead),
 * those without a due date after them, newest first. Done: the most recently finished first.
 */
export async function getTaskBoard(
  actor: Actor,
  filters: unknown = {},
  { perColumn = BOARD_COLUMN_SIZE, now = new Date() }: { perColumn?: number; now?: Date } = {},
): Promise<BoardColumn[]> {
  const where = taskFilterConditions(actor, filters, now);
  const size = Math.min(Math.max(Math.trunc(perColumn), 1), BOARD_COLUMN_SIZE);
  const rows = await queryRows<BoardRow>(Prisma.sql`
    SELECT b."id", b."title", b."status", b."version", b."creatorId", b."dueDate", b."assigneeId", b."assigneeName", b."total"
    FROM (
      SELECT t."id", t."title", t."status", t."version", t."creatorId", t."dueDate", t."assigneeId", a."name" AS "assigneeName",
             CAST(ROW_NUMBER() OVER (
               PARTITION BY t."status"
               ORDER BY CASE WHEN t."status" = 'DONE' THEN COALESCE(t."completedAt", t."updatedAt") END DESC,
                        CASE WHEN t."dueDate" IS NULL THEN 1 ELSE 0 END, t."dueDate",
                        t."createdAt" DESC, t."id" DESC
             ) AS INTEGER) AS "place",
             CAST(COUNT(*) OVER (PARTITION BY t."status") AS INTEGER) AS "total"
      FROM "Task" t
      LEFT JOIN "User" a ON a."id" = t."assigneeId"
      ${where.length > 0 ? Prisma.sql`WHERE ${Prisma.join(where, " AND ")}` : Prisma.empty}
    ) b
    WHERE b."place" <= ${size}
    ORDER BY b."place"`);

  const columns = TASK_STATUSES.map((status): BoardColumn => ({ status, total: 0, cards: [] }));
  for (const { assigneeId, assigneeName, dueDate, total, ...row } of rows) {
    const column = columns.find((candidate) => candidate.status === row.status)!;
    column.total = total;
    column.cards.push({
      ...row,
      assignee: assigneeId === null ? null : { id: assigneeId, name: assigneeName ?? "" },
      dueDate: dueDate ? dueDate.toISOString().slice(0, 10) : null,
      overdue: isOverdue(dueDate, row.status, now),
    });
  }
  return columns;
}
