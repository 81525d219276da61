import { Form, Link } from "@remix-run/react";
import type { FormState } from "#app/forms/state.ts";
import { ErrorSummary, SelectField, TextField } from "./form.tsx";
import { STATUS_OPTIONS, StatusControl, StatusText, type TaskStatus } from "./task-status.tsx";
import { TakeTaskButton } from "./task-take.tsx";

export type ListFilters = { status?: string; assignee?: string; q?: string; overdue?: string };

type Person = { id: string; name: string };

/**
 * The list's filters: a GET form, so its whole state lives in the URL (shareable, bookmarkable,
 * and the back button works). `problem` is a filter the service refused, shown like a form error.
 */
export function TaskFilterForm({
  filters,
  people,
  problem,
}: {
  filters: ListFilters;
  people: Person[];
  problem?: FormState | null;
}) {
  const state: FormState = { fieldErrors: problem?.fieldErrors ?? {}, values: { ...filters } };
  const filtered = Object.keys(filters).length > 0;
  return (
    <Form method="get" className="filters" role="search" aria-label="Filter tasks">
      <ErrorSummary state={problem} />
      <SelectField
        name="status"
        label="Status"
        options={[{ value: "", label: "Any status" }, ...STATUS_OPTIONS]}
        defaultValue=""
        state={state}
      />
      <SelectField
        name="assignee"
        label="Assignee"
        options={[
          { value: "", label: "Anyone" },
          { value: "me", label: "Me" },
          { value: "none", label: "Nobody" },
          ...people.map((person) => ({ value: person.id, label: person.name })),
        ]}
        defaultValue=""
        state={state}
      />
      <TextField name="q" label="Search" type="search" hint="In titles and descriptions." state={state} />
      <div className={problem?.fieldErrors.overdue ? "field field--invalid" : "field"}>
        <div className="checkbox">
          <input type="checkbox" id="field-overdue" name="overdue" value="true" defaultChecked={filters.overdue === "true"} />
          <label htmlFor="field-overdue">Only overdue</label>
        </div>
        {problem?.fieldErrors.overdue ? <p className="field__error">{problem.fieldErrors.overdue}</p> : null}
      </div>
      <div className="confirm__actions">
        <button type="submit" className="button">
          Filter
        </button>
        {filtered ? (
          <Link to="/tasks" className="button button--quiet">
            Clear filters
          </Link>
        ) : null}
      </div>
    </Form>
  );
}

export type ListTask = {
  id: string;
  title: string;
  status: TaskStatus;
  version: number;
  assignee: Person | null;
  dueDate: string | null;
  overdue: boolean;
  canEdit: boolean;
  /** Unassigned: the viewer may take it. */
  canTake: boolean;
  /** The viewer's own: they may give it back. */
  canRelease: boolean;
};

export function TaskTable({ tasks, refusal }: { tasks: ListTask[]; refusal?: FormState | null }) {
  if (tasks.length === 0) return <p className="muted">No tasks match.</p>;
  return (
    <table className="table table--cards">
      <caption className="visually-hidden">Tasks, newest first</caption>
      <thead>
        <tr>
          <th scope="col">Title</th>
          <th scope="col">Status</th>
          <th scope="col">Assignee</th>
          <th scope="col">Due</th>
        </tr>
      </thead>
      <tbody>
        {tasks.map((task) => (
          <tr key={task.id} className={task.overdue ? "row--overdue" : undefined}>
            <td className="table__lead">
              <Link to={`/tasks/${task.id}`}>{task.title}</Link>
            </td>
            <td data-label="Status">{task.canEdit ? <StatusControl task={task} refusal={refusal} /> : <StatusText status={task.status} />}</td>
            <td data-label="Assignee">
              {task.assignee?.name ?? <span className="muted">Nobody</span>}
              <TakeTaskButton task={task} mode="take" allowed={task.canTake} refusal={refusal} />
              <TakeTaskButton task={task} mode="release" allowed={task.canRelease} refusal={refusal} />
            </td>
            <td data-label="Due">
              <DueDate dueDate={task.dueDate} overdue={task.overdue} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The due day, and "Overdue" in words when it has passed (the colour only repeats it). */
export function DueDate({ dueDate, overdue }: { dueDate: string | null; overdue: boolean }) {
  if (!dueDate) return <span className="muted">—</span>;
  return (
    <>
      <time dateTime={dueDate}>{dueDate}</time>
      {overdue ? <strong className="overdue"> Overdue</strong> : null}
    </>
  );
}

/** Links to the next page (carrying the filters and the cursor) and back to the first. */
export function Pager({ filters, cursor, nextCursor }: { filters: ListFilters; cursor?: string; nextCursor: string | null }) {
  if (!cursor && !nextCursor) return null;
  const query = (extra: Record<string, string>) => {
    const search = new URLSearchParams({ ...clean(filters), ...extra }).toString();
    return search ? `/tasks?${search}` : "/tasks";
  };
  return (
    <nav aria-label="Pages" className="confirm__actions pager">
      {cursor ? <Link to={query({})}>First page</Link> : null}
      {nextCursor ? <Link to={query({ cursor: nextCursor })}>Next page</Link> : null}
    </nav>
  );
}

function clean(filters: ListFilters) {
  return Object.fromEntries(Object.entries(filters).filter((entry): entry is [string, string] => Boolean(entry[1])));
}
