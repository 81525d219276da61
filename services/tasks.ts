import { newId } from "#services/db/ids.ts";
import { z } from "zod";
import { db, Prisma } from "#services/db/client.ts";
import { countWhere, queryRows, writeInTransaction } from "#services/db/sql.ts";
import { activityInsert, activityRecord, listSubjectActivity, type ActivityEntry } from "./activity.ts";
import type { Actor } from "./actor.ts";
import { findMentions, newlyMentioned, parseMentions, type Mention } from "./mentions.ts";
import { notificationInsert, recordNotifications, taskChangeNotifications } from "./notifications.ts";
import { ConflictError, EditConflictError, NotFoundError, PreconditionFailedError, ValidationError } from "./errors.ts";
import { STATUS_WORDS } from "./activity-sentence.ts";
import { PAGE_SIZE, type Page } from "./pagination.ts";
import { beyond, cursorFor, defaultSort, keysetOf, orderBy, taskSortSchema, type Keyset, type TaskSort } from "./task-sort.ts";
import { can, requirePermission } from "./permissions.ts";
import { MERGE_FIELDS, mergeTaskFields, type MergeField } from "./task-merge.ts";
import { isText, notText, parseInput } from "./validation.ts";

// ---- Schemas: the same for the forms, the API and the OpenAPI document ----

export const TASK_STATUSES = ["TODO", "IN_PROGRESS", "DONE"] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

const required = (message: string) => ({
  error: (issue: { input: unknown }) => (issue.input === undefined ? message : undefined),
});

export const taskStatusSchema = z.enum(TASK_STATUSES, { error: "Status is TODO, IN_PROGRESS or DONE." });

const titleSchema = z
  .string(required("Give the task a title."))
  .refine(isText, notText("The title"))
  .trim()
  .min(1, "Give the task a title.")
  .max(200, "Titles are at most 200 characters.");

const descriptionSchema = z
  .string({ error: "The description must be text." })
  .refine(isText, notText("The description"))
  .max(10_000, "Descriptions are at most 10,000 characters.");

/** A user id, or null for nobody. */
const assigneeSchema = z
  .string({ error: "The assignee must be a user id." })
  .refine(isText, notText("The assignee"))
  .min(1)
  .max(64)
  .nullable();

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

/**
 * The values an editor started from (the base of a merge): each field as the version it opened
 * showed it. Lenient about the title (any stored title was valid when stored); null for no
 * assignee or due date.
 */
export const taskBaseSchema = z.object({
  title: z.string({ error: "The base title must be text." }).refine(isText, notText("The base title")).max(200).optional(),
  description: descriptionSchema.optional(),
  status: taskStatusSchema.optional(),
  assigneeId: assigneeSchema.optional(),
  dueDate: dueDateSchema.optional(),
});

export const changeStatusSchema = z.object({ status: taskStatusSchema });

/**
 * List filters and the order. Both doors send them as query-string text, so they are parsed from
 * strings. The messages name what people see on the filter form (its labels and options); the API
 * adds the values it takes (queryInput in app/api/query.server.ts).
 */
