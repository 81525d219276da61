import { randomUUID } from "node:crypto";

/**
 * A new record id, made before the write so that a record and its activity can go in one batch.
 * A random UUID: unique without coordination between instances, and about 3 µs to make, where
 * `@paralleldrive/cuid2` took about 400 µs an id (it hashes with SHA-3 in JavaScript and converts
 * with bignumber.js), a third of a task create (docs/decisions/0014-performance.md). Ids are
 * opaque strings to every caller; rows made earlier keep their cuid-shaped ids.
 */
export function newId(): string {
  return randomUUID();
}
