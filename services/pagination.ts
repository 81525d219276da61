import { createHash } from "node:crypto";
import { InvalidCursorError } from "./errors.ts";
import { isText } from "./validation.ts";

/**
 * Opaque list cursors: the sort key of the last item seen, as base64url JSON with a checksum,
 * so a cursor that was cut or altered is refused rather than silently misread. A forged cursor
 * can only move within data the caller may read anyway, so no secret is needed.
 */
export type CursorKey = (string | number)[];

export const PAGE_SIZE = { default: 20, max: 100 } as const;

export function encodeCursor(key: CursorKey): string {
  const payload = Buffer.from(JSON.stringify(key)).toString("base64url");
  return `${payload}.${checksum(payload)}`;
}

/** The key a cursor holds, which must have `arity` parts (or one of several arities). */
export function decodeCursor(cursor: string, arity: number | number[]): CursorKey {
  const [payload, sum, extra] = cursor.split(".");
  if (!payload || !sum || extra !== undefined || checksum(payload) !== sum) throw new InvalidCursorError();
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
  } catch {
    throw new InvalidCursorError();
  }
  // Its checksum is public, so a cursor can be forged to hold anything JSON can: a string must be text.
  const partOk = (part: unknown) => (typeof part === "string" && isText(part)) || typeof part === "number";
  if (!Array.isArray(key) || !(Array.isArray(arity) ? arity : [arity]).includes(key.length) || !key.every(partOk)) {
    throw new InvalidCursorError();
  }
  return key;
}

/** A page of a list; `prevCursor` where the list can page backwards too (the tasks). */
export type Page<T> = { items: T[]; nextCursor: string | null; prevCursor?: string | null };

/** Given `limit + 1` rows, the page and the cursor to the next one. */
export function toPage<T>(rows: T[], limit: number, keyOf: (row: T) => CursorKey): Page<T> {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last ? encodeCursor(keyOf(last)) : null };
}

function checksum(payload: string) {
  return createHash("sha256").update(`tandem-cursor:${payload}`).digest("base64url").slice(0, 16);
}
