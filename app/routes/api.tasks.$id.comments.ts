import { NotFoundError, ValidationError } from "#services/errors.ts";
import { createComment, createCommentSchema, listTaskComments } from "#services/comments.ts";
import { readJsonBody } from "#app/api/body.server.ts";
import { idempotent } from "#app/api/idempotency.server.ts";
import { commentSchema, exampleComment, olderComment } from "#app/api/openapi-comments.server.ts";
import { exampleCursor, invalid, pageOf, READ_SCOPE } from "#app/api/openapi-kit.server.ts";
import { taskId } from "#app/api/openapi-tasks.server.ts";
import { pageQuery } from "#app/api/paging.server.ts";
import { list, resource } from "#app/api/respond.server.ts";
import { apiRoute } from "#app/api/route.server.ts";

const commentListSchema = pageOf(commentSchema, "CommentList", "A page of a task's comments.", "This page of comments, newest first (by creation time, then id).");
const taskNotFound = {
  description: "Not Found: no task has this id (or it was deleted, and its comments with it).",
  examples: { notFound: ["An unknown id", new NotFoundError("That task")] as const },
};

/**
 * GET /api/tasks/:id/comments: the task's comments, newest first, a page at a time.
 * POST /api/tasks/:id/comments: anyone with a write token comments (201, Location, ETag; Idempotency-Key).
 */
const api = apiRoute(
  { path: "/api/tasks/{id}/comments", tag: "Tasks", params: [taskId] },
  {
    GET: {
      operationId: "listTaskComments",
      summary: "List a task's comments",
      description: `The task's comments newest first (by creation time, then id), a page at a time. When there is more, \`nextCursor\` holds a cursor for the next page and a \`Link\` header with \`rel="next"\` points at it: pass it back unchanged. Each comment comes as written (\`body\`, Markdown) and as the web pages show it (\`html\`). ${READ_SCOPE}`,
      paged: true,
      responses: {
        200: {
          description: "A page of comments. The Link header is present when there is a next page.",
          schema: commentListSchema,
          examples: {
            firstPage: ["A page with more after it", { data: [exampleComment], nextCursor: exampleCursor }],
            lastPage: ["The last page", { data: [olderComment], nextCursor: null }],
          },
        },
        404: taskNotFound,
      },
      async handle({ request, params, auth }) {
        return list(request, await listTaskComments(auth.actor, params.id!, pageQuery(request)));
      },
    },

    POST: {
      operationId: "createTaskComment",
      summary: "Comment on a task",
      description:
        "Adds a comment to the task; its author is the token's owner. Anyone on the team may comment on any task. Needs a token with the write scope. Answers 201 with the new comment, its ETag and its Location. Send an Idempotency-Key to retry safely: the same key and body within 24 hours replays the first answer (marked `Idempotent-Replayed: true`) instead of commenting twice; the same key with another body is 422; while the first request is still running, 409.",
      idempotent: true,
      body: {
        description: "The comment.",
        schema: createCommentSchema,
        examples: { markdown: ["Markdown text", { body: "Reproduced: see the *Network* tab, the redirect drops `redirectTo`." }] },
      },
      responses: {
        201: {
          description: "Created: the new comment. A replay of an earlier request with the same Idempotency-Key answers the same, with Idempotent-Replayed: true.",
          schema: commentSchema,
          headers: ["Location", "ETag"],
          examples: { created: ["The comment created", exampleComment] },
        },
        404: taskNotFound,
        422: {
          description: "Unprocessable Content: the body breaks the rules (errors names the field: 1 to 10,000 characters, not only spaces), or the Idempotency-Key was already used with another body.",
          examples: {
            empty: ["An empty comment", invalid(createCommentSchema, { body: " " })],
            tooLong: ["Too long", new ValidationError([{ field: "body", message: "Comments are at most 10,000 characters." }])],
          },
        },
      },
      async handle({ request, params, auth }) {
        const body = await readJsonBody(request);
        return idempotent(request, { userId: auth.actor.id, route: "POST /api/tasks/{id}/comments" }, body.text, async () => {
          const comment = await createComment(auth.actor, params.id!, body.value);
          return resource(comment, { status: 201, headers: { Location: `/api/comments/${comment.id}` } });
        });
      },
    },
  },
);

export const loader = api.loader;
export const action = api.action;
