import {
  data,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Link, useActionData, useLoaderData, useLocation, type ShouldRevalidateFunction } from "@remix-run/react";
import { PreconditionFailedError } from "../../services/errors.ts";
import { deleteTask, getTask, listAssignablePeople, listTaskActivity, updateTask } from "../../services/tasks.ts";
import { ActivityList } from "~/components/activity-list";
import { TaskDeleteSection, TaskDetails } from "~/components/task-details";
import { TaskForm } from "~/components/task-form";
import { redirectWithFlash } from "~/flash.server";
import { formErrorResponse, pageError } from "~/form-errors.server";
import { conflictResponse, expectedVersion, taskAbilities, taskFormInput } from "~/tasks.server";
import { requireSignedIn } from "~/session.server";
import { readFormData } from "~/form-data.server";

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

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor } = await requireSignedIn(request);
  const formData = await readFormData(request);
  const intent = String(formData.get("intent"));
  const id = params.id!;
  try {
    if (intent === "update") {
      const task = await updateTask(actor, id, taskFormInput(formData), expectedVersion(formData));
      return redirectWithFlash(`/tasks/${id}`, { kind: "success", message: `Saved changes to “${task.title}”.` });
    }
    if (intent === "delete") {
      const task = await getTask(actor, id);
      await deleteTask(actor, id, expectedVersion(formData));
      return redirectWithFlash("/tasks", { kind: "success", message: `The task “${task.title}” was deleted.` });
    }
  } catch (error) {
    if (error instanceof PreconditionFailedError) {
      return conflictResponse(error, formData, intent, await getTask(actor, id).catch(pageError));
    }
    return formErrorResponse(error, formData, intent);
  }
  throw data("Unknown action.", { status: 400 });
}

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
