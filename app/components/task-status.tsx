import { useFetcher } from "@remix-run/react";
import { useEffect, useState } from "react";
import type { FormState } from "#app/forms/state.ts";
import { useHydrated } from "./use-hydrated.ts";

export type TaskStatus = "TODO" | "IN_PROGRESS" | "DONE";

export const STATUS_LABELS: Record<TaskStatus, string> = { TODO: "To do", IN_PROGRESS: "In progress", DONE: "Done" };

export const STATUS_OPTIONS = (Object.keys(STATUS_LABELS) as TaskStatus[]).map((value) => ({
  value,
  label: STATUS_LABELS[value],
}));

export function statusLabel(status: string) {
  return STATUS_LABELS[status as TaskStatus] ?? status;
}

/** The status as words (never colour alone). */
export function StatusText({ status }: { status: string }) {
  return <span className={`status status--${status.toLowerCase()}`}>{statusLabel(status)}</span>;
}

type StatusTask = { id: string; title: string; status: TaskStatus; version: number };

/**
 * A row's status control. Without JavaScript it is one plain post form, the select and its Set
 * button (intent "status", taskId, version, status), answered by a redirect back to the same list.
 * With JavaScript choosing a status is the whole step: a fetcher sends it on change, the new status
 * shows at once, and if the server refuses, the row goes back to the stored status and says why.
 * `refusal` is the page's own action data (the no-JavaScript path).
 */
export function StatusControl({ task, refusal }: { task: StatusTask; refusal?: FormState | null }) {
  const fetcher = useFetcher<FormState>({ key: `task-status-${task.id}` });
  const hydrated = useHydrated();
  const [selected, setSelected] = useState<string>(task.status);
  const sending = fetcher.formData?.get("status");
  const answer = fetcher.state === "idle" ? fetcher.data : undefined;
  const refused = answer?.formError ?? (refusal?.values.taskId === task.id ? refusal.formError : undefined);

  // Back to the stored status whenever it changes, and when the server refused the change.
  useEffect(() => setSelected(task.status), [task.status, task.version, answer]);

  const shown = typeof sending === "string" ? sending : task.status;
  const selectId = `task-status-${task.id}`;
  const messageId = `${selectId}-message`;
  return (
    <fetcher.Form method="post" className="status-control" preventScrollReset>
      <input type="hidden" name="intent" value="status" />
      <input type="hidden" name="taskId" value={task.id} />
      <input type="hidden" name="version" value={task.version} />
      <span className="status-control__now" aria-live="polite">
        <StatusText status={shown} />
        {typeof sending === "string" ? <span className="muted"> (saving…)</span> : null}
      </span>
      <label htmlFor={selectId} className="visually-hidden">
        New status for “{task.title}”
      </label>
      <select
        id={selectId}
        name="status"
        value={selected}
        onChange={(event) => {
          setSelected(event.currentTarget.value);
          if (hydrated) fetcher.submit(event.currentTarget.form, { preventScrollReset: true });
        }}
        aria-describedby={refused ? messageId : undefined}
        aria-invalid={refused ? true : undefined}
      >
        {STATUS_OPTIONS.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      {hydrated ? null : (
        <button type="submit" className="button button--small">
          Set<span className="visually-hidden"> status of “{task.title}”</span>
        </button>
      )}
      {refused ? (
        <p className="field__error" id={messageId} role="alert">
          The status was not changed: {refused}
        </p>
      ) : null}
    </fetcher.Form>
  );
}
