import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useLocation, type ShouldRevalidateFunction } from "@remix-run/react";
import { commentAbilities, createComment, deleteComment, listTaskComments, updateComment } from "#services/comments.ts";
import { renderMarkdown } from "#services/markdown.ts";
import { describeActivity } from "#services/activity-sentence.ts";
import { deleteTask, editTask, getTask, listAssignablePeople, listTaskActivity, releaseTask, takeTask, taskAbilities } from "#services/tasks.ts";
import { TaskDeleteSection, TaskDetails, TaskTakeSection } from "#app/components/task-details.tsx";
import { TaskForm, type TaskFormState } from "#app/components/task-form.tsx";
import { TaskTimeline } from "#app/components/task-timeline.tsx";
import { pageError } from "#app/forms/errors.server.ts";
import { intentAction } from "#app/forms/intent-action.server.ts";
import { conflictState, editOptions, expectedVersion, savedMessage, taskFormInput } from "#app/forms/task-form.server.ts";
import { quoteTitle } from "#app/forms/flash.server.ts";
import { requireSignedIn } from "#app/forms/session.server.ts";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.task.title ?? "Task"} · Tandem` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor } = await requireSignedIn(request);
  const task = await getTask(actor, params.id!).catch(pageError);
  const [activity, people, comments] = await Promise.all([
    listTaskActivity(actor, task.id),
    listAssignablePeople(actor),
    // The newest 100, like the activity beside them.
    listTaskComments(actor, task.id, { limit: 100 }),
  ]);
  const search = new URL(request.url).searchParams;
  return {
    task,
    descriptionHtml: renderMarkdown(task.description, task.mentions),
    // Its own activity says "this" of the task: "Ada moved this from To do to In progress".
    activity: activity.map((entry) => ({ ...entry, sentence: describeActivity(entry, { here: task.id }) })),
    comments: comments.items.map((comment) => ({ ...comment, ...commentAbilities(actor, comment) })),
    people,
    ...taskAbilities(actor, task),
    confirmDelete: search.get("confirm") === "delete",
    editComment: search.get("edit"),
    confirmDeleteComment: search.get("delete-comment"),
  };
}

export const action = intentAction<never, TaskFormState>(
  {
    update: async ({ actor, params, form }) => {
      // Against a newer version the edit is merged field by field (the form sends what it showed).
      const { task, keptTheirs } = await editTask(actor, params.id!, taskFormInput(form), editOptions(form));
      return { redirect: `/tasks/${task.id}`, flash: savedMessage(task, keptTheirs) };
    },
    delete: async ({ actor, params, form }) => {
      const task = await deleteTask(actor, params.id!, expectedVersion(form));
      return { redirect: "/tasks", flash: `The task ${quoteTitle(task.title)} was deleted.` };
    },
    take: async ({ actor, params, form }) => {
      const task = await takeTask(actor, params.id!, expectedVersion(form));
      return { redirect: `/tasks/${task.id}`, flash: `${quoteTitle(task.title)} is assigned to you now.` };
    },
    release: async ({ actor, params, form }) => {
      const task = await releaseTask(actor, params.id!, expectedVersion(form));
      return { redirect: `/tasks/${task.id}`, flash: `You are no longer assigned to ${quoteTitle(task.title)}.` };
    },
    comment: async ({ actor, params, input }) => {
      const comment = await createComment(actor, params.id!, { body: input.body });
      return { redirect: `/tasks/${comment.taskId}#comment-${comment.id}`, flash: "Your comment was added." };
    },
    "edit-comment": async ({ actor, params, input, form }) => {
      const comment = await updateComment(actor, String(input.commentId ?? ""), { body: input.body }, { ...expectedVersion(form), onTask: params.id! });
      return { redirect: `/tasks/${comment.taskId}#comment-${comment.id}`, flash: "Your comment was saved." };
    },
    "delete-comment": async ({ actor, params, input, form }) => {
      const comment = await deleteComment(actor, String(input.commentId ?? ""), { ...expectedVersion(form), onTask: params.id! });
      return { redirect: `/tasks/${comment.taskId}`, flash: "The comment was deleted." };
    },
  },
  // A stale edit or delete: the task as it is stored now, beside what the person typed (after a
  // merge, only the fields both changed).
  { conflict: async ({ actor, params }, error) => conflictState(error, await getTask(actor, params.id!).catch(pageError)) },
);

/** After a stale save the details are read again, so they show what is stored now. */
export const shouldRevalidate: ShouldRevalidateFunction = ({ actionStatus, defaultShouldRevalidate }) =>
  actionStatus === 409 ? true : defaultShouldRevalidate;

export default function TaskPage() {
  const { task, descriptionHtml, activity, comments, people, canEdit, canDelete, canTake, canRelease, confirmDelete, editComment, confirmDeleteComment } =
    useLoaderData<typeof loader>();
  const state = useActionData<typeof action>();
  const location = useLocation();
  return (
    <>
      <p>
        <Link to="/tasks">← Tasks</Link>
      </p>
      <h1>{task.title}</h1>
      <TaskDetails task={task} descriptionHtml={descriptionHtml} />
      <TaskTakeSection task={task} canTake={canTake} canRelease={canRelease} state={state} />
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
        <h2 id="activity-heading">Activity and comments</h2>
        <TaskTimeline
          taskId={task.id}
          activity={activity}
          comments={comments}
          editing={editComment}
          confirmingDelete={confirmDeleteComment}
          state={state}
        />
      </section>
    </>
  );
}
