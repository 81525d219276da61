import { taskFiltersSchema, type PublicTask, type TaskFilters } from "#services/tasks.ts";
import { formInput } from "./data.server.ts";
import type { TaskSnapshot } from "#app/components/task-form.tsx";

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

/** The list's filters and cursor as the URL carries them; an empty field means no filter. */
export function listQuery(url: URL): { filters: TaskFilters; cursor?: string } {
  const filters: Record<string, string> = {};
  // The keys the service's filter schema knows, as the API reads them too.
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
