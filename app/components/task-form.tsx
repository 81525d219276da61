import { Link } from "@remix-run/react";
import type { FormState } from "#app/forms/state.ts";
import { PostForm, SelectField, SubmitButton, TextAreaField, TextField } from "./form.tsx";
import { MentionCompletion } from "./mention-completion.tsx";
import { STATUS_OPTIONS, statusLabel } from "./task-status.tsx";

/** The task as it is stored now, sent back with a stale edit so both versions can be compared. */
export type TaskSnapshot = {
  title: string;
  description: string;
  status: string;
  assigneeId: string | null;
  assigneeName: string | null;
  dueDate: string | null;
  version: number;
};

export type TaskFormState = FormState & { current?: TaskSnapshot };

type Person = { id: string; name: string };
type StoredTask = { title: string; description: string; status: string; assignee: Person | null; dueDate: string | null; version: number };

function assigneeOptions(people: Person[], current?: Person | null) {
  const options = [{ value: "", label: "Nobody" }, ...people.map((person) => ({ value: person.id, label: person.name }))];
  // Someone deactivated since is still shown as the assignee rather than silently replaced by "Nobody".
  if (current && !people.some((person) => person.id === current.id)) {
    options.push({ value: current.id, label: `${current.name} (deactivated)` });
  }
  return options;
}

/**
 * Creating (no `task`) or editing a task. The field names are the JSON keys of the API. An edit
 * carries the version it was loaded with; after a stale save, the version stored now.
 */
export function TaskForm({
  task,
  people,
  state,
  cancelTo,
}: {
  task?: StoredTask;
  people: Person[];
  state?: TaskFormState | null;
  cancelTo?: string;
}) {
  const intent = task ? "update" : undefined;
  const own = state && (state.intent ?? undefined) === intent ? state : null;
  const version = own?.current?.version ?? own?.values.version ?? task?.version;
  return (
    <PostForm intent={intent} state={own} className="stack">
      {own?.current ? <ConflictNotice current={own.current} yours={own.values} people={people} /> : null}
      {version !== undefined ? <input type="hidden" name="version" value={String(version)} /> : null}
      <TextField name="title" label="Title" required maxLength={200} autoComplete="off" defaultValue={task?.title} state={own} />
      <TextAreaField
        name="description"
        label="Description (optional)"
        hint="Markdown, like comments. Mention someone with @ and their name or email."
        rows={5}
        maxLength={10_000}
        defaultValue={task?.description}
        state={own}
      />
      <MentionCompletion field="description" />
      <SelectField name="status" label="Status" options={STATUS_OPTIONS} defaultValue={task?.status ?? "TODO"} state={own} />
      <SelectField
        name="assigneeId"
        label="Assignee"
        options={assigneeOptions(people, task?.assignee)}
        defaultValue={task?.assignee?.id ?? ""}
        state={own}
      />
      <TextField
        name="dueDate"
        label="Due date (optional)"
        type="date"
        hint="Overdue from the day after, until it is done."
        defaultValue={task?.dueDate ?? ""}
        state={own}
      />
      <div className="confirm__actions">
        <SubmitButton intent={intent} pendingText={task ? "Saving…" : "Creating…"}>
          {own?.current ? "Save my version" : task ? "Save changes" : "Create task"}
        </SubmitButton>
        {cancelTo ? (
          <Link to={cancelTo} className="button button--quiet">
            {own?.current ? "Discard my changes" : "Cancel"}
          </Link>
        ) : null}
      </div>
    </PostForm>
  );
}

const FIELDS = [
  ["title", "Title"],
  ["description", "Description"],
  ["status", "Status"],
  ["assigneeId", "Assignee"],
  ["dueDate", "Due date"],
] as const;

/**
 * After a stale save: what is stored now beside what the person typed (which stays in the
 * fields below), so that saving again is a knowing overwrite and nothing is lost.
 */
export function ConflictNotice({
  current,
  yours,
  people,
}: {
  current: TaskSnapshot;
  yours: Record<string, string | string[]>;
  people: Person[];
}) {
  const nameOf = (id: string) => (id ? (people.find((person) => person.id === id)?.name ?? id) : "");
  const saved: Record<string, string> = {
    title: current.title,
    description: current.description,
    status: statusLabel(current.status),
    assigneeId: current.assigneeName ?? "",
    dueDate: current.dueDate ?? "",
  };
  const typed = (field: string) => {
    const value = String([yours[field] ?? ""].flat()[0]);
    return field === "status" ? statusLabel(value) : field === "assigneeId" ? nameOf(value) : value;
  };
  return (
    <section className="conflict" aria-labelledby="conflict-heading">
      <h2 id="conflict-heading">Compare before you save again</h2>
      <p>
        Your changes were not saved and are still in the form. Saving again replaces what is stored now with your
        version; to keep theirs instead, discard your changes.
      </p>
      <table className="table conflict__table">
        <caption className="visually-hidden">Stored now and your version, field by field</caption>
        <thead>
          <tr>
            <th scope="col">Field</th>
            <th scope="col">Stored now</th>
            <th scope="col">Your version</th>
          </tr>
        </thead>
        <tbody>
          {FIELDS.map(([field, label]) => {
            const differs = saved[field] !== typed(field);
            return (
              <tr key={field} className={differs ? "conflict__differs" : undefined}>
                <th scope="row">
                  {label}
                  {differs ? <span className="conflict__tag">differs</span> : null}
                </th>
                <td className="prewrap">{saved[field] || <span className="muted">(none)</span>}</td>
                <td className="prewrap">{typed(field) || <span className="muted">(none)</span>}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
