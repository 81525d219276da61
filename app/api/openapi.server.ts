import { z } from "zod";
import { ConflictError, NotFoundError, PreconditionFailedError, ValidationError } from "../../services/errors.ts";
import { PAGE_SIZE } from "../../services/pagination.ts";
import { TOKEN_PREFIX } from "../../services/tokens.ts";
import {
  createUserSchema,
  emailSchema,
  nameSchema,
  passwordSchema,
  roleSchema,
  updateUserSchema,
  type PublicUser,
} from "../../services/users.ts";
import {
  badJson,
  checked,
  componentSchemas,
  describe,
  emptyBody,
  EXAMPLE_ID,
  EXAMPLE_REQUEST_ID,
  exampleCursor,
  forbidden,
  header,
  internal,
  unavailable,
  json,
  JSON_TYPE,
  methodNotAllowed,
  notModified,
  parameter,
  parameterSchema,
  payloadTooLarge,
  problem,
  problemFor,
  problems,
  r,
  readScope,
  requestMeta,
  responseMeta,
  schemaRef,
  success,
  tooManyRequests,
  unauthorized,
  unsupportedMediaType,
  validationProblemFor,
  type OnTheWire,
  type OpenApiDocument,
  type Same,
} from "./openapi-kit.server.ts";
import { TASKS_TAG, taskParameters, taskPaths } from "./openapi-tasks.server.ts";

export type {
  Example,
  HeaderObject,
  HttpMethod,
  MediaType,
  OpenApiDocument,
  OperationObject,
  ParameterObject,
  Reference,
  ResponseObject,
  SchemaObject,
} from "./openapi-kit.server.ts";
export { problemSchema, validationProblemSchema } from "./openapi-kit.server.ts";

/**
 * GET /api/openapi.json: the OpenAPI 3.1 description of the API. Request bodies are the very
 * zod schemas the services validate with (converted with io "input"); response shapes are zod
 * schemas defined here and checked against the services' types at compile time. Validation
 * examples are produced by running those schemas, so their messages are the real ones.
 * This module assembles the document and holds the users and service operations; the task
 * operations are in openapi-tasks.server.ts, the pieces they share in openapi-kit.server.ts.
 */

/** The API's own version: minor steps for additions, and there are no other kinds of change. */
export const API_VERSION = "1.0.0";

// ---- Schemas ----

// Request bodies: the services' own schemas, described.
describe(requestMeta, emailSchema, {
  format: "email",
  description: "Their email address, up to 254 characters. Stored lower-case; unique in the team.",
  examples: ["ada@example.com"],
});
describe(requestMeta, nameSchema, {
  description: "The name Tandem shows, 1 to 100 characters after trimming.",
  examples: ["Ada Lovelace"],
});
describe(requestMeta, roleSchema, { description: "ADMIN manages people; MEMBER works on tasks." });
describe(requestMeta, passwordSchema, {
  format: "password",
  description: "Their first password: 12 to 256 characters, any characters, kept exactly as sent. Only a hash is stored.",
});
describe(requestMeta, createUserSchema.shape.role, {
  description: "ADMIN manages people; MEMBER works on tasks. MEMBER when left out.",
});
describe(requestMeta, updateUserSchema.shape.active, {
  description:
    "false deactivates the person: their sessions and API tokens stop working at once. true gives their access back. Nobody can deactivate themselves.",
});
describe(requestMeta, createUserSchema, {
  id: "CreateUserRequest",
  description: "A new person. Fields other than these are ignored.",
});
describe(requestMeta, updateUserSchema, {
  id: "UpdateUserRequest",
  description: "The changes: only the fields sent change, and fields other than these are ignored.",
});

// Response shapes.
export const userSchema = r(
  z.object({
    id: r(z.string(), { description: "The person's id: opaque and stable.", examples: [EXAMPLE_ID] }),
    email: r(z.email(), { description: "Their email address, lower-case.", examples: ["ada@example.com"] }),
    name: r(z.string(), { description: "The name Tandem shows.", examples: ["Ada Lovelace"] }),
    role: roleSchema,
    active: r(z.boolean(), { description: "false once deactivated: their sessions and tokens no longer work." }),
    version: r(z.int().min(1), {
      description: "Bumped on every change. The ETag header carries it; If-Match sends it back.",
      examples: [1],
    }),
    createdAt: r(z.iso.datetime(), { description: "When they were added (UTC)." }),
    updatedAt: r(z.iso.datetime(), { description: "When they last changed (UTC)." }),
  }),
  { id: "User", description: "A person on the team. Never includes anything about their password." },
);
describe(responseMeta, roleSchema, { description: "ADMIN manages people; MEMBER works on tasks." });

