import { getTask, listTaskActivity } from "../../services/tasks.ts";
import { json } from "~/api/respond.server";
import { apiRoute } from "~/api/route.server";

/**
 * GET /api/tasks/:id/activity: what was done to the task, newest first, in the list envelope
 * (one page: nextCursor is always null for now). A deleted task's activity stays readable, so
 * this is 404 only for an id that is neither a task nor the subject of any activity.
 */
const api = apiRoute({
  async GET({ params, auth }) {
    const entries = await listTaskActivity(auth.actor, params.id!);
    if (entries.length === 0) await getTask(auth.actor, params.id!);
    return json({ data: entries, nextCursor: null });
  },
});

export const loader = api.loader;
export const action = api.action;
