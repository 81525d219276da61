import { Form, Link } from "@remix-run/react";
import type { FormState } from "#app/forms/state.ts";
import { ErrorSummary, SelectField, TextField } from "./form.tsx";
import { STATUS_OPTIONS, StatusControl, StatusText, type TaskStatus } from "./task-status.tsx";
import { TakeTaskButton } from "./task-take.tsx";
import { Day } from "./when.tsx";

export type ListFilters = { status?: string; assignee?: string; q?: string; overdue?: string; sort?: string };

type Person = { id: string; name: string };

/**
 * The list's filters and order: a GET form, so its whole state lives in the URL (shareable,
 * bookmarkable, and the back button works). `problem` is a filter the service refused, shown like
 * a form error. `sorts` (the orders to offer) adds the "Sort by" select; a page without an order
 * (a board) leaves it out.
 */
export function TaskFilterForm({
  filters,
  people,
  sorts,
  problem,
  clearTo = "/tasks",
}: {
  filters: ListFilters;
  people: Person[];
  sorts?: { value: string; label: string }[];
  problem?: FormState | null;
  /** Where "Clear filters" goes: the page the form is on (the list or the board). */
  clearTo?: string;
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
      {sorts ? (
        <SelectField
          name="sort"
          label="Sort by"
          hint="The default is newest first, and with Only overdue the most overdue first."
          options={[{ value: "", label: "Default order" }, ...sorts]}
          defaultValue=""
          state={state}
        />
      ) : null}
      <div className="confirm__actions">
        <button type="submit" className="button">
          Filter
        </button>
        {filtered ? (
          <Link to={clearTo} className="button button--quiet">
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

/** A task a row's form just changed that is no longer among the rows: confirmed where it was. */
export type MovedTask = {
  id: string;
  /** Already shortened for a sentence. */
  title: string;
  /** The new status, in words. */
  status: string;
  /** Why it is not listed: it left the filter, or its place in the order moved to another page. */
  reason: "filter" | "page";
  /** How many of the rows come before it. */
  index: number;
};

export function TaskTable({
  tasks,
  moved,
  sortLabel = "Newest first",
  refusal,
}: {
  tasks: ListTask[];
  moved?: MovedTask | null;
  /** The order the rows are in, for the table's caption. */
  sortLabel?: string;
  refusal?: FormState | null;
}) {
  if (tasks.length === 0 && !moved) return <p className="muted">No tasks match.</p>;
  const rows = tasks.map((task) => <TaskRow key={task.id} task={task} refusal={refusal} />);
  if (moved) rows.splice(Math.min(moved.index, rows.length), 0, <MovedRow key={moved.id} moved={moved} />);
  return (
    <table className="table table--cards">
      <caption className="visually-hidden">Tasks, {sortLabel.toLowerCase()}</caption>
      <thead>
        <tr>
          <th scope="col">Title</th>
          <th scope="col">Status</th>
          <th scope="col">Assignee</th>
          <th scope="col">Due</th>
        </tr>
      </thead>
      <tbody>{rows}</tbody>
    </table>
  );
}

/** Each row has an anchor (`#task-<id>`), so a form's answer can scroll back to it without JavaScript. */
function TaskRow({ task, refusal }: { task: ListTask; refusal?: FormState | null }) {
  return (
    <tr id={`task-${task.id}`} className={task.overdue ? "row--overdue" : undefined}>
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
  );
}

/** In the place of a row whose status change took it out of this list: what happened, and a way to it. */
function MovedRow({ moved }: { moved: MovedTask }) {
  const why = moved.reason === "filter" ? "it no longer matches this filter" : "it is on another page of this list now";
  return (
    <tr id={`task-${moved.id}`} className="row--moved">
      <td colSpan={4} className="table__lead">
        <p role="status" className="row--moved__message">
          “{moved.title}” moved to {moved.status} — {why}. <Link to={`/tasks/${moved.id}`}>Open it</Link>
        </p>
      </td>
    </tr>
  );
}

/** The due day, and "Overdue" in words when it has passed (the colour only repeats it). */
export function DueDate({ dueDate, overdue }: { dueDate: string | null; overdue: boolean }) {
  if (!dueDate) return <span className="muted">—</span>;
  return (
    <>
      <Day value={dueDate} />
      {overdue ? <strong className="overdue"> Overdue</strong> : null}
    </>
  );
}

/**
 * Where this page is in the list ("21–40 of 300, newest first") and links to the pages around it,
 * each carrying the filters and the order. `prevCursor` is null when the page before is the first,
 * which is then linked by its plain URL.
 */
export function Pager({
  filters,
  position,
  sortLabel,
  nextCursor,
  prevCursor,
  hasPrev,
}: {
  filters: ListFilters;
  position: { from: number; to: number; total: number };
  sortLabel: string;
  nextCursor: string | null;
  prevCursor: string | null;
  hasPrev: boolean;
}) {
  const query = (extra: Record<string, string>) => {
    const search = new URLSearchParams({ ...clean(filters), ...extra }).toString();
    return search ? `/tasks?${search}` : "/tasks";
  };
  const count = (n: number) => n.toLocaleString("en");
  return (
    <nav aria-label="Pages" className="pager">
      <p className="pager__position">
        {position.total === 0
          ? "No tasks"
          : `${count(position.from)}–${count(position.to)} of ${count(position.total)}, ${sortLabel.toLowerCase()}`}
      </p>
      {hasPrev || nextCursor ? (
        <p className="confirm__actions">
          {hasPrev && prevCursor ? <Link to={query({})}>First page</Link> : null}
          {hasPrev ? (
            <Link to={query(prevCursor ? { cursor: prevCursor } : {})} rel="prev">
              Previous page
            </Link>
          ) : null}
          {nextCursor ? (
            <Link to={query({ cursor: nextCursor })} rel="next">
              Next page
            </Link>
          ) : null}
        </p>
      ) : null}
    </nav>
  );
}

function clean(filters: ListFilters) {
  return Object.fromEntries(Object.entries(filters).filter((entry): entry is [string, string] => Boolean(entry[1])));
}
