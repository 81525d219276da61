import { changeTaskStatus } from "#services/tasks.ts";
import { shortTitle } from "#app/components/short-title.ts";
import { statusLabel } from "#app/components/task-status.tsx";
import type { SignedInSubmission } from "./intent-action.server.ts";
import { expectedVersion } from "./task-form.server.ts";

/**
 * The `status` intent of every page that changes a task's status from a form (the list's rows, the
 * board's cards): taskId, version and status, one service call, and back to the page the form was
 * on (`backTo`, given the URL posted to and the task) with a flash saying what changed.
 */
export function statusIntent(backTo: (url: URL, task: { id: string }) => string) {
  return async ({ actor, request, form, input }: SignedInSubmission) => {
    const task = await changeTaskStatus(actor, String(form.get("taskId") ?? ""), input, expectedVersion(form));
    return { redirect: backTo(new URL(request.url), task), flash: `“${shortTitle(task.title)}” is now ${statusLabel(task.status).toLowerCase()}.` };
  };
}
