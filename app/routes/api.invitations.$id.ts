import { ConflictError, ForbiddenError, NotFoundError } from "#services/errors.ts";
import { revokeInvitation } from "#services/invitations.ts";
import { invitationId } from "#app/api/openapi-invitations.server.ts";
import { apiRoute } from "#app/api/route.server.ts";

/** DELETE /api/invitations/:id: an admin revokes a waiting invitation; its link stops working. */
const api = apiRoute(
  { path: "/api/invitations/{id}", tag: "Invitations", params: [invitationId] },
  {
    DELETE: {
      operationId: "revokeInvitation",
      summary: "Revoke an invitation",
      description:
        "Revokes a waiting invitation: its link stops working at once. Revoking one already revoked or expired changes nothing and answers the same. Admins only; needs a token with the write scope. Answers 204 with no body.",
      responses: {
        204: { description: "Revoked. No body." },
        403: {
          description: "Forbidden: the token's owner is not an admin, or the token lacks the write scope (then WWW-Authenticate names it).",
          examples: { notAdmin: ["A member's token", new ForbiddenError("Only admins can add people.")] },
        },
        404: { description: "Not Found: no invitation has this id.", examples: { notFound: ["An unknown id", new NotFoundError("That invitation")] } },
        409: {
          description: "Conflict: the invitation was already taken; the person is on the team (deactivate them instead).",
          examples: { taken: ["Already taken", new ConflictError("newt@example.com already took this invitation: they are on the team.")] },
        },
      },
      async handle({ params, auth }) {
        await revokeInvitation(auth.actor, params.id!);
        return new Response(null, { status: 204 });
      },
    },
  },
);

export const loader = api.loader;
export const action = api.action;
