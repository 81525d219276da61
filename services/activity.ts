import { db, Prisma } from "#services/db/client.ts";
import { queryRows } from "#services/db/sql.ts";
import { newId } from "#services/db/ids.ts";
import type { Actor } from "./actor.ts";
import { describeActivity, type Sentence } from "./activity-sentence.ts";

export type ActivityEntry = {
  id: string;
  action: string;
  subjectType: string;
  subjectId: string;
  subjectName: string;
  details: Record<string, unknown>;
  createdAt: Date;
  actor: { id: string; name: string } | null;
  /** Whether the subject is still there (a deleted task is not): pages link only to what exists. */
  subjectExists: boolean;
  /** What was done, as a sentence in parts, the task named (services/activity-sentence.ts). */
  sentence: Sentence;
};

type NewActivity = {
  action: string;
  subjectType: "user" | "task";
  subjectId: string;
  subjectName: string;
  details?: Record<string, unknown>;
};

/**
 * The statement that records a mutation, for the calling service to run in the same transaction
 * as the change it describes. One plain INSERT: every mutation writes one, and Prisma's `create`
 * costs about twice as much (it compiles the query and reads the row back;
 * docs/decisions/0014-performance.md).
 */
export function activityInsert(actor: Actor, entry: NewActivity): Prisma.Sql {
  return Prisma.sql`
    INSERT INTO "Activity" ("id", "actorId", "action", "subjectType", "subjectId", "subjectName", "details", "createdAt")
    VALUES (${newId()}, ${actor.id}, ${entry.action}, ${entry.subjectType}, ${entry.subjectId}, ${entry.subjectName},
            ${JSON.stringify(entry.details ?? {})}, ${new Date()})`;
}

/** The same record, written through a Prisma transaction (`tx`) or batch (`db`): returned unawaited for a batch. */
export function activityRecord(client: Prisma.TransactionClient, actor: Actor, entry: NewActivity) {
  return client.$executeRaw(activityInsert(actor, entry));
}

type ActivityRow = Omit<ActivityEntry, "details" | "actor" | "subjectExists" | "sentence"> & {
  details: string;
  actorId: string | null;
  actorName: string | null;
  taskId: string | null;
};

/**
 * Activity entries with their actor's name, newest first, in one statement (`$queryRaw`: the
 * dashboard and every task page read these, and `findMany` with the actor is two statements and
 * several times the cost; docs/decisions/0014-performance.md).
 */
async function selectActivity(where: Prisma.Sql, limit: number): Promise<ActivityEntry[]> {
  const rows = await queryRows<ActivityRow>(Prisma.sql`
    SELECT e."id", e."action", e."subjectType", e."subjectId", e."subjectName", e."details", e."createdAt",
           e."actorId", u."name" AS "actorName", t."id" AS "taskId"
    FROM "Activity" e LEFT JOIN "User" u ON u."id" = e."actorId"
    LEFT JOIN "Task" t ON e."subjectType" = 'task' AND t."id" = e."subjectId"
    ${where}
    ORDER BY e."createdAt" DESC, e."id" DESC
    LIMIT ${Math.min(Math.max(Math.trunc(limit), 1), 100)}`);
  return rows.map(({ actorId, actorName, details, taskId, ...row }) => {
    // People are never deleted (deactivated at most), so only a task subject can be gone.
    const entry = {
      ...row,
      details: JSON.parse(details) as Record<string, unknown>,
      actor: actorId === null ? null : { id: actorId, name: actorName ?? "" },
      subjectExists: row.subjectType !== "task" || taskId !== null,
    };
    return { ...entry, sentence: describeActivity(entry) };
  });
}

/** The newest entries first; any active user may read the team's activity. */
export function listActivity(_actor: Actor, { limit = 20 }: { limit?: number } = {}): Promise<ActivityEntry[]> {
  return selectActivity(Prisma.empty, limit);
}

/** What was done to one subject, newest first (at most 100 entries); kept after the subject is gone. */
export function listSubjectActivity(subjectType: NewActivity["subjectType"], subjectId: string, limit = 100) {
  return selectActivity(Prisma.sql`WHERE e."subjectType" = ${subjectType} AND e."subjectId" = ${subjectId}`, limit);
}
