import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useLocation, type ShouldRevalidateFunction } from "@remix-run/react";
import { deleteTask, getTask, listAssignablePeople, listTaskActivity, taskAbilities, updateTask } from "#services/tasks.ts";
import { ActivityList } from "#app/components/activity-list.tsx";
import { TaskDeleteSection, TaskDetails } from "#app/components/task-details.tsx";
import { TaskForm, type TaskFormState } from "#app/components/task-form.tsx";
import { pageError } from "#app/forms/errors.server.ts";
import { intentAction } from "#app/forms/intent-action.server.ts";
import { expectedVersion, snapshot, taskFormInput } from "#app/forms/task-form.server.ts";
import { requireSignedIn } from "#app/forms/session.server.ts";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.task.title ?? "Task"} · Tandem` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor } = await requireSignedIn(request);
  const task = await getTask(actor, params.id!).catch(pageError);
  const [activity, people] = await Promise.all([listTaskActivity(actor, task.id), listAssignablePeople(actor)]);
  return {
    task,
    activity,
    people,
    ...taskAbilities(actor, task),
    confirmDelete: new URL(request.url).searchParams.get("confirm") === "delete",
  };
}

export const action = intentAction<never, TaskFormState>(
  {
    update: async ({ actor, params, form }) => {
      const task = await updateTask(actor, params.id!, taskFormInput(form), expectedVersion(form));
      return { redirect: `/tasks/${task.id}`, flash: `Saved changes to “${task.title}”.` };
    },
    delete: async ({ actor, params, form }) => {
      const task = await deleteTask(actor, params.id!, expectedVersion(form));
      return { redirect: "/tasks", flash: `The task “${task.title}” was deleted.` };
    },
  },
  // A stale edit or delete: the task as it is stored now, beside what the person typed.
  { conflict: async ({ actor, params }) => ({ current: snapshot(await getTask(actor, params.id!).catch(pageError)) }) },
);

/** After a stale save the details are read again, so they show what is stored now. */
export const shouldRevalidate: ShouldRevalidateFunction = ({ actionStatus, defaultShouldRevalidate }) =>
  actionStatus === 409 ? true : defaultShouldRevalidate;

export default function TaskPage() {
  const { task, activity, people, canEdit, canDelete, confirmDelete } = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>();
  const location = useLocation();
  return (
    <>
      <p>
        <Link to="/tasks">← Tasks</Link>
      </p>
      <h1>{task.title}</h1>
      <TaskDetails task={task} />
      {canEdit ? (
        <section aria-labelledby="edit-heading" className="card">
          <h2 id="edit-heading">Edit</h2>
          {/* A new page visit (after a save, or "Discard my changes") starts from the stored values. */}
          <TaskForm key={location.key} task={task} people={people} state={state} cancelTo={`/tasks/${task.id}`} />
        </section>
      ) : (
        <p className="muted">Only the task’s creator, its assignee or an admin can change it.</p>
      )}
      {canDelete ? (
        <TaskDeleteSection task={task} confirming={confirmDelete} state={state} />
      ) : null}
      <section aria-labelledby="activity-heading">
        <h2 id="activity-heading">Activity</h2>
        <ActivityList entries={activity} />
      </section>
    </>
  );
}
