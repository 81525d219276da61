import type { Prisma } from "../prisma/generated/client.ts";
import { db } from "./db/client.ts";
import type { Actor } from "./actor.ts";

export type ActivityEntry = {
  id: string;
  action: string;
  subjectType: string;
  subjectId: string;
  subjectName: string;
  details: Record<string, unknown>;
  createdAt: Date;
  actor: { id: string; name: string } | null;
};

type NewActivity = {
  action: string;
  subjectType: "user" | "task";
  subjectId: string;
  subjectName: string;
  details?: Record<string, unknown>;
};

/**
 * The write that records a mutation. Returned unawaited so that the calling service puts it
 * in the same transaction as the change it describes.
 */
export function activityRecord(client: Prisma.TransactionClient, actor: Actor, entry: NewActivity) {
  return client.activity.create({
    data: { ...entry, actorId: actor.id, details: JSON.stringify(entry.details ?? {}) },
  });
}

/** The newest entries first; any active user may read the team's activity. */
export async function listActivity(_actor: Actor, { limit = 20 }: { limit?: number } = {}): Promise<ActivityEntry[]> {
  const rows = await db.activity.findMany({
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: Math.min(Math.max(limit, 1), 100),
    include: { actor: { select: { id: true, name: true } } },
  });
  return rows.map(({ actorId: _actorId, details, ...row }) => ({ ...row, details: JSON.parse(details) }));
}
