import { createId } from "@paralleldrive/cuid2";
import { z } from "zod";
import type { Prisma } from "../prisma/generated/client.ts";
import { db } from "./db/client.ts";
import { activityRecord, type ActivityEntry } from "./activity.ts";
import type { Actor } from "./actor.ts";
import { ForbiddenError, InvalidCursorError, NotFoundError, PreconditionFailedError, ValidationError } from "./errors.ts";
import { decodeCursor, PAGE_SIZE, toPage, type Page } from "./pagination.ts";
import { parseInput } from "./validation.ts";

// ---- Schemas: the same for the forms, the API and the OpenAPI document ----

export const TASK_STATUSES = ["TODO", "IN_PROGRESS", "DONE"] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

const required = (message: string) => ({
  error: (issue: { input: unknown }) => (issue.input === undefined ? message : undefined),
});

export const taskStatusSchema = z.enum(TASK_STATUSES, { error: "Status is TODO, IN_PROGRESS or DONE." });

const titleSchema = z
  .string(required("Give the task a title."))
  .trim()
  .min(1, "Give the task a title.")
  .max(200, "Titles are at most 200 characters.");

const descriptionSchema = z
  .string({ error: "The description must be text." })
  .max(10_000, "Descriptions are at most 10,000 characters.");

/** A user id, or null for nobody. */
const assigneeSchema = z.string({ error: "The assignee must be a user id." }).min(1).max(64).nullable();

/** A calendar date (2026-12-31), or null for none. */
const dueDateSchema = z.iso.date({ error: "Give the due date as YYYY-MM-DD." }).nullable();

export const createTaskSchema = z.object({
  title: titleSchema,
  description: descriptionSchema.optional(),
  status: taskStatusSchema.optional(),
  assigneeId: assigneeSchema.optional(),
  dueDate: dueDateSchema.optional(),
});

export const updateTaskSchema = z.object({
  title: titleSchema.optional(),
  description: descriptionSchema.optional(),
  status: taskStatusSchema.optional(),
  assigneeId: assigneeSchema.optional(),
  dueDate: dueDateSchema.optional(),
});

export const changeStatusSchema = z.object({ status: taskStatusSchema });

/** List filters. Both doors send them as query-string text, so they are parsed from strings. */
export const taskFiltersSchema = z.object({
  status: taskStatusSchema.optional(),
  assignee: z.string().trim().min(1).max(64).optional(),
  q: z.string().trim().max(200, "Search for at most 200 characters.").optional(),
  overdue: z.enum(["true", "false"], { error: "overdue is true or false." }).optional(),
});

export type TaskFilters = z.input<typeof taskFiltersSchema>;

// ---- What callers get ----

export type PublicTask = {
  id: string;
  title: string;
  description: string;
  status: TaskStatus;
  assignee: { id: string; name: string } | null;
  creator: { id: string; name: string };
  /** YYYY-MM-DD or null. */
  dueDate: string | null;
  overdue: boolean;
  version: number;
  completedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
};

const taskFields = {
  id: true,
  title: true,
  description: true,
  status: true,
  dueDate: true,
  version: true,
  completedAt: true,
  createdAt: true,
  updatedAt: true,
  creatorId: true,
  assigneeId: true,
  assignee: { select: { id: true, name: true } },
  creator: { select: { id: true, name: true } },
} as const;

type TaskRow = Prisma.TaskGetPayload<{ select: typeof taskFields }>;

function toPublic({ creatorId: _c, assigneeId: _a, dueDate, ...row }: TaskRow, now = new Date()): PublicTask {
  return {
    ...row,
    dueDate: dueDate ? dueDate.toISOString().slice(0, 10) : null,
    overdue: isOverdue(dueDate, row.status, now),
  };
}

/** Past its due date and not done. A task due today is not overdue until the day is over (UTC). */
export function isOverdue(dueDate: Date | null, status: TaskStatus, now = new Date()) {
  return dueDate !== null && status !== "DONE" && dueDate.getTime() < startOfUtcDay(now).getTime();
}

/** The database condition for "overdue": the same rule as isOverdue, for lists and counts. */
export function overdueWhere(now = new Date()) {
  return { dueDate: { lt: startOfUtcDay(now) }, status: { not: "DONE" } } satisfies Prisma.TaskWhereInput;
}

export function startOfUtcDay(date: Date) {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
}

