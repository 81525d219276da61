import { z } from "zod";
import { markReadSchema, NOTIFICATION_KINDS, type PublicNotification } from "#services/notifications.ts";
import { describe, type OnTheWire, type Same } from "./openapi-kit.server.ts";
import { EXAMPLE_COMMENT_ID } from "./openapi-comments.server.ts";
import { ADA, EXAMPLE_TASK_ID, GRACE } from "./openapi-tasks.server.ts";

/**
 * Notifications on the wire, for the routes that describe their operations: the response shape
 * (checked against PublicNotification at compile time), the mark-read body and examples.
 */

describe(markReadSchema, {
  id: "MarkNotificationsReadRequest",
  description: "Which notifications to mark read: `ids` (1 to 100 of your notifications' ids) or `all: true`, not both.",
});

export const notificationSchema = z
  .object({
    id: z.string().meta({ description: "The notification's id." }),
    kind: z.enum(NOTIFICATION_KINDS).meta({
      description:
        "Why you are told: mentioned (in a comment, or in the task's description when commentId is null), assigned (the task was assigned to you), commented (on a task you created or are assigned to), status_changed (of such a task; details has from and to).",
    }),
    task: z
      .object({ id: z.string(), title: z.string().meta({ description: "Its title now." }) })
      .meta({ description: "The task it is about. A deleted task takes its notifications with it." }),
    commentId: z.string().nullable().meta({ description: "The comment it is about (mentioned or commented), or null. The comment may have been deleted since." }),
    actor: z
      .object({ id: z.string(), name: z.string() })
      .nullable()
      .meta({ description: "Who did it. Never you: nobody is told of their own actions." }),
    details: z.record(z.string(), z.unknown()).meta({ description: "For status_changed: from and to (TODO, IN_PROGRESS or DONE). Empty otherwise." }),
    read: z.boolean().meta({ description: "Whether it was marked read." }),
    readAt: z.iso.datetime().nullable().meta({ description: "When it was first marked read (UTC), or null." }),
    createdAt: z.iso.datetime().meta({ description: "When it happened (UTC). Lists are ordered by it, newest first." }),
  })
  .meta({ id: "Notification", description: "Something that happened that concerns you." });

const notificationSchemaMatchesService: Same<z.output<typeof notificationSchema>, OnTheWire<PublicNotification>> = true;
void notificationSchemaMatchesService;

export const markReadResultSchema = z
  .object({
    marked: z.int().min(0).meta({ description: "How many were unread and are read now (ids not yours, unknown or already read count 0)." }),
    unread: z.int().min(0).meta({ description: "How many unread notifications you still have, counted up to 100." }),
  })
  .meta({ id: "MarkNotificationsReadResult", description: "What marking read changed." });

export const mentionedNotification = {
  id: "0193a6f4-2b3c-7d4e-8f5a-6b7c8d9e0f1a",
  kind: "mentioned",
  task: { id: EXAMPLE_TASK_ID, title: "Fix the login redirect" },
  commentId: EXAMPLE_COMMENT_ID,
  actor: GRACE,
  details: {},
  read: false,
  readAt: null,
  createdAt: "2026-02-10T08:20:00.000Z",
};

export const statusNotification = {
  id: "0193a6f1-0a1b-7c2d-9e3f-4a5b6c7d8e9f",
  kind: "status_changed",
  task: { id: EXAMPLE_TASK_ID, title: "Fix the login redirect" },
  commentId: null,
  actor: ADA,
  details: { from: "TODO", to: "IN_PROGRESS" },
  read: true,
  readAt: "2026-02-09T17:00:00.000Z",
  createdAt: "2026-02-09T16:05:00.000Z",
};
