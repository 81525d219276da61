import { v7 as uuidv7 } from "uuid";

/**
 * A new record id, made before the write so that a record and its activity can go in one batch.
 * A version 7 UUID (RFC 9562): unique without coordination between instances, and ordered by
 * the time it was made, and within one millisecond by the order this process made them. Lists
 * are ordered by creation time, then id, so two tasks created in the same millisecond (a fast
 * client, the faster create path) still list newest first, and new rows land at the end of the
 * id indexes instead of at random places in them. About 5 µs an id (`@paralleldrive/cuid2` took
 * about 400 µs, a third of a task create: docs/decisions/0014-performance.md). Ids are opaque
 * strings to every caller; rows made earlier keep their older shapes (cuid, random UUID).
 */
export function newId(): string {
  return uuidv7();
}
