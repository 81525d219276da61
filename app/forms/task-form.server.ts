import { EditConflictError, type PreconditionFailedError } from "#services/errors.ts";
import { taskFiltersSchema, type KeptChange, type PublicTask, type TaskFilters } from "#services/tasks.ts";
import { formInput } from "./data.server.ts";
import { quoteTitle } from "#app/forms/flash.server.ts";
import { listOf, type TaskFormState, type TaskSnapshot } from "#app/components/task-form.tsx";

/**
 * The edit form always sends every field. The shared step drops empty fields (absent = keep),
 * which would make an emptied title, description, assignee or due date silently keep the old
 * value; a field that was sent empty means "cleared" here: an empty string for text (so an
 * emptied title is refused by the schema), null for the optional assignee and due date.
 */
export function taskFormInput(formData: FormData) {
  const input: Record<string, unknown> = formInput(formData);
  const cleared = { title: "", description: "", assigneeId: null, dueDate: null } as const;
  for (const [field, empty] of Object.entries(cleared)) {
    if (formData.has(field) && !(field in input)) input[field] = empty;
  }
  return input;
}

/**
 * The version the form was loaded with. A post without one (not from our form) is compared as 0,
 * which never matches, so it gets the conflict view instead of an unconditional overwrite.
 */
export function expectedVersion(formData: FormData) {
  return { expectedVersion: Number(formData.get("version") ?? 0) };
}

/**
 * The edit form's version and the values it showed (the hidden `shown`, JSON), so a save against
 * a newer version is merged field by field. A post without `shown` (or with one that is not a JSON
 * object) is not merged: a stale version is then refused as before.
 */
export function editOptions(formData: FormData) {
  const sent = formData.get("shown");
  let base: unknown;
  try {
    base = typeof sent === "string" ? JSON.parse(sent) : undefined;
  } catch {
    base = undefined;
  }
  const isObject = typeof base === "object" && base !== null && !Array.isArray(base);
  return { ...expectedVersion(formData), base: isObject ? base : undefined };
}

const FIELD_NAMES: Record<string, string> = { title: "title", description: "description", status: "status", assigneeId: "assignee", dueDate: "due date" };

/**
 * The flash after a save: "Saved changes to “X”.", and after a merge whose changes of others were
 * kept, who made them: "Kept Grace Hopper’s change to the status." (per person, in order).
 */
export function savedMessage(task: PublicTask, keptTheirs: KeptChange[]) {
  const saved = `Saved changes to ${quoteTitle(task.title)}.`;
  const byPerson = new Map<string, { name: string; fields: string[] }>();
  const unknown: string[] = [];
  for (const { field, by } of keptTheirs) {
    if (by.length === 0) unknown.push(FIELD_NAMES[field]!);
    for (const person of by) {
      const entry = byPerson.get(person.id) ?? { name: person.name, fields: [] };
      entry.fields.push(FIELD_NAMES[field]!);
      byPerson.set(person.id, entry);
    }
  }
  const parts = [...byPerson.values()].map(({ name, fields }) => `${name}’s ${fields.length === 1 ? "change" : "changes"} to the ${listOf(fields)}`);
  if (unknown.length > 0) parts.push(`the other ${unknown.length === 1 ? "change" : "changes"} to the ${listOf(unknown)}`);
  return parts.length === 0 ? saved : `${saved} Kept ${listOf(parts)}.`;
}

/**
 * The conflict view after a stale edit. Refused without a merge: every field compared, as
 * before. After a merge that found overlapping changes: only those fields compared, the other
 * person's kept changes put into the form (so saving again does not undo them), the person's
 * typing kept for the rest, and the form now based on the version stored now.
 */
export function conflictState(
  error: PreconditionFailedError,
  task: PublicTask,
): Pick<TaskFormState, "current" | "conflicts" | "keptTheirs"> & Partial<Pick<TaskFormState, "values">> {
  const current = snapshot(task);
  if (!(error instanceof EditConflictError)) return { current };
  const values: Record<string, string> = {};
  for (const field of error.keptTheirs) {
    const value = (current as Record<string, unknown>)[field];
    values[field] = typeof value === "string" ? value : "";
  }
  return { current, conflicts: error.conflicts.map((conflict) => conflict.field), keptTheirs: error.keptTheirs, values };
}

/**
 * The list's filters, order and cursor as the URL carries them; an empty field means no filter.
 * One reading for every page that lists tasks (the list, the board), as the API reads them too.
 */
export function listQuery(url: URL): { filters: TaskFilters; cursor?: string } {
  const filters: Record<string, string> = {};
  // The keys the service's filter schema knows (sort included), as the API reads them too.
  for (const key of Object.keys(taskFiltersSchema.shape)) {
    const value = url.searchParams.get(key);
    if (value) filters[key] = value;
  }
  return { filters, cursor: url.searchParams.get("cursor") || undefined };
}

export function snapshot(task: PublicTask): TaskSnapshot {
  return {
    title: task.title,
    description: task.description,
    status: task.status,
    assigneeId: task.assignee?.id ?? null,
    assigneeName: task.assignee?.name ?? null,
    dueDate: task.dueDate,
    version: task.version,
  };
}
