import { Link } from "@remix-run/react";
import { confirmAnchor, ConfirmPanel } from "./confirm-panel.tsx";
import { ErrorSummary } from "./form.tsx";
import type { FormState } from "#app/forms/state.ts";
import type { TaskFormState } from "./task-form.tsx";
import { DueDate } from "./task-list.tsx";
import { StatusText } from "./task-status.tsx";
import { TakeTaskButton } from "./task-take.tsx";
import { When } from "./when.tsx";

type Task = {
  id: string;
  title: string;
  description: string;
  status: string;
  assignee: { name: string } | null;
  creator: { name: string };
  dueDate: string | null;
  overdue: boolean;
  version: number;
  completedAt: Date | string | null;
  createdAt: Date | string;
  updatedAt: Date | string;
};

/** `descriptionHtml`: the description rendered by services/markdown.ts (decision 0024), shown instead of the plain text. */
export function TaskDetails({ task, descriptionHtml }: { task: Task; descriptionHtml?: string }) {
  return (
    <>
      <dl className="details">
        <dt>Status</dt>
        <dd>
          <StatusText status={task.status} />
          {task.completedAt ? <span className="muted"> since <When value={task.completedAt} show="both" /></span> : null}
        </dd>
        <dt>Assignee</dt>
        <dd>{task.assignee?.name ?? "Nobody"}</dd>
        <dt>Due</dt>
        <dd>
          <DueDate dueDate={task.dueDate} overdue={task.overdue} />
        </dd>
        <dt>Created by</dt>
        <dd>
          {task.creator.name}, <When value={task.createdAt} show="both" />
        </dd>
        <dt>Last changed</dt>
        <dd>
          <When value={task.updatedAt} show="both" />
        </dd>
      </dl>
      {task.description && descriptionHtml !== undefined ? (
        <div className="task-description markdown" dangerouslySetInnerHTML={{ __html: descriptionHtml }} />
      ) : task.description ? (
        <div className="task-description prewrap">{task.description}</div>
      ) : (
        <p className="muted">No description.</p>
      )}
    </>
  );
}

/**
 * Deleting, behind an in-page confirmation reached by a plain link (`?confirm=delete`), so it
 * works without JavaScript. The confirmation carries the version, so a task that changed in the
 * meantime is not deleted unseen.
 */
export function TaskDeleteSection({
  task,
  confirming,
  state,
}: {
  task: Task;
  confirming: boolean;
  state?: TaskFormState | null;
}) {
  const own = state?.intent === "delete" ? state : null;
  const version = own?.current?.version ?? task.version;
  return (
    <section aria-labelledby="delete-heading" className="card">
      <h2 id="delete-heading">Delete</h2>
      {confirming ? (
        <ConfirmPanel
          intent="delete"
          fields={{ version: String(version) }}
          state={own}
          submitText="Yes, delete this task"
          pendingText="Deleting…"
          cancelTo={`/tasks/${task.id}`}
          danger
        >
          “{task.title}” will be removed for everyone. Its history stays in the activity log. This cannot be undone.
        </ConfirmPanel>
      ) : (
        <>
          <ErrorSummary state={own} />
          <Link to={`?confirm=delete#${confirmAnchor("delete")}`} className="button button--danger">
            Delete…
          </Link>
        </>
      )}
    </section>
  );
}

/**
 * Taking a task, or giving it back: one click (app/components/task-take.tsx), shown when `can` says
 * so (taskAbilities: canTake for an unassigned task, canRelease for one's own).
 */
export function TaskTakeSection({
  task,
  canTake,
  canRelease,
  state,
}: {
  task: Task;
  canTake: boolean;
  canRelease: boolean;
  state?: FormState | null;
}) {
  return (
    <div className="take">
      {canTake ? <p className="muted">Nobody works on this yet.</p> : canRelease ? <p className="muted">You are assigned to this task.</p> : null}
      <TakeTaskButton task={task} mode="take" allowed={canTake} refusal={state} />
      <TakeTaskButton task={task} mode="release" allowed={canRelease} refusal={state} />
    </div>
  );
}
