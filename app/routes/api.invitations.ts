import { z } from "zod";
import { ForbiddenError, ValidationError } from "#services/errors.ts";
import { createInvitation, createInvitationSchema, listInvitations } from "#services/invitations.ts";
import { readJsonBody } from "#app/api/body.server.ts";
import { deliverFromApi } from "#app/api/deliver-link.server.ts";
import { createdInvitationSchema, exampleCreatedInvitation, exampleInvitation, invitationSchema } from "#app/api/openapi-invitations.server.ts";
import { invalid, READ_SCOPE } from "#app/api/openapi-kit.server.ts";
import { json } from "#app/api/respond.server.ts";
import { apiRoute } from "#app/api/route.server.ts";

const invitationListSchema = z
  .object({ data: z.array(invitationSchema).meta({ description: "Soonest to expire first." }) })
  .meta({ id: "InvitationList", description: "The invitations waiting to be taken." });

const notAdmin = {
  description: "Forbidden: the token's owner is not an admin (or, for POST, the token lacks the write scope: then WWW-Authenticate names it).",
  examples: { notAdmin: ["A member's token", new ForbiddenError("Only admins can add people.")] as const },
};

/** GET /api/invitations: the invitations waiting. POST: an admin invites a newcomer by a one-time link. */
const api = apiRoute(
  { path: "/api/invitations", tag: "Invitations" },
  {
    GET: {
      operationId: "listInvitations",
      summary: "List waiting invitations",
      description: `The invitations not yet taken, revoked or expired, soonest to expire first. Admins only. Their links are not included: Tandem keeps only a hash of each. ${READ_SCOPE}`,
      responses: {
        200: { description: "The waiting invitations.", schema: invitationListSchema, examples: { some: ["One waiting", { data: [exampleInvitation] }] } },
        403: notAdmin,
      },
      async handle({ auth }) {
        return json({ data: await listInvitations(auth.actor) });
      },
    },

    POST: {
      operationId: "createInvitation",
      summary: "Invite a person",
      description:
        "Makes a one-time link with which the newcomer chooses their own password (and may correct their name) and joins with the role given. The link is in this answer only (Tandem sends no mail: pass it on yourself); it works once, for 7 days, until revoked. Admins only; needs a token with the write scope. An email that belongs to someone on the team, or has an invitation waiting, is 422. Not idempotent: retrying makes no second invitation for the same email (422 while the first is waiting).",
      body: {
        description: "Whom to invite.",
        schema: createInvitationSchema,
        examples: { member: ["A member", { email: "newt@example.com", name: "Newt Scamander", role: "MEMBER" }] },
      },
      responses: {
        201: {
          description: "Created: the invitation and its one-time link.",
          schema: createdInvitationSchema,
          examples: { created: ["The invitation made", exampleCreatedInvitation] },
        },
        403: notAdmin,
        422: {
          description: "Unprocessable Content: the body breaks the rules, or the email belongs to someone on the team or has an invitation waiting (errors points at /email).",
          examples: {
            invalid: ["Fields that break the rules", invalid(createInvitationSchema, { email: "newt@", name: " " })],
            waiting: [
              "Already invited",
              new ValidationError([{ field: "email", message: "This email already has an invitation waiting: revoke it first to send a new one." }]),
            ],
          },
        },
      },
      async handle({ request, auth }) {
        const body = await readJsonBody(request);
        const { invitation, secret } = await createInvitation(auth.actor, body.value);
        const link = await deliverFromApi(request, {
          kind: "invitation",
          to: { email: invitation.email, name: invitation.name },
          path: `/invite/${secret}`,
          expiresAt: invitation.expiresAt,
        });
        return json({ ...invitation, link }, { status: 201, headers: { "Cache-Control": "no-store" } });
      },
    },
  },
);

export const loader = api.loader;
export const action = api.action;
