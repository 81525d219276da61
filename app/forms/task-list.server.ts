import type { Actor } from "#services/actor.ts";
import { NotFoundError } from "#services/errors.ts";
import { compareInOrder, TASK_SORT_LABELS, TASK_SORTS, type TaskSort } from "#services/task-sort.ts";
import { getTask, type PublicTask, type TaskFilters } from "#services/tasks.ts";
import { shortTitle } from "#app/components/short-title.ts";
import type { MovedTask } from "#app/components/task-list.tsx";
import { statusLabel } from "#app/components/task-status.tsx";

/** The query parameter naming the task a row's form just changed, and the anchor of its row. */
export const CHANGED = "changed";
export const rowAnchor = (id: string) => `task-${id}`;

/**
 * Where a row's form sends the person back: the same list (filters, order, page), naming the
 * changed task so the page can confirm in the row's place if it left the list (issue 14), and
 * scrolled to that row. Without a changed task (take, release), just the same list.
 */
export function backToList(url: URL, changedId?: string) {
  const params = new URLSearchParams(url.search);
  params.delete(CHANGED);
  if (changedId) params.set(CHANGED, changedId);
  const search = params.toString();
  return `/tasks${search ? `?${search}` : ""}${changedId ? `#${rowAnchor(changedId)}` : ""}`;
}

/** The orders for the filter form's select, in the words the services use for them. */
export const sortOptions = () => TASK_SORTS.map((value) => ({ value, label: TASK_SORT_LABELS[value] }));

/**
 * The task a status form just changed (`?changed=<id>`), when it is no longer among the page's
 * rows: a confirmation to show where it was, and why it went. One more statement, only then.
 */
export async function movedTask(
  actor: Actor,
  url: URL,
  page: { items: PublicTask[]; sort: TaskSort },
  filters: TaskFilters,
): Promise<MovedTask | null> {
  const id = url.searchParams.get(CHANGED);
  if (!id || page.items.some((task) => task.id === id)) return null;
  let task: PublicTask;
  try {
    task = await getTask(actor, id);
  } catch (error) {
    if (error instanceof NotFoundError) return null; // deleted meanwhile: nothing to confirm
    throw error;
  }
  // A status change moves a task out of a status or overdue filter; otherwise its place in the order moved.
  const leftFilter =
    (filters.status !== undefined && filters.status !== task.status) ||
    (filters.overdue === "true" && !task.overdue) ||
    (filters.overdue === "false" && task.overdue);
  return {
    id: task.id,
    title: shortTitle(task.title),
    status: statusLabel(task.status),
    reason: leftFilter ? "filter" : "page",
    // Its place: after every row that comes before it in the page's order.
    index: page.items.filter((row) => compareInOrder(page.sort, row, task) < 0).length,
  };
}
