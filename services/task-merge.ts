/**
 * Merging a stale edit of a task field by field (issue 13, part 6 "Merge, don't overwrite";
 * docs/decisions/0027-merging-concurrent-edits.md). Pure: no database, no people.
 *
 * Three versions of the task's editable fields:
 * - `base`: what the editor showed when the person started (the values of the version they opened),
 * - `mine`: what they sent (only the fields sent; absent = keep),
 * - `current`: what is stored now, after someone else's save.
 *
 * Per field: only they changed it → theirs stays (keptTheirs); only I changed it → mine is
 * written (changes); both changed it to the same value → nothing to do; both changed it to
 * different values → a conflict, and nothing at all is written.
 */

export const MERGE_FIELDS = ["title", "description", "status", "assigneeId", "dueDate"] as const;
export type MergeField = (typeof MERGE_FIELDS)[number];

/** A field's value as the services hold it: text, or null for no assignee or no due date. */
export type FieldValues = Partial<Record<MergeField, string | null>>;

export type MergeResult = {
  /** What to write on top of `current`: only the fields I changed and they did not. */
  changes: FieldValues;
  /** Fields someone else changed since `base` that keep their value (I did not change them). */
  keptTheirs: MergeField[];
  /** Fields both changed to different values: nothing is written while there are any. */
  conflicts: MergeField[];
};

/**
 * The comparison: the values as the schema stores them (a title trimmed), an empty assignee or due
 * date as null, and line endings as \n (a browser sends a textarea's lines as CRLF, the API may not).
 */
export function normalised(field: MergeField, value: string | null | undefined): string | null {
  if (value === undefined || value === null) return null;
  if (field === "title") return value.trim();
  if (field === "description") return value.replace(/\r\n?/g, "\n");
  return value === "" ? null : value;
}

const same = (field: MergeField, a: string | null | undefined, b: string | null | undefined) => normalised(field, a) === normalised(field, b);

export function mergeTaskFields(base: FieldValues, mine: FieldValues, current: Record<MergeField, string | null>): MergeResult {
  const result: MergeResult = { changes: {}, keptTheirs: [], conflicts: [] };
  for (const field of MERGE_FIELDS) {
    const sent = field in mine && mine[field] !== undefined;
    const shown = field in base && base[field] !== undefined;
    // A field sent without the value it started from cannot be told apart from an overwrite:
    // unless it already holds what was sent, it is a conflict (the service asks for a base first).
    if (!shown) {
      if (sent && !same(field, mine[field], current[field])) result.conflicts.push(field);
      continue;
    }
    const theyChanged = !same(field, base[field], current[field]);
    const iChanged = sent && !same(field, base[field], mine[field]);
    if (!iChanged) {
      if (theyChanged) result.keptTheirs.push(field);
    } else if (!theyChanged) {
      result.changes[field] = mine[field]!;
    } else if (!same(field, mine[field], current[field])) {
      result.conflicts.push(field);
    }
    // Both changed it to the same value: agreed, nothing to write or report.
  }
  return result;
}
