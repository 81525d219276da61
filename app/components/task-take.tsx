import { useFetcher } from "@remix-run/react";
import type { FormState } from "#app/forms/state.ts";

type TakeTask = { id: string; title: string; version: number };

export type TakeMode = "take" | "release";

/**
 * "Take it" (an unassigned task becomes yours) or "Unassign me" (give back a task that is yours):
 * one click, a post form with intent "take" or "release", the task's id and the version shown.
 * Without JavaScript the page answers with a redirect back and a flash; with JavaScript a fetcher
 * sends the same form and follows the same redirect. A refusal (someone took it first: 409) is said
 * beside the button: from the fetcher's answer, or from `refusal`, the page's own action data.
 * The button shows only when `can` says so (`allowed`: taskAbilities' canTake or canRelease); a
 * refusal is still said after the page was read again and the button went (someone else has it now).
 */
export function TakeTaskButton({
  task,
  mode,
  allowed,
  refusal,
}: {
  task: TakeTask;
  mode: TakeMode;
  allowed: boolean;
  refusal?: FormState | null;
}) {
  const fetcher = useFetcher<FormState>({ key: `task-${mode}-${task.id}` });
  const answer = fetcher.state === "idle" ? fetcher.data : undefined;
  const mine = (state?: FormState | null) => (state?.intent === mode && state.values.taskId === task.id ? state.formError : undefined);
  const refused = mine(answer) ?? mine(refusal);
  const messageId = `task-${mode}-${task.id}-message`;
  if (!allowed) {
    return refused ? (
      <p className="field__error" role="alert">
        {refused}
      </p>
    ) : null;
  }
  return (
    <fetcher.Form method="post" className="take-control" preventScrollReset>
      <input type="hidden" name="intent" value={mode} />
      <input type="hidden" name="taskId" value={task.id} />
      <input type="hidden" name="version" value={task.version} />
      <button
        type="submit"
        className="button button--small button--quiet"
        disabled={fetcher.state !== "idle"}
        aria-describedby={refused ? messageId : undefined}
      >
        {mode === "take" ? "Take it" : "Unassign me"}
        <span className="visually-hidden"> ({mode === "take" ? "assign yourself" : "stop being the assignee of"} “{task.title}”)</span>
      </button>
      {refused ? (
        <p className="field__error" id={messageId} role="alert">
          {refused}
        </p>
      ) : null}
    </fetcher.Form>
  );
}
