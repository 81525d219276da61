import { ForbiddenError, NotFoundError, PreconditionFailedError } from "#services/errors.ts";
import { deleteComment, getComment, updateComment, updateCommentSchema } from "#services/comments.ts";
import { readJsonBody } from "#app/api/body.server.ts";
import { etagOf, expectedVersion, notModified } from "#app/api/etag.server.ts";
import { commentId, commentSchema, exampleComment } from "#app/api/openapi-comments.server.ts";
import { ETAG_READ, fail, invalid, READ_SCOPE, type Example } from "#app/api/openapi-kit.server.ts";
import { resource } from "#app/api/respond.server.ts";
import { apiRoute } from "#app/api/route.server.ts";

const notFound = {
  description: "Not Found: no comment has this id (or it was deleted, or its task was).",
  examples: { notFound: ["An unknown id", new NotFoundError("That comment")] as Example },
};
const preconditionFailed = (what: string) => ({
  description: `Precondition Failed: If-Match does not name the comment's current version. Nothing ${what}; read the comment again and retry.`,
  examples: {
    stale: ["Its author edited it since you read it", new PreconditionFailedError("This comment was changed by someone else since you opened it.")] as Example,
    notOurs: ["A tag that is no version of this comment", fail("precondition-failed", "If-Match does not match the current version.")] as Example,
  },
});

/** GET /api/comments/:id (ETag, 304), PATCH (its author; If-Match, 412 when stale) and DELETE (its author or an admin; 204). */
const api = apiRoute(
  { path: "/api/comments/{id}", tag: "Tasks", params: [commentId] },
  {
    GET: {
      operationId: "getComment",
      summary: "Get a comment",
      description: `One comment. ${READ_SCOPE} ${ETAG_READ}`,
      notModified: "the comment",
      responses: {
        200: { description: "The comment.", schema: commentSchema, headers: ["ETag"], examples: { comment: ["A comment", exampleComment] } },
        404: notFound,
      },
      async handle({ request, params, auth }) {
        const comment = await getComment(auth.actor, params.id!);
        if (notModified(request, etagOf(comment))) return new Response(null, { status: 304, headers: { ETag: etagOf(comment) } });
        return resource(comment);
      },
    },

    PATCH: {
      operationId: "updateComment",
      summary: "Edit a comment",
      description:
        "Replaces the comment's text and marks it edited (editedAt). Only its author may, admins included. Needs a token with the write scope. Send If-Match with the ETag you read to apply the change only if the comment did not change since (412 otherwise, and nothing changes); without it the change applies to the current version. Sending the text it already has changes nothing (same version, not marked edited).",
      ifMatch: true,
      body: {
        description: "The new text.",
        schema: updateCommentSchema,
        examples: { reworded: ["New words", { body: "Reproduced on **Firefox** too." }] },
      },
      responses: {
        200: {
          description: "The comment as changed, with its new ETag.",
          schema: commentSchema,
          headers: ["ETag"],
          examples: {
            edited: [
              "Edited",
              {
                ...exampleComment,
                body: "Reproduced on **Firefox** too.",
                html: "<p>Reproduced on <strong>Firefox</strong> too.</p>\n",
                version: 2,
                updatedAt: "2026-02-11T10:00:00.000Z",
                editedAt: "2026-02-11T10:00:00.000Z",
              },
            ],
          },
        },
        403: {
          description: "Forbidden: the token's owner is not the comment's author, or the token lacks the write scope (then WWW-Authenticate names it). Nothing changed.",
          examples: { notAllowed: ["Not the author", new ForbiddenError("Only the comment's author can change it.")] },
        },
        404: notFound,
        412: preconditionFailed("changed"),
        422: {
          description: "Unprocessable Content: the body breaks the rules; errors names the field (1 to 10,000 characters, not only spaces).",
          examples: { empty: ["An empty comment", invalid(updateCommentSchema, { body: "" })] },
        },
      },
      async handle({ request, params, auth }) {
        const version = expectedVersion(request);
        const body = await readJsonBody(request);
        return resource(await updateComment(auth.actor, params.id!, body.value, { expectedVersion: version }));
      },
    },

    DELETE: {
      operationId: "deleteComment",
      summary: "Delete a comment",
      description:
        "Deletes the comment. Its author or an admin may. Needs a token with the write scope. Send If-Match with the ETag you read to delete only the version you saw (412 otherwise, and nothing is deleted). Answers 204 with no body.",
      ifMatch: true,
      responses: {
        204: { description: "Deleted. No body." },
        403: {
          description: "Forbidden: the token's owner is not the comment's author or an admin, or the token lacks the write scope (then WWW-Authenticate names it). Nothing was deleted.",
          examples: { notAllowed: ["Neither the author nor an admin", new ForbiddenError("Only the comment's author or an admin can delete it.")] },
        },
        404: notFound,
        412: preconditionFailed("was deleted"),
      },
      async handle({ request, params, auth }) {
        await deleteComment(auth.actor, params.id!, { expectedVersion: expectedVersion(request) });
        return new Response(null, { status: 204 });
      },
    },
  },
);

export const loader = api.loader;
export const action = api.action;