/**
 * Case-insensitive, Unicode-aware: normalised (NFKC) and lower-cased the same way for text and
 * query. Prisma's `contains` becomes SQL `LIKE` without an escape character, where `%` and `_`
 * are wildcards (and `\` escapes on PostgreSQL), so those three are stored and searched as
 * private-use characters: they then match only themselves, on every database.
 */
const LIKE_SPECIAL: Record<string, string> = { "%": "\uE000", _: "\uE001", "\\": "\uE002" };
export function searchable(text: string) {
  return text
    .normalize("NFKC")
    .toLocaleLowerCase("und")
    .replace(/[%_\\]/g, (char) => LIKE_SPECIAL[char]!);
}

// ---- Reads: everyone sees every task ----

export async function listTasks(
  actor: Actor,
  filters: unknown = {},
  { limit = PAGE_SIZE.default, cursor, now = new Date() }: { limit?: number; cursor?: string; now?: Date } = {},
): Promise<Page<PublicTask>> {
  const { status, assignee, q, overdue } = parseInput(taskFiltersSchema, filters ?? {});
  const take = Math.min(Math.max(Math.trunc(limit), 1), PAGE_SIZE.max);
  const where: Prisma.TaskWhereInput[] = [];
  if (status) where.push({ status });
  if (assignee === "me") where.push({ assigneeId: actor.id });
  else if (assignee === "none") where.push({ assigneeId: null });
  else if (assignee) where.push({ assigneeId: assignee });
  if (q) where.push({ searchText: { contains: searchable(q) } });
  if (overdue === "true") where.push(overdueWhere(now));
  if (overdue === "false") where.push({ OR: [{ dueDate: null }, { dueDate: { gte: startOfUtcDay(now) } }, { status: "DONE" }] });
  if (cursor) {
    const [createdAt, id] = decodeCursor(cursor, 2);
    const at = new Date(String(createdAt));
    if (Number.isNaN(at.getTime())) throw new InvalidCursorError();
    where.push({ OR: [{ createdAt: { lt: at } }, { createdAt: at, id: { lt: String(id) } }] });
  }
  const rows = await db.task.findMany({
    where: { AND: where },
    select: taskFields,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: take + 1,
  });
  return toPage(
    rows.map((row) => toPublic(row, now)),
    take,
    (task) => [task.createdAt.toISOString(), task.id],
  );
}

export async function getTask(_actor: Actor, id: string): Promise<PublicTask> {
  const row = await db.task.findUnique({ where: { id }, select: taskFields });
  if (!row) throw new NotFoundError("That task");
  return toPublic(row);
}

// ---- Mutations ----

export async function createTask(actor: Actor, input: unknown): Promise<PublicTask> {
  const data = parseInput(createTaskSchema, input);
  await requireAssignable(data.assigneeId);
  const id = createId();
  const description = data.description ?? "";
  const status = data.status ?? "TODO";
  const now = new Date();
  const [row] = await db.$transaction([
    db.task.create({
      data: {
        id,
        title: data.title,
        description,
        status,
        assigneeId: data.assigneeId ?? null,
        creatorId: actor.id,
        dueDate: toDueDate(data.dueDate),
        searchText: searchable(`${data.title}\n${description}`),
        completedAt: status === "DONE" ? now : null,
        createdAt: now,
      },
      select: taskFields,
    }),
    activityRecord(db, actor, { action: "task.created", subjectType: "task", subjectId: id, subjectName: data.title }),
  ]);
  return toPublic(row);
}

/**
 * A partial update. `expectedVersion` is the version the caller saw (the edit form's hidden
 * field, the API's If-Match); without it the update applies to the version read here. Either
 * way the write is one statement guarded by that version, so no change is ever overwritten
 * unseen: a stale version is a PreconditionFailedError and nothing changes.
 */
