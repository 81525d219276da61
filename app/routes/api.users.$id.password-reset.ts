import { ConflictError, ForbiddenError, NotFoundError } from "#services/errors.ts";
import { createPasswordReset } from "#services/password-resets.ts";
import { deliverFromApi } from "#app/api/deliver-link.server.ts";
import { examplePasswordReset, passwordResetSchema } from "#app/api/openapi-invitations.server.ts";
import { userId } from "#app/api/openapi-users.server.ts";
import { json } from "#app/api/respond.server.ts";
import { apiRoute } from "#app/api/route.server.ts";

/** POST /api/users/:id/password-reset: an admin makes a one-time link with which the person sets a new password. */
const api = apiRoute(
  { path: "/api/users/{id}/password-reset", tag: "Invitations", params: [userId] },
  {
    POST: {
      operationId: "createPasswordReset",
      summary: "Make a password-reset link",
      description:
        "Makes a one-time link with which the person sets a new password; using it ends all their sessions. The link is in this answer only (Tandem sends no mail: pass it on yourself); it works once, for 24 hours, and replaces any earlier link for the person. Admins only; needs a token with the write scope. No body.",
      responses: {
        201: { description: "Created: the link and whose it is.", schema: passwordResetSchema, examples: { created: ["The link made", examplePasswordReset] } },
        403: {
          description: "Forbidden: the token's owner is not an admin, or the token lacks the write scope (then WWW-Authenticate names it).",
          examples: { notAdmin: ["A member's token", new ForbiddenError("Only admins can set other people's passwords.")] },
        },
        404: { description: "Not Found: no person has this id.", examples: { notFound: ["An unknown id", new NotFoundError("That user")] } },
        409: {
          description: "Conflict: the person is deactivated; reactivate them first.",
          examples: { deactivated: ["Deactivated", new ConflictError("Ada Lovelace is deactivated: reactivate them first, then make the link.")] },
        },
      },
      async handle({ request, params, auth }) {
        const { reset, secret } = await createPasswordReset(auth.actor, params.id!);
        const link = await deliverFromApi(request, { kind: "password_reset", to: reset.user, path: `/reset/${secret}`, expiresAt: reset.expiresAt });
        return json({ ...reset, link }, { status: 201, headers: { "Cache-Control": "no-store" } });
      },
    },
  },
);

export const loader = api.loader;
export const action = api.action;
