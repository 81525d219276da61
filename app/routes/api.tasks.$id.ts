import { EditConflictError, ForbiddenError, NotFoundError, PreconditionFailedError, ValidationError } from "#services/errors.ts";
import { deleteTask, editTask, getTask, updateTaskSchema } from "#services/tasks.ts";
import { readJsonBody } from "#app/api/body.server.ts";
import { etagOf, expectedVersion, notModified } from "#app/api/etag.server.ts";
import { ETAG_READ, fail, invalid, READ_SCOPE, type Example } from "#app/api/openapi-kit.server.ts";
import { GRACE, loginTask, taskId, taskSchema, updateTaskRequestSchema } from "#app/api/openapi-tasks.server.ts";
import { resource } from "#app/api/respond.server.ts";
import { apiRoute } from "#app/api/route.server.ts";

const notFound = {
  description: "Not Found: no task has this id (or it was deleted).",
  examples: { notFound: ["An unknown id", new NotFoundError("That task")] as Example },
};
const preconditionFailed = (what: string) => ({
  description: `Precondition Failed: If-Match does not name the task's current version. Nothing ${what}; read the task again and retry.`,
  examples: {
    stale: ["Someone changed the task since you read it", new PreconditionFailedError("This task was changed by someone else since you opened it.")] as Example,
    notOurs: ["A tag that is no version of this task", fail("precondition-failed", "If-Match does not match the current version.")] as Example,
  },
});
const notAllowed = (refusal: string): Example => ["Not the task's creator or assignee, nor an admin", new ForbiddenError(refusal)];

/** GET /api/tasks/:id (ETag, 304), PATCH (If-Match; 412 when stale) and DELETE (204; If-Match too). */
const api = apiRoute(
  { path: "/api/tasks/{id}", tag: "Tasks", params: [taskId] },
  {
    GET: {
      operationId: "getTask",
      summary: "Get a task",
      description: `One task. ${READ_SCOPE} ${ETAG_READ}`,
      notModified: "the task",
      responses: {
        200: { description: "The task.", schema: taskSchema, headers: ["ETag"], examples: { task: ["A task in progress", loginTask] } },
        404: notFound,
      },
      async handle({ request, params, auth }) {
        const task = await getTask(auth.actor, params.id!);
        if (notModified(request, etagOf(task))) return new Response(null, { status: 304, headers: { ETag: etagOf(task) } });
        return resource(task);
      },
    },

    PATCH: {
      operationId: "updateTask",
      summary: "Change a task",
      description:
        "Changes the fields sent and leaves the others; null clears the assignee or the due date. The task's creator, its assignee or an admin may. Needs a token with the write scope. Send If-Match with the ETag you read to apply the change only if nobody changed the task since (412 otherwise, and nothing changes); without it the change applies to the current version. Answers with the updated task and its new ETag; a PATCH that sends only the values the task already has changes nothing (same version, no activity). To merge rather than be refused when someone changed the task since you read it, send base (the values you started from) with If-Match: the change is then merged field by field into the version stored now (200, with Kept-Theirs naming the fields of theirs that were kept), and only fields both changed to different values are refused (409 edit-conflict, nothing changed).",
      ifMatch: true,
      body: {
        description: "The changes.",
        schema: updateTaskRequestSchema,
        examples: {
          done: ["Mark it done", { status: "DONE" }],
          merge: [
            "Rename it, merging with whatever changed since version 2 (with If-Match: \"v2\")",
            { title: "Fix the login redirect for good", base: { title: "Fix the login redirect" } },
          ],
          reassign: ["Give it to someone else, due later", { assigneeId: GRACE.id, dueDate: "2026-03-15" }],
          unassign: ["Nobody works on it", { assigneeId: null }],
        },
      },
      responses: {
        200: {
          description: "The task as changed, with its new ETag.",
          schema: taskSchema,
          headers: ["ETag", "Kept-Theirs"],
          examples: {
            updated: [
              "Marked done",
              { ...loginTask, status: "DONE", version: 4, completedAt: "2026-02-12T09:00:00.000Z", updatedAt: "2026-02-12T09:00:00.000Z" },
            ],
          },
        },
        403: {
          description:
            "Forbidden: the token's owner is not the task's creator, its assignee or an admin, or the token lacks the write scope (then WWW-Authenticate names it). Nothing changed.",
          examples: { notAllowed: notAllowed("Only the task's creator, its assignee or an admin can change it.") },
        },
        404: notFound,
        409: {
          description:
            "Conflict (edit-conflict): sent with base and an If-Match naming an older version, the change could not be merged, because someone else changed the same fields to other values since. errors points at each such field and says what it holds now; ETag is the version stored now. Nothing changed: decide, then send again with that ETag.",
          headers: ["ETag"],
          examples: {
            editConflict: [
              "Both renamed it",
              new EditConflictError([{ field: "title", current: "Fix the login redirect loop", yours: "Fix the login redirect for good" }], ["status"], 3),
            ],
          },
        },
        412: {
          ...preconditionFailed("changed"),
          description:
            "Precondition Failed: If-Match does not name the task's current version, and no base was sent to merge from (or it names no version the task had). Nothing changed; read the task again and retry, or send base to merge.",
        },
        422: {
          description: "Unprocessable Content: the body breaks the rules; errors lists each field. An assignee must be an active person on the team.",
          examples: {
            invalid: ["Fields that break the rules", invalid(updateTaskSchema, { title: "", status: "BLOCKED" })],
            noBase: [
              "A merge whose base lacks a field it changes",
              new ValidationError([{ field: "base.status", message: "Send the status you started from in base, to change it." }]),
            ],
            unassignable: [
              "An assignee who is not an active person on the team",
              new ValidationError([{ field: "assigneeId", message: "Assign the task to an active person on the team." }]),
            ],
          },
        },
      },
      async handle({ request, params, auth }) {
        const version = expectedVersion(request);
        const { value } = await readJsonBody(request);
        // base (the values the client started from) asks for a merge when If-Match is stale.
        const base = typeof value === "object" && value !== null && !Array.isArray(value) ? (value as { base?: unknown }).base : undefined;
        const { task, keptTheirs } = await editTask(auth.actor, params.id!, value, { expectedVersion: version, base });
        return resource(task, keptTheirs.length > 0 ? { headers: { "Kept-Theirs": keptTheirs.map((kept) => kept.field).join(", ") } } : {});
      },
    },

    DELETE: {
      operationId: "deleteTask",
      summary: "Delete a task",
      description:
        "Deletes the task. Its creator or an admin may. Needs a token with the write scope. Its activity stays readable, with the title it had. Send If-Match with the ETag you read to delete only the version you saw (412 otherwise, and nothing is deleted). Answers 204 with no body.",
      ifMatch: true,
      responses: {
        204: { description: "Deleted. No body." },
        403: {
          description:
            "Forbidden: the token's owner is not the task's creator or an admin, or the token lacks the write scope (then WWW-Authenticate names it). Nothing was deleted.",
          examples: { notAllowed: notAllowed("Only the task's creator or an admin can delete it.") },
        },
        404: notFound,
        412: preconditionFailed("was deleted"),
      },
      async handle({ request, params, auth }) {
        await deleteTask(auth.actor, params.id!, { expectedVersion: expectedVersion(request) });
        return new Response(null, { status: 204 });
      },
    },
  },
);

export const loader = api.loader;
export const action = api.action;
