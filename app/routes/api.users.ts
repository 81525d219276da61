import { ConflictError, ForbiddenError } from "#services/errors.ts";
import { createUser, createUserSchema, listUsersPage } from "#services/users.ts";
import { readJsonBody } from "#app/api/body.server.ts";
import { idempotent } from "#app/api/idempotency.server.ts";
import { exampleCursor, invalid, pageOf, READ_SCOPE } from "#app/api/openapi-kit.server.ts";
import { ada, grace, userSchema } from "#app/api/openapi-users.server.ts";
import { pageQuery } from "#app/api/paging.server.ts";
import { list, resource } from "#app/api/respond.server.ts";
import { apiRoute } from "#app/api/route.server.ts";

const userListSchema = pageOf(userSchema, "UserList", "A page of the team.", "This page of the team, by name then id.");

/** GET /api/users: the team, a page at a time. POST /api/users: an admin adds a person. */
const api = apiRoute(
  { path: "/api/users", tag: "Users" },
  {
    GET: {
      operationId: "listUsers",
      summary: "List the team",
      description: `Everyone on the team, active or not, ordered by name then id, a page at a time. When there is more, \`nextCursor\` holds a cursor for the next page and a \`Link\` header with \`rel="next"\` points at it: pass the cursor back unchanged. Any member can list. ${READ_SCOPE}`,
      paged: true,
      responses: {
        200: {
          description: "A page of the team. The Link header is present when there is a next page.",
          schema: userListSchema,
          examples: {
            firstPage: ["A page with more after it", { data: [ada], nextCursor: exampleCursor }],
            lastPage: ["The last page", { data: [grace], nextCursor: null }],
          },
        },
      },
      async handle({ request, auth }) {
        return list(request, await listUsersPage(auth.actor, pageQuery(request)));
      },
    },

    POST: {
      operationId: "createUser",
      summary: "Add a person",
      description:
        "Adds a person with a first password, which they can change after signing in. Needs a token with the write scope, whose owner is an admin. Answers 201 with the new user, its ETag and its Location. Send an Idempotency-Key to retry safely: the same key and body within 24 hours replays the first answer (marked `Idempotent-Replayed: true`) instead of adding the person twice; the same key with another body is 422; while the first request is still running, 409.",
      idempotent: true,
      body: {
        description: "The new person.",
        schema: createUserSchema,
        examples: {
          member: ["A member", { email: "ada@example.com", name: "Ada Lovelace", role: "MEMBER", password: "correct horse battery staple" }],
          admin: ["Another admin", { email: "grace@example.com", name: "Grace Hopper", role: "ADMIN", password: "a long and unguessable phrase" }],
        },
      },
      responses: {
        201: {
          description:
            "Created: the new person. A replay of an earlier request with the same Idempotency-Key answers the same, with Idempotent-Replayed: true.",
          schema: userSchema,
          headers: ["Location", "ETag"],
          examples: { created: ["The person added", ada] },
        },
        403: {
          description: "Forbidden: the token's owner is not an admin, or the token lacks the write scope (then WWW-Authenticate names the scope).",
          examples: { notAdmin: ["A member's token", new ForbiddenError("Only admins can add people.")] },
        },
        409: {
          description:
            "Conflict: someone already has this email address (errors points at /email), or a request with the same Idempotency-Key is still running (retry after Retry-After).",
          examples: { emailTaken: ["The email is taken", new ConflictError("A user with this email already exists.", "email")] },
        },
        422: {
          description: "Unprocessable Content: the body breaks the rules (errors lists each field), or the Idempotency-Key was already used with another body.",
          examples: { invalid: ["Fields that break the rules", invalid(createUserSchema, { email: "ada@", name: " ", password: "short" })] },
        },
      },
      async handle({ request, auth }) {
        const body = await readJsonBody(request);
        return idempotent(request, { userId: auth.actor.id, route: "POST /api/users" }, body.text, async () => {
          const user = await createUser(auth.actor, body.value);
          return resource(user, { status: 201, headers: { Location: `/api/users/${user.id}` } });
        });
      },
    },
  },
);

export const loader = api.loader;
export const action = api.action;
