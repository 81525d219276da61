import { ConflictError, ForbiddenError, NotFoundError, PreconditionFailedError, ValidationError } from "#services/errors.ts";
import { getUser, updateUser, updateUserSchema } from "#services/users.ts";
import { readJsonBody } from "#app/api/body.server.ts";
import { etagOf, expectedVersion, notModified } from "#app/api/etag.server.ts";
import { ETAG_READ, fail, invalid, READ_SCOPE } from "#app/api/openapi-kit.server.ts";
import { grace, userId, userSchema } from "#app/api/openapi-users.server.ts";
import { resource } from "#app/api/respond.server.ts";
import { apiRoute } from "#app/api/route.server.ts";

const notFound = {
  description: "Not Found: no person has this id.",
  examples: { notFound: ["An unknown id", new NotFoundError("That user")] as const },
};

/** GET /api/users/:id (ETag, 304) and PATCH /api/users/:id (admin; name, role, active; If-Match). */
const api = apiRoute(
  { path: "/api/users/{id}", tag: "Users", params: [userId] },
  {
    GET: {
      operationId: "getUser",
      summary: "Get a person",
      description: `One person on the team, active or not. ${READ_SCOPE} ${ETAG_READ}`,
      notModified: "the person",
      responses: {
        200: { description: "The person.", schema: userSchema, headers: ["ETag"], examples: { user: ["An admin", grace] } },
        404: notFound,
      },
      async handle({ request, params, auth }) {
        const user = await getUser(auth.actor, params.id!);
        if (notModified(request, etagOf(user))) return new Response(null, { status: 304, headers: { ETag: etagOf(user) } });
        return resource(user);
      },
    },

    PATCH: {
      operationId: "updateUser",
      summary: "Change a person's name, role or access",
      description:
        "Changes the fields sent and leaves the others. Needs a token with the write scope, whose owner is an admin. Setting `active` to false deactivates the person: their sessions and tokens stop working at once; nobody can deactivate themselves. Tandem always keeps an active admin, so demoting or deactivating the last one is 409. Send If-Match with the ETag you read to apply the change only if nobody changed the person since (412 otherwise); without it the change applies to the current version. Answers with the updated person and their new ETag.",
      ifMatch: true,
      body: {
        description: "The changes.",
        schema: updateUserSchema,
        examples: { rename: ["A new name", { name: "Ada King" }], promote: ["Make an admin", { role: "ADMIN" }], deactivate: ["Deactivate", { active: false }] },
      },
      responses: {
        200: {
          description: "The person as changed, with their new ETag.",
          schema: userSchema,
          headers: ["ETag"],
          examples: { updated: ["Renamed", { ...grace, name: "Grace Brewster Hopper", version: 4 }] },
        },
        403: {
          description: "Forbidden: the token's owner is not an admin, or the token lacks the write scope (then WWW-Authenticate names the scope).",
          examples: { notAdmin: ["A member's token", new ForbiddenError("Only admins can change people's names, roles or access.")] },
        },
        404: notFound,
        409: {
          description: "Conflict: the change would leave Tandem without an active admin (errors points at /role or /active).",
          examples: {
            lastAdmin: ["Demoting the last admin", new ConflictError("Tandem needs at least one active admin: make someone else an admin first.", "role")],
          },
        },
        412: {
          description: "Precondition Failed: If-Match does not name the current version. Nothing changed; read the person again and retry.",
          examples: {
            stale: ["Someone changed the person since you read it", new PreconditionFailedError("This user changed since you read it; read it again and retry.")],
            notOurs: ["A tag that is no version of this person", fail("precondition-failed", "If-Match does not match the current version.")],
          },
        },
        422: {
          description: "Unprocessable Content: the body breaks the rules; errors lists each field.",
          examples: {
            invalid: ["Fields that break the rules", invalid(updateUserSchema, { name: "", role: "OWNER" })],
            deactivateSelf: ["Deactivating yourself", new ValidationError([{ field: "active", message: "You cannot deactivate your own account." }])],
          },
        },
      },
      async handle({ request, params, auth }) {
        const version = expectedVersion(request);
        const body = await readJsonBody(request);
        return resource(await updateUser(auth.actor, params.id!, body.value, { expectedVersion: version }));
      },
    },
  },
);

export const loader = api.loader;
export const action = api.action;
