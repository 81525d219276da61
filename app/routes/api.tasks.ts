import { createTask, listTasks, taskFiltersSchema } from "../../services/tasks.ts";
import { readJsonBody } from "~/api/body.server";
import { idempotent } from "~/api/idempotency.server";
import { pageQuery } from "~/api/paging.server";
import { queryInput } from "~/api/query.server";
import { list, resource } from "~/api/respond.server";
import { apiRoute } from "~/api/route.server";

/**
 * GET /api/tasks: newest first, a page at a time, filtered by status, assignee (me, none or a
 * user id), q and overdue from the query string (a value the filters refuse is 400).
 * POST /api/tasks: anyone with a write token creates a task.
 */
const api = apiRoute({
  async GET({ request, auth }) {
    const filters = queryInput(request, taskFiltersSchema);
    return list(request, await listTasks(auth.actor, filters, pageQuery(request)));
  },

  async POST({ request, auth }) {
    const body = await readJsonBody(request);
    return idempotent(request, { userId: auth.actor.id, route: "POST /api/tasks" }, body.text, async () => {
      const task = await createTask(auth.actor, body.value);
      return resource(task, { status: 201, headers: { Location: `/api/tasks/${task.id}` } });
    });
  },
});

export const loader = api.loader;
export const action = api.action;
