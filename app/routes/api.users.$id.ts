import { getUser, updateUser } from "../../services/users.ts";
import { readJsonBody } from "~/api/body.server";
import { etagOf, expectedVersion, notModified } from "~/api/etag.server";
import { resource } from "~/api/respond.server";
import { apiRoute } from "~/api/route.server";

/** GET /api/users/:id (ETag, 304) and PATCH /api/users/:id (admin; name, role, active; If-Match). */
const api = apiRoute({
  async GET({ request, params, auth }) {
    const user = await getUser(auth.actor, params.id!);
    if (notModified(request, etagOf(user))) return new Response(null, { status: 304, headers: { ETag: etagOf(user) } });
    return resource(user);
  },

  async PATCH({ request, params, auth }) {
    const version = expectedVersion(request);
    const body = await readJsonBody(request);
    return resource(await updateUser(auth.actor, params.id!, body.value, { expectedVersion: version }));
  },
});

export const loader = api.loader;
export const action = api.action;
