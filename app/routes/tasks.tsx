import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useLocation, type ShouldRevalidateFunction } from "@remix-run/react";
import { changeTaskStatus, listAssignablePeople, listTasks, releaseTask, takeTask, taskAbilities } from "#services/tasks.ts";
import { Pager, TaskFilterForm, TaskTable, type ListTask } from "#app/components/task-list.tsx";
import { statusLabel } from "#app/components/task-status.tsx";
import { queryProblem } from "#app/forms/errors.server.ts";
import { intentAction } from "#app/forms/intent-action.server.ts";
import { expectedVersion, listQuery } from "#app/forms/task-form.server.ts";
import { quoteTitle } from "#app/forms/flash.server.ts";
import { requireSignedIn } from "#app/forms/session.server.ts";

export const meta: MetaFunction = () => [{ title: "Tasks · Tandem" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { actor } = await requireSignedIn(request);
  const { filters, cursor } = listQuery(new URL(request.url));
  const people = await listAssignablePeople(actor);
  try {
    const page = await listTasks(actor, filters, { cursor });
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
    return { tasks, nextCursor: page.nextCursor, filters, cursor, people, problem: null };
  } catch (error) {
    // A filter or cursor the service refuses: the same page, 400, with the filter form showing
    // the error next to the field and the values kept, so the person can fix it in place.
    const problem = queryProblem(error);
    return data({ tasks: [], nextCursor: null, filters, cursor, people, problem }, { status: 400 });
  }
}

/** The rows' status, take and release forms. Success goes back to the same list (filters and page kept). */
export const action = intentAction(
  {
    status: async ({ actor, request, form, input }) => {
      const task = await changeTaskStatus(actor, String(form.get("taskId") ?? ""), input, expectedVersion(form));
      return { redirect: `/tasks${new URL(request.url).search}`, flash: `${quoteTitle(task.title)} is now ${statusLabel(task.status).toLowerCase()}.` };
    },
    take: async ({ actor, request, form }) => {
      const task = await takeTask(actor, String(form.get("taskId") ?? ""), expectedVersion(form));
      return { redirect: `/tasks${new URL(request.url).search}`, flash: `${quoteTitle(task.title)} is assigned to you now.` };
    },
    release: async ({ actor, request, form }) => {
      const task = await releaseTask(actor, String(form.get("taskId") ?? ""), expectedVersion(form));
      return { redirect: `/tasks${new URL(request.url).search}`, flash: `You are no longer assigned to ${quoteTitle(task.title)}.` };
    },
  },
  // A refusal stays in its row (403/404/409 included), so a fetcher can roll back and say why.
  { inline: true },
);

/** After a refused status change the list is read again, so the rows show what is stored now. */
export const shouldRevalidate: ShouldRevalidateFunction = ({ actionStatus, defaultShouldRevalidate }) =>
  actionStatus !== undefined && actionStatus >= 400 ? true : defaultShouldRevalidate;

export default function Tasks() {
  const { tasks, nextCursor, filters, cursor, people, problem } = useLoaderData<typeof loader>();
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
      {/* Keyed by the URL, so "Clear filters" and the back button reset the fields with JavaScript too. */}
      <TaskFilterForm key={location.search} filters={filters} people={people} problem={problem} />
      {problem ? (
        <p>
          <Link to="/tasks">Show all tasks</Link>
        </p>
      ) : (
        <>
          <TaskTable tasks={tasks} refusal={refusal} />
          <Pager filters={filters} cursor={cursor} nextCursor={nextCursor} />
        </>
      )}
    </>
  );
}
