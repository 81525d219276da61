import { z } from "zod";
import { db, Prisma } from "#services/db/client.ts";
import { newId } from "#services/db/ids.ts";
import { queryRows } from "#services/db/sql.ts";
import type { Actor } from "./actor.ts";
import { InvalidCursorError, NotFoundError } from "./errors.ts";
import type { Mention } from "./mentions.ts";
import { decodeCursor, PAGE_SIZE, toPage, type Page } from "./pagination.ts";
import { parseInput } from "./validation.ts";

/**
 * Notifications (issue 13, decision 0026): what a person should know about, written by the
 * service that makes the change, in the same transaction, so a change and its notifications
 * commit or roll back together. Nobody is notified of their own actions, and each change
 * notifies a person once, for the most specific reason: mentioned, then assigned, then commented,
 * then status changed.
 */
export const NOTIFICATION_KINDS = ["mentioned", "assigned", "commented", "status_changed"] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export type NewNotification = {
  recipientId: string;
  kind: NotificationKind;
  taskId: string;
  commentId?: string | null;
  details?: Record<string, unknown>;
};

/** The people around a task a change may concern. */
type TaskPeople = { id: string; creatorId: string; assigneeId: string | null };

/** What a change to a task (its creation, an edit, a take or a release) tells whom. */
export function taskChangeNotifications(
  actor: Pick<Actor, "id">,
  task: TaskPeople,
  change: {
    /** The assignee before, or undefined for a new task. */
    assigneeBefore?: string | null;
    status?: { from: string; to: string };
    /** The people the description newly mentions. */
    mentioned?: Mention[];
  },
): NewNotification[] {
  const notes: NewNotification[] = [];
  for (const mention of change.mentioned ?? []) notes.push({ recipientId: mention.id, kind: "mentioned", taskId: task.id });
  if (task.assigneeId !== null && task.assigneeId !== change.assigneeBefore) {
    notes.push({ recipientId: task.assigneeId, kind: "assigned", taskId: task.id });
  }
  if (change.status) {
    for (const person of [task.creatorId, task.assigneeId]) {
      if (person) notes.push({ recipientId: person, kind: "status_changed", taskId: task.id, details: change.status });
    }
  }
  return oncePerPerson(actor, notes);
}

/** What a comment (written or edited) tells whom: the people it newly mentions; when new, the task's creator and assignee. */
export function commentNotifications(
  actor: Pick<Actor, "id">,
  task: TaskPeople | { id: string },
  comment: { id: string; isNew: boolean; mentioned: Mention[] },
): NewNotification[] {
  const notes: NewNotification[] = comment.mentioned.map((mention) => ({
    recipientId: mention.id,
    kind: "mentioned",
    taskId: task.id,
    commentId: comment.id,
  }));
  if (comment.isNew && "creatorId" in task) {
    for (const person of [task.creatorId, task.assigneeId]) {
      if (person) notes.push({ recipientId: person, kind: "commented", taskId: task.id, commentId: comment.id });
    }
  }
  return oncePerPerson(actor, notes);
}

/** Drops the actor and keeps each person's first (most specific: the callers list in that order) reason. */
function oncePerPerson(actor: Pick<Actor, "id">, notes: NewNotification[]): NewNotification[] {
  const byPerson = new Map<string, NewNotification>();
  for (const note of notes) {
    if (note.recipientId !== actor.id && !byPerson.has(note.recipientId)) byPerson.set(note.recipientId, note);
  }
  return [...byPerson.values()];
}

/**
 * The INSERT for a change's notifications (one statement for all of them), for the calling
 * service to run in its transaction; null when there are none.
 */
export function notificationInsert(actor: Actor, notes: NewNotification[], at = new Date()): Prisma.Sql | null {
  if (notes.length === 0) return null;
  const rows = notes.map(
    (note) => Prisma.sql`(${newId()}, ${note.recipientId}, ${actor.id}, ${note.kind}, ${note.taskId}, ${note.commentId ?? null},
                          ${JSON.stringify(note.details ?? {})}, ${at})`,
  );
  return Prisma.sql`
    INSERT INTO "Notification" ("id", "recipientId", "actorId", "kind", "taskId", "commentId", "details", "createdAt")
    VALUES ${Prisma.join(rows)}`;
}

/** The same, through a Prisma transaction. */
export async function recordNotifications(tx: Prisma.TransactionClient, actor: Actor, notes: NewNotification[]) {
  const insert = notificationInsert(actor, notes);
  if (insert) await tx.$executeRaw(insert);
}

// ---- Reads: each person reads only their own ----

export type PublicNotification = {
  id: string;
  kind: NotificationKind;
  task: { id: string; title: string };
  /** The comment it is about (mentioned in or commented), or null. */
  commentId: string | null;
  actor: { id: string; name: string } | null;
  /** For a status change: `{ from, to }`. */
  details: Record<string, unknown>;
  read: boolean;
  readAt: Date | null;
  createdAt: Date;
};

type NotificationRow = Omit<PublicNotification, "task" | "actor" | "details" | "read"> & {
  taskId: string;
  taskTitle: string;
  actorId: string | null;
  actorName: string | null;
  details: string;
};

