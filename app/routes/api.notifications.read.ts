import { markNotificationsRead, markReadSchema } from "#services/notifications.ts";
import { readJsonBody } from "#app/api/body.server.ts";
import { invalid } from "#app/api/openapi-kit.server.ts";
import { markReadResultSchema, mentionedNotification } from "#app/api/openapi-notifications.server.ts";
import { json } from "#app/api/respond.server.ts";
import { apiRoute } from "#app/api/route.server.ts";

/**
 * POST /api/notifications/read: marks the token owner's notifications read, the ones named or all.
 * Safe to repeat (marking a read one again changes nothing), so it needs no Idempotency-Key.
 */
const api = apiRoute(
  { path: "/api/notifications/read", tag: "Notifications" },
  {
    POST: {
      operationId: "markNotificationsRead",
      summary: "Mark notifications read",
      description:
        "Marks your notifications read: the ones named in `ids`, or every one with `all: true`. Ids that are not yours, unknown or already read change nothing (a read one keeps its first read time), so repeating the request is safe. Needs a token with the write scope. Answers how many changed and how many are still unread.",
      body: {
        description: "Which ones.",
        schema: markReadSchema,
        examples: {
          some: ["By id", { ids: [mentionedNotification.id] }],
          all: ["All of them", { all: true }],
        },
      },
      responses: {
        200: {
          description: "What changed, and how many unread remain.",
          schema: markReadResultSchema,
          examples: { marked: ["One marked, two still unread", { marked: 1, unread: 2 }] },
        },
        422: {
          description: "Unprocessable Content: neither ids nor all, both, an empty list, more than 100 ids, or all not true.",
          examples: {
            neither: ["An empty body", invalid(markReadSchema, {})],
            both: ["Both ids and all", invalid(markReadSchema, { ids: [mentionedNotification.id], all: true })],
          },
        },
      },
      async handle({ request, auth }) {
        const body = await readJsonBody(request);
        return json(await markNotificationsRead(auth.actor, body.value));
      },
    },
  },
);

export const loader = api.loader;
export const action = api.action;
