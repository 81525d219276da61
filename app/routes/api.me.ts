import { getUser } from "../../services/users.ts";
import { notModified, etagOf } from "~/api/etag.server";
import { resource } from "~/api/respond.server";
import { apiRoute } from "~/api/route.server";

/** GET /api/me: the token's owner. */
const api = apiRoute({
  async GET({ request, auth }) {
    const me = await getUser(auth.actor, auth.actor.id);
    if (notModified(request, etagOf(me))) return new Response(null, { status: 304, headers: { ETag: etagOf(me) } });
    return resource(me);
  },
});

export const loader = api.loader;
export const action = api.action;
