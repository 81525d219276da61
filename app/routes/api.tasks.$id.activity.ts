import { listTaskActivity } from "../../services/tasks.ts";
import { json } from "~/api/respond.server";
import { apiRoute } from "~/api/route.server";

/**
 * GET /api/tasks/:id/activity: what was done to the task, newest first, in the list envelope
 * (one page: nextCursor is always null for now). 404 as the service says (listTaskActivity).
 */
const api = apiRoute({
  async GET({ params, auth }) {
    return json({ data: await listTaskActivity(auth.actor, params.id!), nextCursor: null });
  },
});

export const loader = api.loader;
export const action = api.action;