export const userListSchema = r(
  z.object({
    data: r(z.array(userSchema), { description: "This page of the team, by name then id." }),
    nextCursor: r(z.string().nullable(), {
      description: "Pass as cursor to get the next page; null on the last page.",
    }),
  }),
  { id: "UserList", description: "A page of the team." },
);

const healthSchema = r(z.object({ status: r(z.literal("ok"), { description: "Always ok: any other state answers 503." }) }), {
  id: "Health",
  description: "The service and its database answer.",
});

// Registered for the document about itself; its parts are OpenAPI's own, not ours to restate.
r(
  z
    .object({
      openapi: z.literal("3.1.0"),
      info: z.object({ title: z.string(), version: z.string() }).loose(),
      paths: z.record(z.string(), z.object({}).loose()),
      components: z.object({}).loose(),
    })
    .loose(),
  { id: "OpenApiDocument", description: "An OpenAPI 3.1 document (https://spec.openapis.org/oas/v3.1.0)." },
);

// What the API sends must be what the schemas say: a field added to PublicUser fails to compile here.
const userSchemaMatchesService: Same<z.output<typeof userSchema>, OnTheWire<PublicUser>> = true;
void userSchemaMatchesService;

// ---- Examples (checked against the schemas when the document is built) ----

const ada = checked(userSchema, {
  id: EXAMPLE_ID,
  email: "ada@example.com",
  name: "Ada Lovelace",
  role: "MEMBER" as const,
  active: true,
  version: 1,
  createdAt: "2026-01-15T09:30:00.000Z",
  updatedAt: "2026-01-15T09:30:00.000Z",
});
const grace = checked(userSchema, {
  id: "h8k2m4n6p8q0r2s4t6v8w0x2",
  email: "grace@example.com",
  name: "Grace Hopper",
  role: "ADMIN" as const,
  active: true,
  version: 3,
  createdAt: "2025-11-02T14:05:00.000Z",
  updatedAt: "2026-02-01T08:00:00.000Z",
});

const writeScope = "Needs a token with the write scope, whose owner is an admin.";

// ---- The document ----

