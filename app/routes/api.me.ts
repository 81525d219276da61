import { getMe } from "#services/users.ts";
import { notModified, etagOf } from "#app/api/etag.server.ts";
import { ETAG_READ, READ_SCOPE } from "#app/api/openapi-kit.server.ts";
import { adaAsHerself, meSchema } from "#app/api/openapi-users.server.ts";
import { resource } from "#app/api/respond.server.ts";
import { apiRoute } from "#app/api/route.server.ts";

/** GET /api/me: the token's owner. */
const api = apiRoute(
  { path: "/api/me", tag: "Me" },
  {
    GET: {
      operationId: "getMe",
      summary: "Who the token belongs to",
      description: `The person whose token made the request, with their time zone and date format (set in Settings; the API has no way to change them yet). ${READ_SCOPE} ${ETAG_READ}`,
      notModified: "the person",
      responses: { 200: { description: "The token's owner.", schema: meSchema, headers: ["ETag"], examples: { user: ["A member", adaAsHerself] } } },
      async handle({ request, auth }) {
        const me = await getMe(auth.actor);
        if (notModified(request, etagOf(me))) return new Response(null, { status: 304, headers: { ETag: etagOf(me) } });
        return resource(me);
      },
    },
  },
);

export const loader = api.loader;
export const action = api.action;