export const notificationFiltersSchema = z.object({
  unread: z.enum(["true", "false"], { error: "unread is true or false." }).optional(),
});

/** A person's notifications, newest first, a page at a time; `unread: "true"` for the unread ones only. */
export async function listNotifications(
  actor: Actor,
  filters: unknown = {},
  { limit = PAGE_SIZE.default, cursor }: { limit?: number; cursor?: string } = {},
): Promise<Page<PublicNotification>> {
  const { unread } = parseInput(notificationFiltersSchema, filters ?? {});
  const take = Math.min(Math.max(Math.trunc(limit), 1), PAGE_SIZE.max);
  const where: Prisma.Sql[] = [Prisma.sql`n."recipientId" = ${actor.id}`];
  if (unread === "true") where.push(Prisma.sql`n."readAt" IS NULL`);
  if (unread === "false") where.push(Prisma.sql`n."readAt" IS NOT NULL`);
  if (cursor) {
    const [createdAt, id] = decodeCursor(cursor, 2);
    const at = new Date(String(createdAt));
    if (Number.isNaN(at.getTime())) throw new InvalidCursorError();
    where.push(Prisma.sql`(n."createdAt" < ${at} OR (n."createdAt" = ${at} AND n."id" < ${String(id)}))`);
  }
  const rows = await queryRows<NotificationRow>(Prisma.sql`
    SELECT n."id", n."kind", n."taskId", t."title" AS "taskTitle", n."commentId", n."actorId", u."name" AS "actorName",
           n."details", n."readAt", n."createdAt"
    FROM "Notification" n
    JOIN "Task" t ON t."id" = n."taskId"
    LEFT JOIN "User" u ON u."id" = n."actorId"
    WHERE ${Prisma.join(where, " AND ")}
    ORDER BY n."createdAt" DESC, n."id" DESC
    LIMIT ${take + 1}`);
  const items = rows.map(({ taskId, taskTitle, actorId, actorName, details, ...row }) => ({
    ...row,
    task: { id: taskId, title: taskTitle },
    actor: actorId === null ? null : { id: actorId, name: actorName ?? "" },
    details: JSON.parse(details) as Record<string, unknown>,
    read: row.readAt !== null,
  }));
  return toPage(items, take, (note) => [note.createdAt.toISOString(), note.id]);
}

/** Counted up to this many; the navigation shows "99+" beyond. */
export const UNREAD_COUNT_CAP = 100;

/**
 * How many unread notifications the person has, up to UNREAD_COUNT_CAP: the navigation's badge on
 * every signed-in page, so one indexed statement that stops counting at the cap.
 */
export async function countUnread(actor: Actor): Promise<number> {
  const [row] = await queryRows<{ unread: number | bigint }>(Prisma.sql`
    SELECT CAST(COUNT(*) AS INTEGER) AS "unread" FROM (
      SELECT 1 FROM "Notification" n WHERE n."recipientId" = ${actor.id} AND n."readAt" IS NULL LIMIT ${UNREAD_COUNT_CAP}
    ) unread`);
  return Number(row?.unread ?? 0);
}

// ---- Mark read ----

const idsSchema = z
  .array(z.string({ error: "Each id must be a notification id." }).min(1).max(64), { error: "ids is a list of notification ids." })
  .min(1, "Name at least one notification, or send all: true.")
  .max(PAGE_SIZE.max, `At most ${PAGE_SIZE.max} notifications at a time.`);

export const markReadSchema = z
  .object({
    ids: idsSchema.optional(),
    all: z.literal(true, { error: "all is true when given." }).optional(),
  })
  .refine((input) => (input.ids === undefined) !== (input.all === undefined), {
    message: "Send either ids (a list of notification ids) or all: true.",
    path: ["ids"],
  });

/**
 * Marks the person's notifications read: the ones named (ids that are not theirs, or unknown,
 * change nothing), or all. Marking a read one again keeps its first read time. Returns how many
 * changed and how many are still unread.
 */
export async function markNotificationsRead(actor: Actor, input: unknown): Promise<{ marked: number; unread: number }> {
  const { ids, all } = parseInput(markReadSchema, input);
  const { count } = await db.notification.updateMany({
    where: { recipientId: actor.id, readAt: null, ...(all ? {} : { id: { in: ids } }) },
    data: { readAt: new Date() },
  });
  return { marked: count, unread: await countUnread(actor) };
}

/**
 * The person follows a notification: it is marked read, and they go where it points (the task,
 * at the comment when there is one). Someone else's notification, or an unknown id, is NotFound.
 */
export async function openNotification(actor: Actor, id: string): Promise<{ taskId: string; commentId: string | null }> {
  const [note] = await queryRows<{ taskId: string; commentId: string | null; readAt: Date | null }>(Prisma.sql`
    SELECT n."taskId", n."commentId", n."readAt" FROM "Notification" n WHERE n."id" = ${id} AND n."recipientId" = ${actor.id}`);
  if (!note) throw new NotFoundError("That notification");
  if (note.readAt === null) await db.notification.updateMany({ where: { id, readAt: null }, data: { readAt: new Date() } });
  return { taskId: note.taskId, commentId: note.commentId };
}