function buildOpenApiDocument(): OpenApiDocument {
  const me = "/api/me";
  const users = "/api/users";
  const user = `/api/users/${EXAMPLE_ID}`;

  const createExample = checked(
    createUserSchema,
    { email: "ada@example.com", name: "Ada Lovelace", role: "MEMBER", password: "correct horse battery staple" },
    "input",
  );

  const document: OpenApiDocument = {
    openapi: "3.1.0",
    info: {
      title: "Tandem API",
      version: API_VERSION,
      summary: "The JSON API of Tandem, the team task tracker.",
      description: [
        "The JSON API of Tandem, for scripts, mobile apps and integrations. It calls the same services as the web pages, so every rule (who may do what, what a valid value is) is the same at both doors.",
        `**Authentication.** Send an API token in every request: \`Authorization: Bearer ${TOKEN_PREFIX}…\`. Create one in Tandem under Settings → API tokens; the secret is shown once. A token acts as its owner, limited by its scopes: \`read\` for GET, \`write\` for everything else (\`write\` includes \`read\`). Cookies are ignored here. Only this document, /api/docs and /healthz need no token.`,
        "**Errors** are `application/problem+json` (RFC 9457): `type`, `title`, `status`, `detail`, `instance` and `requestId`, and for a body that breaks the rules an `errors` list of `{ pointer, detail }`. Each `type` links to its explanation on /api/docs. A path with no endpoint answers 404, and a method a path does not accept answers 405 with `Allow`.",
        "**Concurrency and retries.** Reads send an `ETag`; send it back in `If-None-Match` to get 304 when nothing changed, or in `If-Match` on an update to apply it only to the version you read (412 otherwise). A POST with an `Idempotency-Key` runs at most once per key within 24 hours: a retry replays the first answer.",
        `**Lists** come a page at a time: \`limit\` (1–${PAGE_SIZE.max}, default ${PAGE_SIZE.default}) and an opaque \`cursor\`; the body's \`nextCursor\` and a \`Link: <…>; rel="next"\` header lead to the next page.`,
        "**Request ids.** Every answer carries `X-Request-Id` (yours, if you sent a sane one); problem bodies repeat it, and the server's log line for the request shows it.",
        "**Compatibility promise.** Changes to /api are additive only: new endpoints, new optional request fields, new response fields, new problem types. Nothing is removed or renamed, and no field changes its type or meaning. The schemas here describe this version exactly; clients must ignore response fields they do not know, because a later version may add some.",
        "**No CORS.** The API sends no CORS headers, so pages on other origins cannot call it from a browser. Call it from a server, a script or an app.",
      ].join("\n\n"),
    },
    externalDocs: { description: "The same reference as a page, with curl examples and every problem type explained.", url: "/api/docs" },
    servers: [{ url: "/", description: "The Tandem server that serves this document." }],
    security: [{ bearerAuth: [] }],
    tags: [
      { name: "Me", description: "The person a token belongs to." },
      { name: "Users", description: "The people on the team. Everyone can read the team; only admins add or change people." },
      TASKS_TAG,
      { name: "Service", description: "Health and this description of the API. No token needed." },
    ],
    paths: {
      "/api/me": {
        get: {
          operationId: "getMe",
          summary: "Who the token belongs to",
          description: `The person whose token made the request. ${readScope} Answers with an ETag; send it back in If-None-Match to get 304 while nothing changed.`,
          tags: ["Me"],
          parameters: [parameter("IfNoneMatch"), parameter("XRequestId")],
          responses: {
            "200": success("The token's owner.", json("User", { user: { summary: "A member", value: ada } }), { ETag: header("ETag") }),
            "304": notModified("the person"),
            "401": unauthorized(me),
            "405": methodNotAllowed(me, "POST"),
            "429": tooManyRequests(me),
            "500": internal(me),
            "503": unavailable(me),
          },
        },
      },
      "/api/users": {
        get: {
          operationId: "listUsers",
          summary: "List the team",
          description: `Everyone on the team, active or not, ordered by name then id, a page at a time. When there is more, \`nextCursor\` holds a cursor for the next page and a \`Link\` header with \`rel="next"\` points at it: pass the cursor back unchanged. Any member can list. ${readScope}`,
          tags: ["Users"],
          parameters: [parameter("Limit"), parameter("Cursor"), parameter("XRequestId")],
          responses: {
            "200": success(
              "A page of the team. The Link header is present when there is a next page.",
              json("UserList", {
                firstPage: { summary: "A page with more after it", value: checked(userListSchema, { data: [ada], nextCursor: exampleCursor }) },
                lastPage: { summary: "The last page", value: checked(userListSchema, { data: [grace], nextCursor: null }) },
              }),
              { Link: header("Link") },
            ),
            "400": problems("Bad Request: limit is not a whole number from 1 to 100, or cursor is empty, does not decode or was altered.", {
              badLimit: { summary: "limit out of range", value: problem("bad-request", `limit must be a whole number from 1 to ${PAGE_SIZE.max}.`, users) },
              badCursor: {
                summary: "An altered cursor",
                value: problem("bad-request", "The cursor is not valid: start again from the first page.", users),
              },
            }),
            "401": unauthorized(users),
            "405": methodNotAllowed(users, "DELETE"),
            "429": tooManyRequests(users),
            "500": internal(users),
            "503": unavailable(users),
          },
        },
        post: {
          operationId: "createUser",
          summary: "Add a person",
          description: `Adds a person with a first password, which they can change after signing in. ${writeScope} Answers 201 with the new user, its ETag and its Location. Send an Idempotency-Key to retry safely: the same key and body within 24 hours replays the first answer (marked \`Idempotent-Replayed: true\`) instead of adding the person twice; the same key with another body is 422; while the first request is still running, 409.`,
          tags: ["Users"],
          parameters: [parameter("IdempotencyKey"), parameter("XRequestId")],
          requestBody: {
            description: "The new person.",
            required: true,
            content: {
              [JSON_TYPE]: {
                schema: schemaRef("CreateUserRequest"),
                examples: {
                  member: { summary: "A member", value: createExample },
                  admin: {
                    summary: "Another admin",
                    value: checked(
                      createUserSchema,
                      { email: "grace@example.com", name: "Grace Hopper", role: "ADMIN", password: "a long and unguessable phrase" },
                      "input",
                    ),
                  },
                },
              },
            },
          },
          responses: {
            "201": success(
              "Created: the new person. A replay of an earlier request with the same Idempotency-Key answers the same, with Idempotent-Replayed: true.",
              json("User", { created: { summary: "The person added", value: ada } }),
              { Location: header("Location"), ETag: header("ETag"), "Idempotent-Replayed": header("IdempotentReplayed") },
            ),
            "400": problems("Bad Request: the body is empty, not UTF-8 or not JSON, or the Idempotency-Key is not 1 to 255 visible ASCII characters.", {
              badJson: badJson(users),
              emptyBody: emptyBody(users),
              badIdempotencyKey: {
                summary: "An unusable Idempotency-Key",
                value: problem("bad-request", "Idempotency-Key must be 1 to 255 visible ASCII characters.", users),
              },
            }),
            "401": unauthorized(users),
            "403": forbidden(users, "Only admins can add people."),
            "405": methodNotAllowed(users, "DELETE"),
            "429": tooManyRequests(users),
            "409": problems(
              "Conflict: someone already has this email address (errors points at /email), or a request with the same Idempotency-Key is still running (retry after Retry-After).",
              {
                emailTaken: { summary: "The email is taken", value: problemFor(new ConflictError("A user with this email already exists.", "email"), users) },
                keyInUse: {
                  summary: "The same Idempotency-Key is still being processed",
                  value: problem("idempotency-key-in-use", "A request with this Idempotency-Key is still being processed; retry shortly.", users),
                },
              },
              { headers: { "Retry-After": header("RetryAfter") } },
            ),
            "413": payloadTooLarge(users),
            "415": unsupportedMediaType(users),
            "422": problems(
              "Unprocessable Content: the body breaks the rules (errors lists each field), or the Idempotency-Key was already used with another body.",
              {
                invalid: {
                  summary: "Fields that break the rules",
                  value: validationProblemFor(createUserSchema, { email: "ada@", name: " ", password: "short" }, users),
                },
                keyReused: {
                  summary: "An Idempotency-Key used before with another body",
                  value: problem("idempotency-key-reused", "This Idempotency-Key was already used with a different request body.", users),
                },
              },
              { schema: { anyOf: [schemaRef("ValidationProblem"), schemaRef("Problem")] } },
            ),
            "500": internal(users),
            "503": unavailable(users),
          },
        },
      },
      "/api/users/{id}": {
        get: {
          operationId: "getUser",
          summary: "Get a person",
          description: `One person on the team, active or not. ${readScope} Answers with an ETag; send it back in If-None-Match to get 304 while nothing changed.`,
          tags: ["Users"],
          parameters: [parameter("UserId"), parameter("IfNoneMatch"), parameter("XRequestId")],
          responses: {
            "200": success("The person.", json("User", { user: { summary: "An admin", value: grace } }), { ETag: header("ETag") }),
            "304": notModified("the person"),
            "401": unauthorized(user),
            "404": problems("Not Found: no person has this id.", {
              notFound: { summary: "An unknown id", value: problemFor(new NotFoundError("That user"), user) },
            }),
            "405": methodNotAllowed(user, "DELETE"),
            "429": tooManyRequests(user),
            "500": internal(user),
            "503": unavailable(user),
          },
        },
        patch: {
          operationId: "updateUser",
          summary: "Change a person's name, role or access",
          description: `Changes the fields sent and leaves the others. ${writeScope} Setting \`active\` to false deactivates the person: their sessions and tokens stop working at once; nobody can deactivate themselves. Tandem always keeps an active admin, so demoting or deactivating the last one is 409. Send If-Match with the ETag you read to apply the change only if nobody changed the person since (412 otherwise); without it the change applies to the current version. Answers with the updated person and their new ETag.`,
          tags: ["Users"],
          parameters: [parameter("UserId"), parameter("IfMatch"), parameter("XRequestId")],
          requestBody: {
            description: "The changes.",
            required: true,
            content: {
              [JSON_TYPE]: {
                schema: schemaRef("UpdateUserRequest"),
                examples: {
                  rename: { summary: "A new name", value: checked(updateUserSchema, { name: "Ada King" }, "input") },
                  promote: { summary: "Make an admin", value: checked(updateUserSchema, { role: "ADMIN" }, "input") },
                  deactivate: { summary: "Deactivate", value: checked(updateUserSchema, { active: false }, "input") },
                },
              },
            },
          },
          responses: {
            "200": success("The person as changed, with their new ETag.", json("User", { updated: { summary: "Renamed", value: { ...grace, name: "Grace Brewster Hopper", version: 4 } } }), {
              ETag: header("ETag"),
            }),
            "400": problems("Bad Request: the body is empty, not UTF-8 or not JSON.", { badJson: badJson(user), emptyBody: emptyBody(user) }),
            "401": unauthorized(user),
            "403": forbidden(user, "Only admins can change people's names, roles or access."),
            "404": problems("Not Found: no person has this id.", {
              notFound: { summary: "An unknown id", value: problemFor(new NotFoundError("That user"), user) },
            }),
            "405": methodNotAllowed(user, "DELETE"),
            "429": tooManyRequests(user),
            "409": problems("Conflict: the change would leave Tandem without an active admin (errors points at /role or /active).", {
              lastAdmin: {
                summary: "Demoting the last admin",
                value: problemFor(
                  new ConflictError("Tandem needs at least one active admin: make someone else an admin first.", "role"),
                  user,
                ),
              },
            }),
            "412": problems("Precondition Failed: If-Match does not name the current version. Nothing changed; read the person again and retry.", {
              stale: {
                summary: "Someone changed the person since you read it",
                value: problemFor(new PreconditionFailedError("This user changed since you read it; read it again and retry."), user),
              },
              notOurs: {
                summary: "A tag that is no version of this person",
                value: problem("precondition-failed", "If-Match does not match the current version.", user),
              },
            }),
            "413": payloadTooLarge(user),
            "415": unsupportedMediaType(user),
            "422": problems(
              "Unprocessable Content: the body breaks the rules; errors lists each field.",
              {
                invalid: { summary: "Fields that break the rules", value: validationProblemFor(updateUserSchema, { name: "", role: "OWNER" }, user) },
                deactivateSelf: {
                  summary: "Deactivating yourself",
                  value: problemFor(new ValidationError([{ field: "active", message: "You cannot deactivate your own account." }]), user),
                },
              },
              { schema: schemaRef("ValidationProblem") },
            ),
            "500": internal(user),
            "503": unavailable(user),
          },
        },
      },
      ...taskPaths(),
      "/healthz": {
        get: {
          operationId: "getHealth",
          summary: "Check health",
          description: "For load balancers and monitors: 200 while the service and its database answer, 503 when the database does not. Needs no token; never cached.",
          tags: ["Service"],
          security: [],
          parameters: [parameter("XRequestId")],
          responses: {
            "200": success("The service works.", json("Health", { ok: { summary: "Healthy", value: checked(healthSchema, { status: "ok" }) } })),
            "405": methodNotAllowed("/healthz", "POST"),
            "500": internal("/healthz"),
            "503": problems(
              "Service Unavailable: the database does not answer. Retry after Retry-After seconds.",
              { unavailable: { summary: "The database is down", value: problem("unavailable", "The database does not answer.", "/healthz") } },
              { headers: { "Retry-After": header("RetryAfter") } },
            ),
          },
        },
      },
      "/api/openapi.json": {
        get: {
          operationId: "getOpenApiDocument",
          summary: "Get this document",
          description: "This OpenAPI 3.1 description of the API, generated from the schemas the server validates with. Needs no token. /api/docs shows it as a page.",
          tags: ["Service"],
          security: [],
          parameters: [parameter("XRequestId")],
          responses: {
            "200": success(
              "The OpenAPI document.",
              json("OpenApiDocument", {
                document: {
                  summary: "The start of this document",
                  value: { openapi: "3.1.0", info: { title: "Tandem API", version: API_VERSION }, paths: {}, components: {} },
                },
              }),
            ),
            "405": methodNotAllowed("/api/openapi.json", "POST"),
            "500": internal("/api/openapi.json"),
          },
        },
      },
    },
    components: {
      schemas: { ...componentSchemas(requestMeta, "input"), ...componentSchemas(responseMeta, "output") },
      parameters: {
        UserId: {
          name: "id",
          in: "path",
          required: true,
          description: "The person's id.",
          schema: parameterSchema(z.string().min(1)),
          example: EXAMPLE_ID,
        },
        Limit: {
          name: "limit",
          in: "query",
          required: false,
          description: `How many to return: a whole number from 1 to ${PAGE_SIZE.max}. ${PAGE_SIZE.default} when left out.`,
          schema: parameterSchema(z.int().min(1).max(PAGE_SIZE.max).default(PAGE_SIZE.default)),
          example: 50,
        },
        Cursor: {
          name: "cursor",
          in: "query",
          required: false,
          description: "The nextCursor of the previous page, unchanged. Leave it out for the first page.",
          schema: parameterSchema(z.string().min(1)),
          example: exampleCursor,
        },
        IfNoneMatch: {
          name: "If-None-Match",
          in: "header",
          required: false,
          description: "An ETag you read before: when it is still current the answer is 304 with no body.",
          schema: { type: "string" },
          example: '"v1"',
        },
        IfMatch: {
          name: "If-Match",
          in: "header",
          required: false,
          description: "The ETag you read: the change applies only if it is still current, else 412 and nothing changes. Leave it out (or send *) to change the current version.",
          schema: { type: "string" },
          example: '"v3"',
        },
        IdempotencyKey: {
          name: "Idempotency-Key",
          in: "header",
          required: false,
          description: "A key you make up for this request, 1 to 255 visible ASCII characters (a UUID will do). Within 24 hours, the same key and body replays the first answer; the same key with another body is 422.",
          schema: parameterSchema(z.string().min(1).max(255).regex(/^[!-~]+$/)),
          example: "4d7c1a52-0f3e-4b8e-9a61-2c5f8e9d0b17",
        },
        XRequestId: {
          name: "X-Request-Id",
          in: "header",
          required: false,
          description: "Your id for this request, repeated in the answer and the server's log. Used when it is 1 to 128 of A–Z a–z 0–9 . _ : @ -; otherwise the server makes a new one.",
          schema: { type: "string" },
          example: EXAMPLE_REQUEST_ID,
        },
        ...taskParameters(),
      },
      headers: {
        XRequestId: {
          description: "The request's id: the caller's X-Request-Id when it was sane, else a new UUID. Problem bodies repeat it as requestId.",
          required: true,
          schema: { type: "string" },
          example: EXAMPLE_REQUEST_ID,
        },
        ETag: {
          description: "The version of the resource, as an opaque strong entity tag. Send it in If-None-Match to revalidate, or in If-Match to update only this version.",
          required: true,
          schema: { type: "string" },
          example: '"v1"',
        },
        Location: {
          description: "The path of the new resource.",
          required: true,
          schema: { type: "string", format: "uri-reference" },
          example: `/api/users/${EXAMPLE_ID}`,
        },
        Link: {
          description: 'The next page, as `<path>; rel="next"`. Present only when there is one.',
          schema: { type: "string" },
          example: `</api/users?limit=20&cursor=${exampleCursor}>; rel="next"`,
        },
        WWWAuthenticate: {
          description: 'The Bearer challenge: `Bearer realm="tandem"`, with `error="invalid_token"` when a token was sent, or `error="insufficient_scope"` and the scope needed on a 403 for a missing scope.',
          schema: { type: "string" },
          example: 'Bearer realm="tandem", error="invalid_token"',
        },
        Allow: {
          description: "The methods this path accepts.",
          required: true,
          schema: { type: "string" },
          example: "GET, HEAD, POST",
        },
        RetryAfter: {
          description: "Seconds to wait before trying again.",
          schema: { type: "integer", minimum: 0 },
          example: 1,
        },
        RateLimit: {
          description: 'What is left of this token\'s quota: `"per-token";r=<requests left>;t=<seconds until the window resets>` (IETF RateLimit header fields). Sent on every answer to a request with a valid token.',
          schema: { type: "string" },
          example: '"per-token";r=599;t=42',
        },
        RateLimitPolicy: {
          description: 'The quota: `"per-token";q=<requests>;w=<window in seconds>`.',
          schema: { type: "string" },
          example: '"per-token";q=600;w=60',
        },
        IdempotentReplayed: {
          description: "true when this answer is the replay of an earlier request with the same Idempotency-Key; absent otherwise.",
          schema: { type: "string", enum: ["true"] },
          example: "true",
        },
        AcceptPost: {
          description: "The media type the body must have.",
          required: true,
          schema: { type: "string" },
          example: JSON_TYPE,
        },
      },
      securitySchemes: {
        bearerAuth: {
          type: "http",
          scheme: "bearer",
          bearerFormat: `${TOKEN_PREFIX}…`,
          description: `An API token: \`Authorization: Bearer ${TOKEN_PREFIX}…\`. Tokens start with \`${TOKEN_PREFIX}\` so that a leaked one is recognisable; create one under Settings → API tokens. Scopes: read for GET, write for everything else.`,
        },
      },
    },
  };
  return document;
}

let memo: { document: OpenApiDocument; json: string } | undefined;

/** The document, built once per process: it depends only on the code. */
export function openApiDocument(): OpenApiDocument {
  memo ??= (() => {
    const document = buildOpenApiDocument();
    return { document, json: JSON.stringify(document) };
  })();
  return memo.document;
}

/** The document serialized, also once per process. */
export function openApiJson(): string {
  openApiDocument();
  return memo!.json;
}
