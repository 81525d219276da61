import { PAGE_SIZE } from "#services/pagination.ts";
import { listNotifications, notificationFiltersSchema } from "#services/notifications.ts";
import { badQuery, exampleCursor, pageOf, param, READ_SCOPE } from "#app/api/openapi-kit.server.ts";
import { mentionedNotification, notificationSchema, statusNotification } from "#app/api/openapi-notifications.server.ts";
import { pageQuery } from "#app/api/paging.server.ts";
import { queryInput } from "#app/api/query.server.ts";
import { list } from "#app/api/respond.server.ts";
import { apiRoute } from "#app/api/route.server.ts";

const notificationListSchema = pageOf(
  notificationSchema,
  "NotificationList",
  "A page of your notifications.",
  "This page of notifications, newest first (by time, then id).",
);

/** GET /api/notifications: the token owner's notifications, newest first, a page at a time; `unread=true` for the unread ones. */
const api = apiRoute(
  { path: "/api/notifications", tag: "Notifications" },
  {
    GET: {
      operationId: "listNotifications",
      summary: "List your notifications",
      description: `The token owner's notifications, newest first, a page at a time. \`unread=true\` gives only the unread ones, \`unread=false\` only the read ones. When there is more, \`nextCursor\` holds a cursor for the next page and a \`Link\` header with \`rel="next"\` points at it: pass it back unchanged. Reading does not mark them read: POST /api/notifications/read does. ${READ_SCOPE}`,
      query: [
        param("query", notificationFiltersSchema.shape.unread.unwrap(), {
          id: "NotificationUnread",
          name: "unread",
          description: "true: only the unread ones. false: only the read ones.",
          example: "true",
        }),
      ],
      paged: true,
      responses: {
        200: {
          description: "A page of notifications. The Link header is present when there is a next page.",
          schema: notificationListSchema,
          examples: {
            firstPage: ["A page with more after it", { data: [mentionedNotification], nextCursor: exampleCursor }],
            lastPage: ["The last page", { data: [statusNotification], nextCursor: null }],
          },
        },
        400: {
          description: `Bad Request: unread is neither true nor false or is given twice, limit is not a whole number from 1 to ${PAGE_SIZE.max}, or cursor is empty, does not decode or was altered.`,
          examples: { badUnread: ["unread neither true nor false", badQuery(notificationFiltersSchema, "unread=yes")] },
        },
      },
      async handle({ request, auth }) {
        const filters = queryInput(request, notificationFiltersSchema);
        return list(request, await listNotifications(auth.actor, filters, pageQuery(request)));
      },
    },
  },
);

export const loader = api.loader;
export const action = api.action;
