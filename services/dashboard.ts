import type { Prisma } from "../prisma/generated/client.ts";
import { db } from "./db/client.ts";
import { listActivity, type ActivityEntry } from "./activity.ts";
import type { Actor } from "./actor.ts";
import { isOverdue, overdueWhere, startOfUtcDay, type PublicTask, type TaskStatus } from "./tasks.ts";

/**
 * The home page's numbers and short lists, in six Prisma calls whatever the data
 * (PRISMA.md: the call count, not SQLite, is what a request costs): one groupBy for the
 * status counts, one count for overdue, two short lists, the completion times of the
 * chart's window (bucketed per day here, not per row in SQL: grouping by day would need
 * provider-specific date functions, and the rows are one column each), and the activity.
 */

export const DASHBOARD_LIST_SIZE = 10;
export const DASHBOARD_ACTIVITY_SIZE = 15;
const MAX_WEEKS = 52;
const DAY_MS = 86_400_000;

/** What the dashboard shows of a task: no description (up to 10,000 characters) nobody reads there. */
export type DashboardTask = Pick<PublicTask, "id" | "title" | "status" | "assignee" | "dueDate" | "overdue" | "createdAt">;

export type StatusCounts = Record<TaskStatus, number> & { overdue: number; total: number };

export type DayCount = { /** YYYY-MM-DD, a UTC day. */ date: string; count: number };

export type Dashboard = {
  counts: StatusCounts;
  /** The actor's tasks that are not done, newest first. */
  assignedToMe: DashboardTask[];
  /** Past their due date and not done, the longest overdue first. */
  overdue: DashboardTask[];
  activity: ActivityEntry[];
  /** One entry per UTC day, oldest first, the last one today: `weeks` × 7 entries. */
  completedPerDay: DayCount[];
};

const dashboardTaskFields = {
  id: true,
  title: true,
  status: true,
  dueDate: true,
  createdAt: true,
  assignee: { select: { id: true, name: true } },
} as const satisfies Prisma.TaskSelect;

type DashboardTaskRow = Prisma.TaskGetPayload<{ select: typeof dashboardTaskFields }>;

/** Everyone sees every task (DESIGN.md §3), so any signed-in actor may read the dashboard. */
export async function getDashboard(
  actor: Actor,
  { now = new Date(), weeks = 4 }: { now?: Date; weeks?: number } = {},
): Promise<Dashboard> {
  const today = startOfUtcDay(now);
  const days = Math.min(Math.max(Math.trunc(weeks) || 1, 1), MAX_WEEKS) * 7;
  const from = new Date(today.getTime() - (days - 1) * DAY_MS);
  const tomorrow = new Date(today.getTime() + DAY_MS);
  const overdue = overdueWhere(now);

  const [byStatus, overdueCount, assignedRows, overdueRows, completed, activity] = await Promise.all([
    db.task.groupBy({ by: ["status"], _count: { _all: true } }),
    db.task.count({ where: overdue }),
    db.task.findMany({
      where: { assigneeId: actor.id, status: { not: "DONE" } },
      select: dashboardTaskFields,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: DASHBOARD_LIST_SIZE,
    }),
    db.task.findMany({
      where: overdue,
      select: dashboardTaskFields,
      orderBy: [{ dueDate: "asc" }, { createdAt: "asc" }, { id: "asc" }],
      take: DASHBOARD_LIST_SIZE,
    }),
    db.task.findMany({
      where: { completedAt: { gte: from, lt: tomorrow } },
      select: { completedAt: true },
    }),
    listActivity(actor, { limit: DASHBOARD_ACTIVITY_SIZE }),
  ]);

  const counts: StatusCounts = { TODO: 0, IN_PROGRESS: 0, DONE: 0, overdue: overdueCount, total: 0 };
  for (const group of byStatus) {
    counts[group.status] = group._count._all;
    counts.total += group._count._all;
  }

  const perDay = new Map<string, number>();
  for (let i = 0; i < days; i++) perDay.set(isoDay(new Date(from.getTime() + i * DAY_MS)), 0);
  for (const { completedAt } of completed) {
    const day = isoDay(completedAt!);
    perDay.set(day, (perDay.get(day) ?? 0) + 1);
  }

  const toTask = (row: DashboardTaskRow): DashboardTask => ({
    ...row,
    dueDate: row.dueDate ? isoDay(row.dueDate) : null,
    overdue: isOverdue(row.dueDate, row.status, now),
  });

  return {
    counts,
    assignedToMe: assignedRows.map(toTask),
    overdue: overdueRows.map(toTask),
    activity,
    completedPerDay: Array.from(perDay, ([date, count]) => ({ date, count })),
  };
}

function isoDay(date: Date) {
  return date.toISOString().slice(0, 10);
}
