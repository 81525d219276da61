import { z } from "zod";
import { db, Prisma } from "#services/db/client.ts";
import { newId } from "#services/db/ids.ts";
import { queryRows } from "#services/db/sql.ts";
import type { Actor } from "./actor.ts";
import { InvalidCursorError, NotFoundError, PreconditionFailedError } from "./errors.ts";
import { renderMarkdown } from "./markdown.ts";
import { findMentions, newlyMentioned, parseMentions, type Mention } from "./mentions.ts";
import { commentNotifications, recordNotifications } from "./notifications.ts";
import { decodeCursor, PAGE_SIZE, toPage, type Page } from "./pagination.ts";
import { can, requirePermission } from "./permissions.ts";
import { isText, notText, parseInput } from "./validation.ts";

// ---- Schemas: the same for the forms, the API and the OpenAPI document ----

export const COMMENT_MAX_LENGTH = 10_000;

const bodySchema = z
  .string({ error: (issue) => (issue.input === undefined ? "Write a comment." : "The comment must be text.") })
  .refine(isText, notText("The comment"))
  .max(COMMENT_MAX_LENGTH, "Comments are at most 10,000 characters.")
  .refine((body) => body.trim().length > 0, "Write a comment.")
  .meta({ description: "Markdown: paragraphs, emphasis, code, lists and links (http, https, mailto); no raw HTML, no images. 1–10,000 characters, not only spaces." });

export const createCommentSchema = z.object({ body: bodySchema });
export const updateCommentSchema = z.object({ body: bodySchema });

// ---- What callers get ----

export type PublicComment = {
  id: string;
  taskId: string;
  author: { id: string; name: string };
  /** The Markdown as written. */
  body: string;
  /** The people it mentions (services/mentions.ts). */
  mentions: Mention[];
  /** The body rendered to the safe subset (services/markdown.ts): what pages show. */
  html: string;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  /** When its author last edited it; null if never. */
  editedAt: Date | null;
};

type CommentRow = Omit<PublicComment, "author" | "html" | "mentions"> & { authorId: string; authorName: string; mentions: string };

const SELECT_COMMENTS = Prisma.sql`
  SELECT c."id", c."taskId", c."authorId", u."name" AS "authorName", c."body", c."mentions", c."version",
         c."createdAt", c."updatedAt", c."editedAt"
  FROM "Comment" c
  JOIN "User" u ON u."id" = c."authorId"`;

function toPublic({ authorId, authorName, mentions: json, ...row }: CommentRow): PublicComment {
  const mentions = parseMentions(json);
  return { ...row, author: { id: authorId, name: authorName }, mentions, html: renderMarkdown(row.body, mentions) };
}

async function findCommentRow(id: string): Promise<CommentRow | null> {
  const [row] = await queryRows<CommentRow>(Prisma.sql`${SELECT_COMMENTS} WHERE c."id" = ${id}`);
  return row ?? null;
}

type TaskPeople = { id: string; creatorId: string; assigneeId: string | null };

async function requireTask(taskId: string): Promise<TaskPeople> {
  const [task] = await queryRows<TaskPeople>(
    Prisma.sql`SELECT t."id", t."creatorId", t."assigneeId" FROM "Task" t WHERE t."id" = ${taskId}`,
  );
  if (!task) throw new NotFoundError("That task");
  return task;
}

// ---- Reads: everyone signed in reads every task's comments ----

/**
 * A task's comments, newest first (by creation time, then id), a page at a time: the API's list
 * and the task page's timeline. One statement; the task is looked up only when the page is empty,
 * so an unknown task is a NotFoundError.
 */
export async function listTaskComments(
  _actor: Actor,
  taskId: string,
  { limit = PAGE_SIZE.default, cursor }: { limit?: number; cursor?: string } = {},
): Promise<Page<PublicComment>> {
  const take = Math.min(Math.max(Math.trunc(limit), 1), PAGE_SIZE.max);
  let after = Prisma.empty;
  if (cursor) {
    const [createdAt, id] = decodeCursor(cursor, 2);
    const at = new Date(String(createdAt));
    if (Number.isNaN(at.getTime())) throw new InvalidCursorError();
    after = Prisma.sql`AND (c."createdAt" < ${at} OR (c."createdAt" = ${at} AND c."id" < ${String(id)}))`;
  }
  const rows = await queryRows<CommentRow>(Prisma.sql`
    ${SELECT_COMMENTS}
    WHERE c."taskId" = ${taskId} ${after}
    ORDER BY c."createdAt" DESC, c."id" DESC
    LIMIT ${take + 1}`);
  if (rows.length === 0) await requireTask(taskId);
  return toPage(rows.map(toPublic), take, (comment) => [comment.createdAt.toISOString(), comment.id]);
}

