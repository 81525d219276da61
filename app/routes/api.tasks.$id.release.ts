import { ForbiddenError, NotFoundError, PreconditionFailedError } from "#services/errors.ts";
import { releaseTask } from "#services/tasks.ts";
import { expectedVersion } from "#app/api/etag.server.ts";
import type { Example } from "#app/api/openapi-kit.server.ts";
import { loginTask, taskId, taskSchema } from "#app/api/openapi-tasks.server.ts";
import { resource } from "#app/api/respond.server.ts";
import { apiRoute } from "#app/api/route.server.ts";

/**
 * POST /api/tasks/:id/release: the assignee gives a task back (releaseTask). The counterpart of
 * POST /api/tasks/:id/take; the creator or an admin unassign someone else with PATCH.
 */
const api = apiRoute(
  { path: "/api/tasks/{id}/release", tag: "Tasks", params: [taskId] },
  {
    POST: {
      operationId: "releaseTask",
      summary: "Give a task back",
      description:
        "Unassigns the token's owner from a task assigned to them, so nobody is assigned. Only the assignee may (403 for anyone else, the creator and admins included: they change the assignee with PATCH). Releasing a task nobody is assigned to changes nothing (same version, no activity). No body. Needs a token with the write scope. Send If-Match with the ETag you read to release it only if nobody changed the task since (412 otherwise). Answers with the task and its new ETag; the activity reads “… unassigned themselves”.",
      ifMatch: true,
      responses: {
        200: {
          description: "The task, now assigned to nobody, with its new ETag.",
          schema: taskSchema,
          headers: ["ETag"],
          examples: { released: ["Ada gave it back", { ...loginTask, assignee: null, version: 3 }] },
        },
        403: {
          description: "Forbidden: the task is assigned to someone else, or the token lacks the write scope (then WWW-Authenticate names it). Nothing changed.",
          examples: {
            notYours: [
              "Someone else's task",
              new ForbiddenError("Only the task's assignee can unassign themselves; its creator or an admin can change the assignee."),
            ] as Example,
          },
        },
        404: {
          description: "Not Found: no task has this id (or it was deleted).",
          examples: { notFound: ["An unknown id", new NotFoundError("That task")] as Example },
        },
        412: {
          description: "Precondition Failed: If-Match does not name the task's current version. Nothing changed; read the task again and retry.",
          examples: {
            stale: ["Someone changed the task since you read it", new PreconditionFailedError("This task was changed by someone else since you opened it.")] as Example,
          },
        },
      },
      async handle({ request, params, auth }) {
        return resource(await releaseTask(auth.actor, params.id!, { expectedVersion: expectedVersion(request) }));
      },
    },
  },
);

export const loader = api.loader;
export const action = api.action;
