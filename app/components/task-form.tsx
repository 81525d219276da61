import { Link } from "@remix-run/react";
import type { FormState } from "#app/forms/state.ts";
import { PostForm, SelectField, SubmitButton, TextAreaField, TextField } from "./form.tsx";
import { MentionCompletion } from "./mention-completion.tsx";
import { STATUS_OPTIONS, statusLabel } from "./task-status.tsx";
import { formatDay } from "#app/time/format.ts";
import { useTimeSettings } from "./when.tsx";

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

/**
 * After a stale save: `current`, the task stored now. After a merge that found overlapping
 * changes also `conflicts`, the fields both people changed (only these are compared), and
 * `keptTheirs`, the fields only the other person changed (their values are in the form now).
 */
export type TaskFormState = FormState & { current?: TaskSnapshot; conflicts?: string[]; keptTheirs?: string[] };

/**
 * The values the form shows, sent back as one hidden field (`shown`, JSON) so that a save
 * against a newer version can be merged field by field (docs/decisions/0027-merging-concurrent-edits.md).
 */
export function shownJson(task: { title: string; description: string; status: string; dueDate: string | null } & ({ assigneeId: string | null } | { assignee: Person | null })) {
  const assigneeId = "assigneeId" in task ? task.assigneeId : (task.assignee?.id ?? null);
  return JSON.stringify({ title: task.title, description: task.description, status: task.status, assigneeId, dueDate: task.dueDate });
}

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
/**
 * A native date field writes the day the browser's way (its language, not the person's Tandem
 * format), so the hint says how Tandem's pages will show it: the stored day, or an example.
 */
function dueDateHint(dueDate: string | null, settings: { locale: string }) {
  const shown = dueDate ? `as ${formatDay(dueDate, settings)}` : `like ${formatDay("2031-12-31", settings)}`;
  return `A day, the same in every time zone. This field writes it your browser's way; Tandem's pages show it ${shown} (your date format, in Settings). Overdue from the day after, until it is done.`;
}

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
  const settings = useTimeSettings();
  const version = own?.current?.version ?? own?.values.version ?? task?.version;
  // What the form started from: the task as stored now after a stale save, else as loaded.
  const shown = own?.current ? shownJson(own.current) : task ? shownJson(task) : undefined;
  return (
    <PostForm intent={intent} state={own} className="stack">
      {own?.current ? (
        <ConflictNotice current={own.current} yours={own.values} people={people} conflicts={own.conflicts} keptTheirs={own.keptTheirs} />
      ) : null}
      {version !== undefined ? <input type="hidden" name="version" value={String(version)} /> : null}
      {shown !== undefined ? <input type="hidden" name="shown" value={shown} /> : null}
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
        hint={dueDateHint(task?.dueDate ?? null, settings)}
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
 * fields below), so that saving again is a knowing overwrite and nothing is lost. After a merge
 * (`conflicts` given) only the fields both people changed are compared; the other person's other
 * changes are already in the form, and the person's own are kept as typed.
 */
export function ConflictNotice({
  current,
  yours,
  people,
  conflicts,
  keptTheirs = [],
}: {
  current: TaskSnapshot;
  yours: Record<string, string | string[]>;
  people: Person[];
  conflicts?: string[];
  keptTheirs?: string[];
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
  const rows = conflicts ? FIELDS.filter(([field]) => conflicts.includes(field)) : FIELDS;
  const kept = FIELDS.filter(([field]) => keptTheirs.includes(field)).map(([, label]) => label.toLowerCase());
  return (
    <section className="conflict" aria-labelledby="conflict-heading">
      <h2 id="conflict-heading">Compare before you save again</h2>
      {conflicts ? (
        <p>
          Someone else changed the {listOf(rows.map(([, label]) => label.toLowerCase()))} too, so nothing was saved yet.
          Your typing is still in the form. Saving again stores your version of {rows.length === 1 ? "that field" : "those fields"}
          {kept.length > 0 ? <>, and keeps their change to the {listOf(kept)}, which the form now shows</> : null}; to keep
          everything as they left it instead, discard your changes.
        </p>
      ) : (
        <p>
          Your changes were not saved and are still in the form. Saving again replaces what is stored now with your
          version; to keep theirs instead, discard your changes.
        </p>
      )}
      <table className="table table--cards conflict__table">
        <caption className="visually-hidden">Stored now and your version, field by field</caption>
        <thead>
          <tr>
            <th scope="col">Field</th>
            <th scope="col">Stored now</th>
            <th scope="col">Your version</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([field, label]) => {
            const differs = saved[field] !== typed(field);
            return (
              <tr key={field} className={differs ? "conflict__differs" : undefined}>
                <th scope="row" className="table__lead">
                  {label}
                  {differs ? <span className="conflict__tag">differs</span> : null}
                </th>
                <td className="prewrap" data-label="Stored now">{saved[field] || <span className="muted">(none)</span>}</td>
                <td className="prewrap" data-label="Your version">{typed(field) || <span className="muted">(none)</span>}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}

/** "the title", "the title and the status", "the title, the status and the due date" (without "the"). */
export function listOf(items: string[]) {
  return items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;
}