export async function updateTask(
  actor: Actor,
  id: string,
  input: unknown,
  { expectedVersion }: { expectedVersion?: number } = {},
): Promise<PublicTask> {
  const before = await db.task.findUnique({ where: { id }, select: taskFields });
  if (!before) throw new NotFoundError("That task");
  // Permission first: someone who may not edit learns nothing from validation messages.
  requireMayEdit(actor, before);
  const changes = parseInput(updateTaskSchema, input);
  // Only a new assignee must be active: keeping a since-deactivated one must not block other edits.
  if (changes.assigneeId !== undefined && changes.assigneeId !== before.assigneeId) await requireAssignable(changes.assigneeId);
  const version = expectedVersion ?? before.version;
  if (version !== before.version) throw stale();

  const title = changes.title ?? before.title;
  const description = changes.description ?? before.description;
  const status = changes.status ?? before.status;
  const data: Prisma.TaskUncheckedUpdateManyInput = {
    ...changes,
    dueDate: changes.dueDate === undefined ? undefined : toDueDate(changes.dueDate),
    searchText: searchable(`${title}\n${description}`),
    completedAt: status === before.status ? undefined : status === "DONE" ? new Date() : null,
    version: { increment: 1 },
  };
  const details = describeChanges(before, changes);
  // Saving without a change is not a change: no new version, no activity.
  if (Object.keys(details).length === 0) return toPublic(before);
  await db.$transaction(async (tx) => {
    const { count } = await tx.task.updateMany({ where: { id, version }, data });
    if (count === 0) throw stale();
    await activityRecord(tx, actor, {
      action: Object.keys(details).length === 1 && "status" in details ? "task.status_changed" : "task.updated",
      subjectType: "task",
      subjectId: id,
      subjectName: title,
      details,
    });
  });
  return getTask(actor, id);
}

export async function changeTaskStatus(actor: Actor, id: string, input: unknown, options: { expectedVersion?: number } = {}) {
  const { status } = parseInput(changeStatusSchema, input);
  return updateTask(actor, id, { status }, options);
}

/** Deletes a task (its creator or an admin) and returns it as it was. Its activity stays, with its title. */
export async function deleteTask(
  actor: Actor,
  id: string,
  { expectedVersion }: { expectedVersion?: number } = {},
): Promise<PublicTask> {
  const task = await db.task.findUnique({ where: { id }, select: taskFields });
  if (!task) throw new NotFoundError("That task");
  if (!taskPermissions(actor, task).canDelete) {
    throw new ForbiddenError("Only the task's creator or an admin can delete it.");
  }
  const version = expectedVersion ?? task.version;
  await db.$transaction(async (tx) => {
    const { count } = await tx.task.deleteMany({ where: { id, version } });
    if (count === 0) throw stale();
    await activityRecord(tx, actor, { action: "task.deleted", subjectType: "task", subjectId: id, subjectName: task.title });
  });
  return toPublic(task);
}

export async function listTaskActivity(_actor: Actor, taskId: string): Promise<ActivityEntry[]> {
  const rows = await db.activity.findMany({
    where: { subjectType: "task", subjectId: taskId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: 100,
    include: { actor: { select: { id: true, name: true } } },
  });
  return rows.map(({ actorId: _actorId, details, ...row }) => ({ ...row, details: JSON.parse(details) }));
}

// ---- Rules ----

type TaskPeople = { creatorId: string; assigneeId: string | null };

/** DESIGN.md's table: admins, the creator and the assignee edit; admins and the creator delete. */
export function taskPermissions(actor: Actor, task: TaskPeople) {
  const admin = actor.role === "ADMIN";
  return {
    canEdit: admin || task.creatorId === actor.id || task.assigneeId === actor.id,
    canDelete: admin || task.creatorId === actor.id,
  };
}

function requireMayEdit(actor: Actor, task: TaskPeople) {
  if (taskPermissions(actor, task).canEdit) return;
  throw new ForbiddenError("Only the task's creator, its assignee or an admin can change it.");
}

async function requireAssignable(assigneeId: string | null | undefined) {
  if (!assigneeId) return;
  const user = await db.user.findUnique({ where: { id: assigneeId }, select: { active: true } });
  if (!user || !user.active) {
    throw new ValidationError([{ field: "assigneeId", message: "Assign the task to an active person on the team." }]);
  }
}

function toDueDate(value: string | null | undefined) {
  return value ? new Date(`${value}T00:00:00.000Z`) : null;
}

const stale = () => new PreconditionFailedError("This task was changed by someone else since you opened it.");

function describeChanges(before: TaskRow, changes: z.output<typeof updateTaskSchema>) {
  const details: Record<string, { from: unknown; to: unknown }> = {};
  const dueBefore = before.dueDate ? before.dueDate.toISOString().slice(0, 10) : null;
  const compare = { ...before, dueDate: dueBefore } as Record<string, unknown>;
  for (const [field, value] of Object.entries(changes)) {
    if (value === undefined || compare[field] === value) continue;
    details[field] = field === "description" ? { from: "…", to: "…" } : { from: compare[field] ?? null, to: value };
  }
  return details;
}
