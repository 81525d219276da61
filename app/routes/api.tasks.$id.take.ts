import { ConflictError, NotFoundError, PreconditionFailedError } from "#services/errors.ts";
import { takeTask } from "#services/tasks.ts";
import { expectedVersion } from "#app/api/etag.server.ts";
import type { Example } from "#app/api/openapi-kit.server.ts";
import { ADA, loginTask, taskId, taskSchema } from "#app/api/openapi-tasks.server.ts";
import { resource } from "#app/api/respond.server.ts";
import { apiRoute } from "#app/api/route.server.ts";

const unassigned = { ...loginTask, assignee: null, version: 1 };

/**
 * POST /api/tasks/:id/take: the token's owner takes an unassigned task (takeTask). An action of its
 * own rather than a PATCH of assigneeId, because it needs no edit permission: any member may take
 * an unassigned task, and only that (docs/decisions/0020: one service call per endpoint).
 */
const api = apiRoute(
  { path: "/api/tasks/{id}/take", tag: "Tasks", params: [taskId] },
  {
    POST: {
      operationId: "takeTask",
      summary: "Take a task",
      description:
        "Assigns an unassigned task to the token's owner. Any member may, also one who may not otherwise change the task (PATCH needs its creator, its assignee or an admin); a task assigned to someone else is refused with 409, admins included (they reassign with PATCH). Taking a task already yours changes nothing (same version, no activity). No body. Needs a token with the write scope. Send If-Match with the ETag you read to take it only if nobody changed the task since (412 otherwise). Answers with the task and its new ETag; the activity reads “… assigned themselves”. POST /api/tasks/{id}/release gives it back.",
      ifMatch: true,
      responses: {
        200: {
          description: "The task, now assigned to the token's owner, with its new ETag.",
          schema: taskSchema,
          headers: ["ETag"],
          examples: { taken: ["Taken by Ada", { ...unassigned, assignee: ADA, version: 2 }] },
        },
        404: {
          description: "Not Found: no task has this id (or it was deleted).",
          examples: { notFound: ["An unknown id", new NotFoundError("That task")] as Example },
        },
        409: {
          description: "Conflict: the task is assigned to someone else. Nothing changed.",
          examples: {
            taken: [
              "Grace has it",
              new ConflictError("This task is already assigned to Grace Hopper; only an unassigned task can be taken."),
            ] as Example,
          },
        },
        412: {
          description: "Precondition Failed: If-Match does not name the task's current version. Nothing changed; read the task again and retry.",
          examples: {
            stale: ["Someone changed the task since you read it", new PreconditionFailedError("This task was changed by someone else since you opened it.")] as Example,
          },
        },
      },
      async handle({ request, params, auth }) {
        return resource(await takeTask(auth.actor, params.id!, { expectedVersion: expectedVersion(request) }));
      },
    },
  },
);

export const loader = api.loader;
export const action = api.action;
