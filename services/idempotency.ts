import { db } from "#services/db/client.ts";
import { isUniqueViolation } from "#services/db/errors.ts";

/**
 * Storage for POST Idempotency-Keys, per user and route, kept 24 hours. In the database so
 * that several app instances share it. The unique index on (user, route, key) decides which
 * of two concurrent requests runs; the other sees the first one's row.
 */
export const IDEMPOTENCY_TTL_MS = Number(process.env.IDEMPOTENCY_TTL_HOURS ?? 24) * 60 * 60 * 1000;

export type StoredResponse = { status: number; headers: Record<string, string>; body: string };

export type Claim =
  | { outcome: "claimed"; id: string }
  | { outcome: "in-flight" }
  | { outcome: "other-body" }
  | { outcome: "replay"; response: StoredResponse };

type Scope = { userId: string; route: string; key: string };

export async function claimIdempotencyKey(scope: Scope, requestHash: string, now = new Date()): Promise<Claim> {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const row = await db.idempotencyKey.create({
        data: { ...scope, requestHash, createdAt: now, expiresAt: new Date(now.getTime() + IDEMPOTENCY_TTL_MS) },
        select: { id: true },
      });
      return { outcome: "claimed", id: row.id };
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
    const existing = await db.idempotencyKey.findUnique({ where: { userId_route_key: scope } });
    if (!existing) continue; // released in between: try again
    if (existing.expiresAt <= now) {
      await db.idempotencyKey.deleteMany({ where: { id: existing.id, expiresAt: { lte: now } } });
      continue;
    }
    if (existing.requestHash !== requestHash) return { outcome: "other-body" };
    if (existing.status === null) return { outcome: "in-flight" };
    return {
      outcome: "replay",
      response: { status: existing.status, headers: JSON.parse(existing.responseHeaders ?? "{}"), body: existing.responseBody ?? "" },
    };
  }
  return { outcome: "in-flight" };
}

export async function completeIdempotencyKey(id: string, response: StoredResponse) {
  await db.idempotencyKey.update({
    where: { id },
    data: { status: response.status, responseHeaders: JSON.stringify(response.headers), responseBody: response.body },
  });
}

/** A failed attempt (a 5xx) gives the key back, so the client may retry it. */
export async function releaseIdempotencyKey(id: string) {
  await db.idempotencyKey.deleteMany({ where: { id } });
}

export async function deleteExpiredIdempotencyKeys(now = new Date()) {
  const { count } = await db.idempotencyKey.deleteMany({ where: { expiresAt: { lte: now } } });
  return count;
}