export async function getComment(_actor: Actor, id: string): Promise<PublicComment> {
  const row = await findCommentRow(id);
  if (!row) throw new NotFoundError("That comment");
  return toPublic(row);
}

/** What the actor may do to this comment, for pages deciding which forms to show (the services check again). */
export function commentAbilities(actor: Actor, comment: PublicComment) {
  const subject = { authorId: comment.author.id };
  return { canEdit: can(actor, "comment.edit", subject), canDelete: can(actor, "comment.delete", subject) };
}

// ---- Mutations ----

/**
 * Runs inside the transaction that writes a comment, after the write: its notifications
 * (services/notifications.ts), so they commit or roll back with the comment. A new comment tells
 * the people it mentions and the task's creator and assignee; an edit tells only the people it
 * mentions for the first time.
 */
async function afterCommentWritten(
  tx: Prisma.TransactionClient,
  actor: Actor,
  task: TaskPeople | { id: string },
  comment: PublicComment,
  mentionedBefore: Mention[] | null,
): Promise<void> {
  const mentioned = mentionedBefore ? newlyMentioned(mentionedBefore, comment.mentions) : comment.mentions;
  await recordNotifications(tx, actor, commentNotifications(actor, task, { id: comment.id, isNew: mentionedBefore === null, mentioned }));
}

/** Anyone signed in comments on any task. */
export async function createComment(actor: Actor, taskId: string, input: unknown): Promise<PublicComment> {
  const task = await requireTask(taskId);
  const { body } = parseInput(createCommentSchema, input);
  const mentions = JSON.stringify(await findMentions(body));
  const now = new Date();
  const row: CommentRow = {
    id: newId(),
    taskId: task.id,
    authorId: actor.id,
    authorName: actor.name,
    body,
    mentions,
    version: 1,
    createdAt: now,
    updatedAt: now,
    editedAt: null,
  };
  const comment = toPublic(row);
  await db.$transaction(async (tx) => {
    await tx.comment.create({
      data: { id: row.id, taskId: row.taskId, authorId: row.authorId, body, mentions, version: 1, createdAt: now, updatedAt: now },
      select: { id: true },
    });
    await afterCommentWritten(tx, actor, task, comment, null);
  });
  return comment;
}

/**
 * For edits and deletes: the version the writer saw (a stale one is refused), and, from a page
 * that belongs to one task, that task's id: a comment of another task is then not found there.
 */
export type CommentWriteOptions = { expectedVersion?: number; onTask?: string };

/**
 * Its author changes the body. `expectedVersion` is the version the caller saw (the edit form's
 * hidden field, the API's If-Match); a stale one is a PreconditionFailedError and nothing changes.
 * The same body again is no change: same version, not marked edited.
 */
export async function updateComment(
  actor: Actor,
  id: string,
  input: unknown,
  { expectedVersion, onTask }: CommentWriteOptions = {},
): Promise<PublicComment> {
  const before = await findCommentRow(id);
  if (!before || (onTask !== undefined && before.taskId !== onTask)) throw new NotFoundError("That comment");
  // Permission first: someone who may not edit learns nothing from validation messages.
  requirePermission(actor, "comment.edit", before);
  const { body } = parseInput(updateCommentSchema, input);
  const version = expectedVersion ?? before.version;
  if (version !== before.version) throw stale();
  if (body === before.body) return toPublic(before);

  const mentions = await findMentions(body);
  const now = new Date();
  const after: CommentRow = { ...before, body, mentions: JSON.stringify(mentions), version: version + 1, updatedAt: now, editedAt: now };
  const comment = toPublic(after);
  await db.$transaction(async (tx) => {
    const { count } = await tx.comment.updateMany({
      where: { id, version },
      data: { body, mentions: after.mentions, version: after.version, updatedAt: now, editedAt: now },
    });
    if (count === 0) throw stale();
    await afterCommentWritten(tx, actor, { id: before.taskId }, comment, parseMentions(before.mentions));
  });
  return comment;
}

/** Its author or an admin deletes it; returns it as it was. */
export async function deleteComment(actor: Actor, id: string, { expectedVersion, onTask }: CommentWriteOptions = {}): Promise<PublicComment> {
  const comment = await findCommentRow(id);
  if (!comment || (onTask !== undefined && comment.taskId !== onTask)) throw new NotFoundError("That comment");
  requirePermission(actor, "comment.delete", comment);
  const version = expectedVersion ?? comment.version;
  const { count } = await db.comment.deleteMany({ where: { id, version } });
  if (count === 0) throw stale();
  return toPublic(comment);
}

const stale = () => new PreconditionFailedError("This comment was changed by someone else since you opened it.");
