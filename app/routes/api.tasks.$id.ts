import { deleteTask, getTask, updateTask } from "../../services/tasks.ts";
import { readJsonBody } from "~/api/body.server";
import { etagOf, expectedVersion, notModified } from "~/api/etag.server";
import { resource } from "~/api/respond.server";
import { apiRoute } from "~/api/route.server";

/** GET /api/tasks/:id (ETag, 304), PATCH (If-Match; 412 when stale) and DELETE (204; If-Match too). */
const api = apiRoute({
  async GET({ request, params, auth }) {
    const task = await getTask(auth.actor, params.id!);
    if (notModified(request, etagOf(task))) return new Response(null, { status: 304, headers: { ETag: etagOf(task) } });
    return resource(task);
  },

  async PATCH({ request, params, auth }) {
    const version = expectedVersion(request);
    const body = await readJsonBody(request);
    return resource(await updateTask(auth.actor, params.id!, body.value, { expectedVersion: version }));
  },

  async DELETE({ request, params, auth }) {
    await deleteTask(auth.actor, params.id!, { expectedVersion: expectedVersion(request) });
    return new Response(null, { status: 204 });
  },
});

export const loader = api.loader;
export const action = api.action;
