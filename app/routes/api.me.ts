import { getUser } from "../../services/users.ts";
import { notModified, etagOf } from "~/api/etag.server";
import { ETAG_READ, READ_SCOPE } from "~/api/openapi-kit.server";
import { ada, userSchema } from "~/api/openapi-users.server";
import { resource } from "~/api/respond.server";
import { apiRoute } from "~/api/route.server";

/** GET /api/me: the token's owner. */
const api = apiRoute(
  { path: "/api/me", tag: "Me" },
  {
    GET: {
      operationId: "getMe",
      summary: "Who the token belongs to",
      description: `The person whose token made the request. ${READ_SCOPE} ${ETAG_READ}`,
      notModified: "the person",
      responses: { 200: { description: "The token's owner.", schema: userSchema, headers: ["ETag"], examples: { user: ["A member", ada] } } },
      async handle({ request, auth }) {
        const me = await getUser(auth.actor, auth.actor.id);
        if (notModified(request, etagOf(me))) return new Response(null, { status: 304, headers: { ETag: etagOf(me) } });
        return resource(me);
      },
    },
  },
);

export const loader = api.loader;
export const action = api.action;
