import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useLocation, type ShouldRevalidateFunction } from "@remix-run/react";
import { PAGE_SIZE } from "#services/pagination.ts";
import { listAssignablePeople, listTasks, releaseTask, takeTask, taskAbilities } from "#services/tasks.ts";
import { shortTitle } from "#app/components/short-title.ts";
import { Pager, TaskFilterForm, TaskTable, type ListTask } from "#app/components/task-list.tsx";
import { ViewLinks } from "#app/components/task-views.tsx";
import { queryProblem } from "#app/forms/errors.server.ts";
import { intentAction } from "#app/forms/intent-action.server.ts";
import { statusIntent } from "#app/forms/task-status.server.ts";
import { expectedVersion, listQuery } from "#app/forms/task-form.server.ts";
import { backToList, movedTask, sortOptions } from "#app/forms/task-list.server.ts";
import { requireSignedIn } from "#app/forms/session.server.ts";

export const meta: MetaFunction = () => [{ title: "Tasks · Tandem" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { actor } = await requireSignedIn(request);
  const url = new URL(request.url);
  const { filters, cursor } = listQuery(url);
  const people = await listAssignablePeople(actor);
  const sorts = sortOptions();
  try {
    // With the count (one more statement), so the pager can say "21–40 of 300".
    const page = await listTasks(actor, filters, { cursor, count: true });
    // Only what the table shows: the page carries its loader data to the browser for hydration, and
    // descriptions (up to 10,000 characters each), creators and times would only make it heavier.
    const tasks = page.items.map((task): ListTask => {
      const { canEdit, canTake, canRelease } = taskAbilities(actor, task);
      return {
        id: task.id,
        title: task.title,
        status: task.status,
        version: task.version,
        assignee: task.assignee,
        dueDate: task.dueDate,
        overdue: task.overdue,
        canEdit,
        canTake,
        canRelease,
      };
    });
    const position = page.position!;
    return {
      tasks,
      moved: await movedTask(actor, url, page, filters),
      sort: page.sort,
      sortLabel: sorts.find((option) => option.value === page.sort)!.label,
      sorts,
      position,
      nextCursor: page.nextCursor,
      // The page before the second is the first: its plain URL, rather than a cursor to it.
      prevCursor: position.from - PAGE_SIZE.default <= 1 ? null : page.prevCursor,
      hasPrev: page.prevCursor !== null,
      filters,
      people,
      problem: null,
    };
  } catch (error) {
    // A filter or cursor the service refuses: the same page, 400, with the filter form showing
    // the error next to the field and the values kept, so the person can fix it in place.
    const problem = queryProblem(error);
    const empty = { tasks: [], moved: null, sort: null, sortLabel: null, position: null, nextCursor: null, prevCursor: null, hasPrev: false };
    return data({ ...empty, sorts, filters, people, problem }, { status: 400 });
  }
}

/**
 * The rows' status, take and release forms. Success goes back to the same list (filters, order and
 * page kept); after a status change, naming the task, so a row that left the list is confirmed in its place.
 */
export const action = intentAction(
  {
    status: statusIntent((url, task) => backToList(url, task.id)),
    take: async ({ actor, request, form }) => {
      const task = await takeTask(actor, String(form.get("taskId") ?? ""), expectedVersion(form));
      return { redirect: backToList(new URL(request.url)), flash: `“${shortTitle(task.title)}” is assigned to you now.` };
    },
    release: async ({ actor, request, form }) => {
      const task = await releaseTask(actor, String(form.get("taskId") ?? ""), expectedVersion(form));
      return { redirect: backToList(new URL(request.url)), flash: `You are no longer assigned to “${shortTitle(task.title)}”.` };
    },
  },
  // A refusal stays in its row (403/404/409 included), so a fetcher can roll back and say why.
  { inline: true },
);

/** After a refused status change the list is read again, so the rows show what is stored now. */
export const shouldRevalidate: ShouldRevalidateFunction = ({ actionStatus, defaultShouldRevalidate }) =>
  actionStatus !== undefined && actionStatus >= 400 ? true : defaultShouldRevalidate;

export default function Tasks() {
  const { tasks, moved, sortLabel, sorts, position, nextCursor, prevCursor, hasPrev, filters, people, problem } = useLoaderData<typeof loader>();
  const refusal = useActionData<typeof action>();
  const location = useLocation();
  return (
    <>
      <div className="page-header">
        <h1>Tasks</h1>
        <Link to="/tasks/new" className="button">
          New task
        </Link>
      </div>
      <ViewLinks current="list" filters={filters} />
      {/* Keyed by the URL, so "Clear filters" and the back button reset the fields with JavaScript too. */}
      <TaskFilterForm key={location.search} filters={filters} people={people} sorts={sorts} problem={problem} />
      {problem || !position ? (
        <p>
          <Link to="/tasks">Show all tasks</Link>
        </p>
      ) : (
        <>
          <TaskTable tasks={tasks} moved={moved} sortLabel={sortLabel ?? ""} refusal={refusal} />
          <Pager filters={filters} position={position} sortLabel={sortLabel ?? ""} nextCursor={nextCursor} prevCursor={prevCursor} hasPrev={hasPrev} />
        </>
      )}
    </>
  );
}