export const taskFiltersSchema = z.object({
  status: z.enum(TASK_STATUSES, { error: `Status must be ${Object.values(STATUS_WORDS).join(", ").replace(/, ([^,]*)$/, " or $1")}.` }).optional(),
  assignee: z
    .string()
    .refine(isText, notText("The assignee"))
    .trim()
    .min(1, "Assignee must be Me, Nobody or a person on the team.")
    .max(64, "Assignee must be Me, Nobody or a person on the team.")
    .optional(),
  q: z.string().refine(isText, notText("The search")).trim().max(200, "Search for at most 200 characters.").optional(),
  overdue: z.enum(["true", "false"], { error: "Only overdue is either ticked or not." }).optional(),
  sort: taskSortSchema.optional(),
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
  /** The people the description mentions (services/mentions.ts). */
  mentions: Mention[];
  /** YYYY-MM-DD or null. */
  dueDate: string | null;
  overdue: boolean;
  version: number;
  completedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
};

/**
 * A task as the reads select it: one statement joined with its creator's and assignee's names.
 * Reads are the hot path of both doors, so they go through `$queryRaw` rather than `findMany`
 * with nested selects, which costs about 6× as much for a page of 20 (Prisma compiles each query
 * and sends a statement per relation; docs/decisions/0014-performance.md). The SQL is plain
 * (quoted identifiers, no SQLite-only functions), so it reads the same on PostgreSQL.
 */
type TaskRow = {
  id: string;
  title: string;
  description: string;
  status: TaskStatus;
  dueDate: Date | null;
  version: number;
  completedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  creatorId: string;
  creatorName: string;
  assigneeId: string | null;
  assigneeName: string | null;
  /** JSON text of the description's mentions. */
  mentions: string;
};

const SELECT_TASKS = Prisma.sql`
  SELECT t."id", t."title", t."description", t."status", t."dueDate", t."version", t."completedAt",
         t."createdAt", t."updatedAt", t."creatorId", c."name" AS "creatorName",
         t."assigneeId", a."name" AS "assigneeName", t."mentions"
  FROM "Task" t
  JOIN "User" c ON c."id" = t."creatorId"
  LEFT JOIN "User" a ON a."id" = t."assigneeId"`;

async function findTaskRow(id: string): Promise<TaskRow | null> {
  const [row] = await queryRows<TaskRow>(Prisma.sql`${SELECT_TASKS} WHERE t."id" = ${id}`);
  return row ?? null;
}

function toPublic(row: TaskRow, now = new Date()): PublicTask {
  const { creatorId, creatorName, assigneeId, assigneeName, dueDate, mentions, ...task } = row;
  return {
    ...task,
    mentions: parseMentions(mentions),
    assignee: assigneeId === null ? null : { id: assigneeId, name: assigneeName ?? "" },
    creator: { id: creatorId, name: creatorName },
    dueDate: dueDate ? dueDate.toISOString().slice(0, 10) : null,
    overdue: isOverdue(dueDate, row.status, now),
  };
}

/** Past its due date and not done. A task due today is not overdue until the day is over (UTC). */
export function isOverdue(dueDate: Date | null, status: TaskStatus, now = new Date()) {
  return dueDate !== null && status !== "DONE" && dueDate.getTime() < startOfUtcDay(now).getTime();
}

/** The database condition for "overdue": the same rule as isOverdue, for lists and counts (alias `t`). */
export function overdueSql(now = new Date()) {
  return Prisma.sql`(t."dueDate" < ${startOfUtcDay(now)} AND t."status" <> 'DONE')`;
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

/** A page of the task list: the order it is in, and, when asked for (`count`), where it is in the whole list. */
export type TaskPage = Page<PublicTask> & {
  prevCursor: string | null;
  sort: TaskSort;
  /** Rows `from`–`to` (1-based) of `total`; `from` is 0 on an empty page. */
  position?: { from: number; to: number; total: number };
};

/**
 * A page of tasks in the order asked for (`sort`; newest first by default, overdue tasks by due
 * date), narrowed by the filters. `cursor` comes from an earlier page's `nextCursor` or
 * `prevCursor`: the page after or before that place (keyset paging on the sort key and the id, so
 * pages neither skip nor repeat rows when tasks are added meanwhile). With `count`, one more
 * statement counts the list and the rows before this page (the web page's "21–40 of 300").
 */
export async function listTasks(
  actor: Actor,
  filters: unknown = {},
  { limit = PAGE_SIZE.default, cursor, now = new Date(), count = false }: { limit?: number; cursor?: string; now?: Date; count?: boolean } = {},
): Promise<TaskPage> {
  const parsed = parseInput(taskFiltersSchema, filters ?? {});
  const sort = parsed.sort ?? defaultSort(parsed);
  const take = Math.min(Math.max(Math.trunc(limit), 1), PAGE_SIZE.max);
  const where = filterConditions(actor, parsed, now);
  const keyset = cursor ? keysetOf(cursor, sort) : undefined;
  const backwards = keyset?.direction === "prev";
  const conditions = keyset ? [...where, beyond(keyset)] : where;
  const [rows, counted] = await Promise.all([
    queryRows<TaskRow>(Prisma.sql`
      ${SELECT_TASKS}
      ${whereClause(conditions)}
      ${orderBy(sort, backwards)}
      LIMIT ${take + 1}`),
    count ? countRows(where, keyset) : undefined,
  ]);
  const more = rows.length > take;
  const found = rows.slice(0, take);
  const items = (backwards ? found.reverse() : found).map((row) => toPublic(row, now));
  const first = items[0];
  const last = items.at(-1);
  // Reading forwards, a cursor means rows before this page; reading backwards, rows after it.
  const hasNext = backwards || more;
  const hasPrev = backwards ? more : keyset !== undefined;
  const page: TaskPage = {
    items,
    nextCursor: hasNext && last ? cursorFor("next", sort, last) : null,
    prevCursor: hasPrev && first ? cursorFor("prev", sort, first) : null,
    sort,
  };
  if (counted) {
    // Reading backwards, the rows counted before the cursor's place include this page's.
    const before = backwards ? counted.before - items.length : counted.before;
    page.position = { from: items.length ? before + 1 : 0, to: before + items.length, total: counted.total };
  }
  return page;
}

/** The WHERE conditions of the filters (alias `t`), shared by the page and its count. */
function filterConditions(actor: Actor, { status, assignee, q, overdue }: z.output<typeof taskFiltersSchema>, now: Date) {
  const where: Prisma.Sql[] = [];
  if (status) where.push(Prisma.sql`t."status" = ${status}`);
  if (assignee === "me") where.push(Prisma.sql`t."assigneeId" = ${actor.id}`);
  else if (assignee === "none") where.push(Prisma.sql`t."assigneeId" IS NULL`);
  else if (assignee) where.push(Prisma.sql`t."assigneeId" = ${assignee}`);
  // searchable() turned %, _ and \ into characters that match only themselves (see above).
  if (q) where.push(Prisma.sql`t."searchText" LIKE ${`%${searchable(q)}%`}`);
  if (overdue === "true") where.push(overdueSql(now));
  if (overdue === "false") {
    where.push(Prisma.sql`(t."dueDate" IS NULL OR t."dueDate" >= ${startOfUtcDay(now)} OR t."status" = 'DONE')`);
  }
  return where;
}

const whereClause = (where: Prisma.Sql[]) => (where.length > 0 ? Prisma.sql`WHERE ${Prisma.join(where, " AND ")}` : Prisma.empty);

/**
 * One statement: the filtered list's size, and how many of its rows come before the cursor's place
 * (a next cursor's own row included: every row not beyond it; for a prev cursor, the rows beyond it).
 */
async function countRows(where: Prisma.Sql[], keyset: Keyset | undefined) {
  const before = !keyset ? Prisma.sql`0` : countWhere(keyset.direction === "next" ? Prisma.sql`NOT ${beyond(keyset)}` : beyond(keyset));
  const [row] = await queryRows<{ total: number; before: number }>(Prisma.sql`
    SELECT CAST(COUNT(*) AS INTEGER) AS "total", ${before} AS "before"
    FROM "Task" t
    ${whereClause(where)}`);
  return { total: Number(row?.total ?? 0), before: Number(row?.before ?? 0) };
}

/**
 * The list filters as SQL conditions on the task (alias `t`), validated: the list and the board
 * (services/board.ts) read the same filters the same way.
 */
export function taskFilterConditions(actor: Actor, filters: unknown, now: Date): Prisma.Sql[] {
  return filterConditions(actor, parseInput(taskFiltersSchema, filters ?? {}), now);
}

export async function getTask(_actor: Actor, id: string): Promise<PublicTask> {
  const row = await findTaskRow(id);
  if (!row) throw new NotFoundError("That task");
  return toPublic(row);
}

// ---- Mutations ----

export async function createTask(actor: Actor, input: unknown): Promise<PublicTask> {
  const data = parseInput(createTaskSchema, input);
  const [assignee, mentions] = await Promise.all([requireAssignable(data.assigneeId), findMentions(data.description ?? "")]);
  const row: TaskRow = {
    id: newId(),
    title: data.title,
    description: data.description ?? "",
    status: data.status ?? "TODO",
    dueDate: toDueDate(data.dueDate),
    version: 1,
    completedAt: null,
    createdAt: new Date(),
    updatedAt: new Date(),
    creatorId: actor.id,
    creatorName: actor.name,
    assigneeId: assignee?.id ?? null,
    assigneeName: assignee?.name ?? null,
    mentions: JSON.stringify(mentions),
  };
  row.updatedAt = row.createdAt;
  if (row.status === "DONE") row.completedAt = row.createdAt;
  const notify = notificationInsert(actor, taskChangeNotifications(actor, row, { mentioned: mentions }), row.createdAt);
  // Everything the caller gets back is known before the write, so nothing is read back; the row,
  // its activity and any notifications are plain INSERTs in one transaction, straight through the adapter.
  await writeInTransaction([
    Prisma.sql`
      INSERT INTO "Task" ("id", "title", "description", "status", "assigneeId", "creatorId", "dueDate", "searchText",
                          "mentions", "version", "completedAt", "createdAt", "updatedAt")
      VALUES (${row.id}, ${row.title}, ${row.description}, ${row.status}, ${row.assigneeId}, ${row.creatorId}, ${row.dueDate},
              ${searchable(`${row.title}\n${row.description}`)}, ${row.mentions}, ${row.version}, ${row.completedAt},
              ${row.createdAt}, ${row.updatedAt})`,
    activityInsert(actor, { action: "task.created", subjectType: "task", subjectId: row.id, subjectName: row.title }),
    ...(notify ? [notify] : []),
  ]);
  return toPublic(row, row.createdAt);
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
  options: { expectedVersion?: number; base?: unknown } = {},
): Promise<PublicTask> {
  return (await editTask(actor, id, input, options)).task;
}

/** A field someone else changed since the caller's version, kept as they left it, and who changed it. */
export type KeptChange = { field: MergeField; by: { id: string; name: string }[] };

/**
 * updateTask with what a merge kept (issue 13, part 6; docs/decisions/0027-merging-concurrent-edits.md).
 * With `base` (the values the caller's editor showed) a stale `expectedVersion` is merged field by
 * field into the version stored now instead of refused: fields only the caller changed are
 * written, fields only others changed keep their values (`keptTheirs`), and fields both changed
 * to different values are an EditConflictError (a PreconditionFailedError; nothing written).
 * Without `base`, a stale version is refused as before.
 */
export async function editTask(
  actor: Actor,
  id: string,
  input: unknown,
  { expectedVersion, base }: { expectedVersion?: number; base?: unknown } = {},
): Promise<{ task: PublicTask; keptTheirs: KeptChange[] }> {
  for (let attempt = 1; ; attempt++) {
    const before = await findTaskRow(id);
    if (!before) throw new NotFoundError("That task");
    // Permission first: someone who may not edit learns nothing from validation messages.
    requireMayEdit(actor, before);
    const changes = parseInput(updateTaskSchema, input);
    const shown = base === undefined ? undefined : parseBase(base, changes);
    if (!shown || expectedVersion === undefined || expectedVersion === before.version) {
      return { task: await applyChanges(actor, before, changes, expectedVersion), keptTheirs: [] };
    }
    // A version this task never had (from the future, or not a version at all) is not ours to merge.
    if (!Number.isInteger(expectedVersion) || expectedVersion < 1 || expectedVersion > before.version) throw stale();
    const current = mergeFieldsOf(before);
    const merge = mergeTaskFields(shown, changes, current);
    if (merge.conflicts.length > 0) {
      const conflicts = merge.conflicts.map((field) => ({ field, current: current[field], yours: changes[field] ?? null }));
      throw new EditConflictError(conflicts, merge.keptTheirs, before.version);
    }
    // Read before the write, so the entries are those of versions expectedVersion+1 … before.version.
    const keptTheirs = await whoChanged(id, expectedVersion, before.version, merge.keptTheirs);
    try {
      // Guarded by the version read here: a third save in between is stale again, and merged again.
      const task = await applyChanges(actor, before, merge.changes as z.output<typeof updateTaskSchema>, before.version);
      return { task, keptTheirs };
    } catch (error) {
      if (error instanceof PreconditionFailedError && !(error instanceof EditConflictError) && attempt < 3) continue;
      throw error;
    }
  }
}

/** The base as the merge compares it; each field sent must come with the value it started from. */
function parseBase(base: unknown, changes: z.output<typeof updateTaskSchema>) {
  const { base: shown } = parseInput(z.object({ base: taskBaseSchema }), { base });
  const missing = Object.keys(changes).filter((field) => !(field in shown));
  if (missing.length > 0) {
    throw new ValidationError(missing.map((field) => ({ field: `base.${field}`, message: `Send the ${field} you started from in base, to change it.` })));
  }
  return shown;
}

function mergeFieldsOf(row: TaskRow): Record<MergeField, string | null> {
  const { title, description, status, assigneeId, dueDate } = row;
  return { title, description, status, assigneeId, dueDate: dueDate ? dueDate.toISOString().slice(0, 10) : null };
}

/**
 * Who changed each kept field between two versions, from the task's activity: every change of a
 * task's version writes exactly one activity entry (applyChanges), so the newest entries that
 * describe changed fields, one per version since `from`, are the changes since then.
 */
async function whoChanged(id: string, from: number, to: number, fields: MergeField[]): Promise<KeptChange[]> {
  if (fields.length === 0) return [];
  const isChange = (details: Record<string, unknown>) => MERGE_FIELDS.some((field) => field in details);
  const entries = (await listSubjectActivity("task", id, Math.min(100, to - from + 5)))
    .filter((entry) => isChange(entry.details))
    .slice(0, to - from);
  return fields.map((field) => {
    const by = new Map<string, { id: string; name: string }>();
    // Oldest first, so the people are named in the order they made their changes.
    for (const entry of [...entries].reverse()) {
      if (field in entry.details && entry.actor) by.set(entry.actor.id, entry.actor);
    }
    return { field, by: [...by.values()] };
  });
}

/**
 * A member takes an unassigned task: it becomes theirs (issue 13, "take a task"). Anyone may, even
 * someone who may not edit the task; a task assigned to someone else is a ConflictError (409), and
 * taking a task already one's own changes nothing. The activity reads "assigned themselves".
 */
export async function takeTask(actor: Actor, id: string, { expectedVersion }: { expectedVersion?: number } = {}): Promise<PublicTask> {
  const before = await findTaskRow(id);
  if (!before) throw new NotFoundError("That task");
  if (before.assigneeId !== actor.id && !can(actor, "task.take", before)) throw takenBy(before);
  try {
    // The actor is signed in, so active: no need to read them again as the new assignee.
    return await applyChanges(actor, before, { assigneeId: actor.id }, expectedVersion, { id: actor.id, name: actor.name });
  } catch (error) {
    // Someone else took it first (without If-Match the version read here was the guard): say so.
    const now = expectedVersion === undefined && error instanceof PreconditionFailedError ? await findTaskRow(id) : null;
    if (now && now.assigneeId !== null && now.assigneeId !== actor.id) throw takenBy(now);
    throw error;
  }
}

const takenBy = (task: TaskRow) =>
  new ConflictError(`This task is already assigned to ${task.assigneeName ?? "someone else"}; only an unassigned task can be taken.`);

/**
 * The assignee gives a task back: nobody is assigned any more. Only the assignee themselves may
 * (ForbiddenError otherwise; the creator or an admin unassign through an edit); releasing a task
 * nobody is assigned to changes nothing. The activity reads "unassigned themselves".
 */
export async function releaseTask(actor: Actor, id: string, { expectedVersion }: { expectedVersion?: number } = {}): Promise<PublicTask> {
  const before = await findTaskRow(id);
  if (!before) throw new NotFoundError("That task");
  if (before.assigneeId !== null) requirePermission(actor, "task.release", before);
  return applyChanges(actor, before, { assigneeId: null }, expectedVersion);
}

/** The guarded write every task change shares (permissions already checked by the caller). */
async function applyChanges(
  actor: Actor,
  before: TaskRow,
  changes: z.output<typeof updateTaskSchema>,
  expectedVersion: number | undefined,
  /** The new assignee when the caller already knows them to be active (the actor taking the task). */
  knownAssignee?: { id: string; name: string },
): Promise<PublicTask> {
  const id = before.id;
  // Only a new assignee must be active: keeping a since-deactivated one must not block other edits.
  const newAssignee =
    changes.assigneeId !== undefined && changes.assigneeId !== before.assigneeId
      ? knownAssignee && knownAssignee.id === changes.assigneeId
        ? knownAssignee
        : await requireAssignable(changes.assigneeId)
      : undefined;
  const version = expectedVersion ?? before.version;
  if (version !== before.version) throw stale();

  const details = describeChanges(before, changes, newAssignee);
  // Saving without a change is not a change: no new version, no activity.
  if (Object.keys(details).length === 0) return toPublic(before);

  // A changed description is read for mentions again; only the newly mentioned are notified.
  const mentions = changes.description === undefined || !details.description ? undefined : await findMentions(changes.description);

  // The task as it will be stored, known before the write, so nothing is read back.
  const now = new Date();
  const status = changes.status ?? before.status;
  const after: TaskRow = {
    ...before,
    title: changes.title ?? before.title,
    description: changes.description ?? before.description,
    status,
    dueDate: changes.dueDate === undefined ? before.dueDate : toDueDate(changes.dueDate),
    completedAt: status === before.status ? before.completedAt : status === "DONE" ? now : null,
    version: version + 1,
    updatedAt: now,
    ...(newAssignee !== undefined ? { assigneeId: newAssignee?.id ?? null, assigneeName: newAssignee?.name ?? null } : {}),
    ...(mentions !== undefined ? { mentions: JSON.stringify(mentions) } : {}),
  };
  const data: Prisma.TaskUncheckedUpdateManyInput = {
    ...changes,
    dueDate: changes.dueDate === undefined ? undefined : after.dueDate,
    searchText: searchable(`${after.title}\n${after.description}`),
    completedAt: after.completedAt,
    mentions: after.mentions,
    version: after.version,
    updatedAt: after.updatedAt,
  };
  await db.$transaction(async (tx) => {
    const { count } = await tx.task.updateMany({ where: { id, version }, data });
    if (count === 0) throw stale();
    await activityRecord(tx, actor, {
      action: Object.keys(details).length === 1 && "status" in details ? "task.status_changed" : "task.updated",
      subjectType: "task",
      subjectId: id,
      subjectName: after.title,
      details,
    });
    const statusChange = details.status as { from: string; to: string } | undefined;
    await recordNotifications(
      tx,
      actor,
      taskChangeNotifications(actor, after, {
        assigneeBefore: before.assigneeId,
        status: statusChange,
        mentioned: mentions && newlyMentioned(parseMentions(before.mentions), mentions),
      }),
    );
  });
  return toPublic(after, now);
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
  const task = await findTaskRow(id);
  if (!task) throw new NotFoundError("That task");
  requirePermission(actor, "task.delete", task);
  const version = expectedVersion ?? task.version;
  await db.$transaction(async (tx) => {
    const { count } = await tx.task.deleteMany({ where: { id, version } });
    if (count === 0) throw stale();
    await activityRecord(tx, actor, { action: "task.deleted", subjectType: "task", subjectId: id, subjectName: task.title });
  });
  return toPublic(task);
}

/**
 * What was done to a task, newest first. A deleted task's activity stays readable, so this is
 * NotFound only for an id that is neither a task nor the subject of any activity.
 */
export async function listTaskActivity(actor: Actor, taskId: string): Promise<ActivityEntry[]> {
  const entries = await listSubjectActivity("task", taskId);
  if (entries.length === 0) await getTask(actor, taskId);
  return entries;
}

// ---- Rules ----

type TaskPeople = { creatorId: string; assigneeId: string | null };

/** What the actor may do to this task, for pages deciding which forms to show (the services check again). */
export function taskAbilities(actor: Actor, task: PublicTask) {
  const people = { creatorId: task.creator.id, assigneeId: task.assignee?.id ?? null };
  return {
    canEdit: can(actor, "task.edit", people),
    canDelete: can(actor, "task.delete", people),
    canTake: can(actor, "task.take", people),
    canRelease: can(actor, "task.release", people),
  };
}

function requireMayEdit(actor: Actor, task: TaskPeople) {
  requirePermission(actor, "task.edit", task);
}

/**
 * The people a task can be given to: the active ones, by name (the rule requireAssignable checks
 * on every write). One statement, for the task pages' assignee fields.
 */
export function listAssignablePeople(_actor: Actor): Promise<{ id: string; name: string }[]> {
  return queryRows(Prisma.sql`SELECT u."id", u."name" FROM "User" u WHERE u."active" = ${true} ORDER BY u."name", u."id"`);
}

/** The new assignee (null for nobody), who must be an active person on the team. */
async function requireAssignable(assigneeId: string | null | undefined): Promise<{ id: string; name: string } | null> {
  if (!assigneeId) return null;
  const user = await db.user.findUnique({ where: { id: assigneeId }, select: { id: true, name: true, active: true } });
  if (!user || !user.active) {
    throw new ValidationError([{ field: "assigneeId", message: "Assign the task to an active person on the team." }]);
  }
  return { id: user.id, name: user.name };
}

function toDueDate(value: string | null | undefined) {
  return value ? new Date(`${value}T00:00:00.000Z`) : null;
}

const stale = () => new PreconditionFailedError("This task was changed by someone else since you opened it.");

/**
 * Each field that changed, old and new value. The description's text is not repeated (both sides
 * "…"). An assignee change keeps `assigneeId` (ids, as before) and adds `assignee`, the people with
 * their names at the time, so the activity can say who (services/activity-sentence.ts).
 */
function describeChanges(
  before: TaskRow,
  changes: z.output<typeof updateTaskSchema>,
  newAssignee: { id: string; name: string } | null | undefined,
) {
  const details: Record<string, { from: unknown; to: unknown }> = {};
  const dueBefore = before.dueDate ? before.dueDate.toISOString().slice(0, 10) : null;
  const compare = { ...before, dueDate: dueBefore } as Record<string, unknown>;
  for (const [field, value] of Object.entries(changes)) {
    if (value === undefined || compare[field] === value) continue;
    details[field] = field === "description" ? { from: "…", to: "…" } : { from: compare[field] ?? null, to: value };
  }
  if (details.assigneeId && newAssignee !== undefined) {
    const from = before.assigneeId === null ? null : { id: before.assigneeId, name: before.assigneeName ?? "" };
    details.assignee = { from, to: newAssignee };
  }
  return details;
}
