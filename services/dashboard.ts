import { db, Prisma } from "#services/db/client.ts";
import { countWhere, queryRows } from "#services/db/sql.ts";
import { listActivity, type ActivityEntry } from "./activity.ts";
import type { Actor } from "./actor.ts";
import { isOverdue, overdueSql, type PublicTask, type TaskStatus } from "./tasks.ts";
import { dayInZone, startOfDayInZone } from "./time-preferences.ts";

/**
 * The home page's numbers and short lists, in five SQL statements whatever the data (the
 * statement count, not SQLite, is what a request costs: docs/decisions/0014-performance.md):
 * one for all the counts, two short lists, the completion times of the chart's window (bucketed
 * per day of the viewer's zone here, not in SQL: grouping by a zone's days would need
 * provider-specific date and zone functions, and the rows are one column each, at most the tasks
 * completed in the window), and the activity. Each is plain SQL with quoted
 * identifiers, read straight through the driver adapter (services/db/sql.ts), the same on PostgreSQL.
 */

export const DASHBOARD_LIST_SIZE = 10;
export const DASHBOARD_ACTIVITY_SIZE = 15;
const MAX_WEEKS = 52;
const DAY_MS = 86_400_000;

/** What the dashboard shows of a task: no description (up to 10,000 characters) nobody reads there. */
export type DashboardTask = Pick<PublicTask, "id" | "title" | "status" | "assignee" | "dueDate" | "overdue" | "createdAt">;

export type StatusCounts = Record<TaskStatus, number> & { overdue: number; total: number };

export type DayCount = { /** YYYY-MM-DD, a day in the viewer's zone. */ date: string; count: number };

export type Dashboard = {
  counts: StatusCounts;
  /** The actor's tasks that are not done, newest first. */
  assignedToMe: DashboardTask[];
  /** Past their due date and not done, the longest overdue first. */
  overdue: DashboardTask[];
  activity: ActivityEntry[];
  /** One entry per day of the viewer's zone (from midnight to midnight there, however long daylight saving makes it), oldest first, the last one today: `weeks` × 7 entries. */
  completedPerDay: DayCount[];
};

type DashboardTaskRow = Omit<DashboardTask, "assignee" | "dueDate" | "overdue"> & {
  dueDate: Date | null;
  assigneeId: string | null;
  assigneeName: string | null;
};

const SELECT_DASHBOARD_TASKS = Prisma.sql`
  SELECT t."id", t."title", t."status", t."dueDate", t."createdAt", t."assigneeId", a."name" AS "assigneeName"
  FROM "Task" t LEFT JOIN "User" a ON a."id" = t."assigneeId"`;


/**
 * Everyone sees every task (docs/design.md §3), so any signed-in actor may read the dashboard.
 * `timeZone`: the viewer's (an IANA name, checked by services/time-preferences.ts); the chart's days begin at their midnight.
 */
export async function getDashboard(
  actor: Actor,
  { now = new Date(), weeks = 4, timeZone = "UTC" }: { now?: Date; weeks?: number; timeZone?: string } = {},
): Promise<Dashboard> {
  const days = Math.min(Math.max(Math.trunc(weeks) || 1, 1), MAX_WEEKS) * 7;
  const today = dayInZone(now, timeZone);
  const chartDays = Array.from({ length: days }, (_, i) => addDays(today, i - days + 1));
  const from = startOfDayInZone(chartDays[0]!, timeZone);
  const tomorrow = startOfDayInZone(addDays(today, 1), timeZone);
  const overdue = overdueSql(now);

  const [[countRow], assignedRows, overdueRows, completed, activity] = await Promise.all([
    queryRows<StatusCounts>(Prisma.sql`
      SELECT ${countWhere(Prisma.sql`t."status" = 'TODO'`)} AS "TODO",
             ${countWhere(Prisma.sql`t."status" = 'IN_PROGRESS'`)} AS "IN_PROGRESS",
             ${countWhere(Prisma.sql`t."status" = 'DONE'`)} AS "DONE",
             ${countWhere(overdue)} AS "overdue",
             CAST(COUNT(*) AS INTEGER) AS "total"
      FROM "Task" t`),
    queryRows<DashboardTaskRow>(Prisma.sql`
      ${SELECT_DASHBOARD_TASKS}
      WHERE t."assigneeId" = ${actor.id} AND t."status" <> 'DONE'
      ORDER BY t."createdAt" DESC, t."id" DESC
      LIMIT ${DASHBOARD_LIST_SIZE}`),
    queryRows<DashboardTaskRow>(Prisma.sql`
      ${SELECT_DASHBOARD_TASKS}
      WHERE ${overdue}
      ORDER BY t."dueDate" ASC, t."createdAt" ASC, t."id" ASC
      LIMIT ${DASHBOARD_LIST_SIZE}`),
    queryRows<{ completedAt: Date }>(Prisma.sql`
      SELECT t."completedAt" FROM "Task" t WHERE t."completedAt" >= ${from} AND t."completedAt" < ${tomorrow}`),
    listActivity(actor, { limit: DASHBOARD_ACTIVITY_SIZE }),
  ]);

  const counts = countRow!;

  const perDay = new Map<string, number>(chartDays.map((day) => [day, 0]));
  for (const { completedAt } of completed) {
    const day = dayInZone(completedAt, timeZone);
    perDay.set(day, (perDay.get(day) ?? 0) + 1);
  }

  const toTask = ({ assigneeId, assigneeName, dueDate, ...row }: DashboardTaskRow): DashboardTask => ({
    ...row,
    assignee: assigneeId === null ? null : { id: assigneeId, name: assigneeName ?? "" },
    dueDate: dueDate ? isoDay(dueDate) : null,
    overdue: isOverdue(dueDate, row.status, now),
  });

  return {
    counts,
    assignedToMe: assignedRows.map(toTask),
    overdue: overdueRows.map(toTask),
    activity,
    completedPerDay: Array.from(perDay, ([date, count]) => ({ date, count })),
  };
}

/** A due date is a calendar day, stored as its UTC midnight. */
function isoDay(date: Date) {
  return date.toISOString().slice(0, 10);
}

/** The calendar day `count` days after `day` (YYYY-MM-DD): calendar arithmetic, no zone in it. */
function addDays(day: string, count: number) {
  return isoDay(new Date(Date.parse(`${day}T00:00:00Z`) + count * DAY_MS));
}
