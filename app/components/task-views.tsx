import { Link } from "@remix-run/react";

/** The two views of the same filtered tasks: the list (`/tasks`) and the board (`/tasks/board`). */
export type TaskView = "list" | "board";

const VIEW_PATHS: Record<TaskView, string> = { list: "/tasks", board: "/tasks/board" };

/**
 * A view's address with the filters (empty ones left out) and any extra parameters. A list's
 * cursor is not a filter and is never carried over: the other view starts at its beginning.
 */
export function tasksHref(view: TaskView, filters: Record<string, string | undefined>, extra: Record<string, string> = {}) {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...filters, ...extra })) if (value) params.set(key, value);
  const search = params.toString();
  return search ? `${VIEW_PATHS[view]}?${search}` : VIEW_PATHS[view];
}

/** "List · Board": switches view and keeps the filters; the current view is marked for screen readers too. */
export function ViewLinks({ current, filters }: { current: TaskView; filters: Record<string, string | undefined> }) {
  const views: [TaskView, string][] = [
    ["list", "List"],
    ["board", "Board"],
  ];
  return (
    <nav aria-label="Views" className="view-links">
      {views.map(([view, label]) => (
        <Link key={view} to={tasksHref(view, filters)} aria-current={view === current ? "page" : undefined}>
          {label}
        </Link>
      ))}
    </nav>
  );
}
