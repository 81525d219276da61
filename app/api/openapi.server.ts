import { z } from "zod";
import { ConflictError, ForbiddenError, NotFoundError, PreconditionFailedError, ValidationError } from "../../services/errors.ts";
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
import { parseInput } from "../../services/validation.ts";
import { BODY_LIMIT_BYTES } from "./body.server.ts";
import { HttpProblem, PROBLEM_CONTENT_TYPE, toHttpProblem, type Problem } from "./problem.server.ts";
import { problemType, problemTypeUri, type ProblemSlug } from "./problem-types.server.ts";

/**
 * GET /api/openapi.json: the OpenAPI 3.1 description of the API. Request bodies are the very
 * zod schemas the services validate with (converted with io "input"); response shapes are zod
 * schemas defined here and checked against the services' types at compile time. Validation
 * examples are produced by running those schemas, so their messages are the real ones.
 */

// ---- A minimal typing of the parts of OpenAPI 3.1 this module writes and the docs page reads ----

export type SchemaObject = {
  $ref?: string;
  type?: string | string[];
  format?: string;
  description?: string;
  properties?: Record<string, SchemaObject>;
  required?: string[];
  items?: SchemaObject;
  anyOf?: SchemaObject[];
  oneOf?: SchemaObject[];
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  pattern?: string;
  examples?: unknown[];
  additionalProperties?: boolean | SchemaObject;
  [keyword: string]: unknown;
};
export type Reference = { $ref: string };
export type Example = { summary: string; description?: string; value: unknown };
export type MediaType = { schema: SchemaObject; examples?: Record<string, Example> };
export type HeaderObject = { description: string; required?: boolean; schema: SchemaObject; example?: unknown };
export type ParameterObject = {
  name: string;
  in: "path" | "query" | "header";
  description: string;
  required?: boolean;
  schema: SchemaObject;
  example?: unknown;
};
export type ResponseObject = {
  description: string;
  headers?: Record<string, HeaderObject | Reference>;
  content?: Record<string, MediaType>;
};
export type OperationObject = {
  operationId: string;
  summary: string;
  description: string;
  tags: string[];
  security?: Record<string, string[]>[];
  parameters?: (ParameterObject | Reference)[];
  requestBody?: { description: string; required: boolean; content: Record<string, MediaType> };
  responses: Record<string, ResponseObject>;
};
export type HttpMethod = "get" | "post" | "patch" | "put" | "delete";
export type OpenApiDocument = {
  openapi: "3.1.0";
  info: { title: string; version: string; summary: string; description: string };
  externalDocs: { description: string; url: string };
  servers: { url: string; description: string }[];
  security: Record<string, string[]>[];
  tags: { name: string; description: string }[];
  paths: Record<string, Partial<Record<HttpMethod, OperationObject>>>;
  components: {
    schemas: Record<string, SchemaObject>;
    parameters: Record<string, ParameterObject>;
    headers: Record<string, HeaderObject>;
    securitySchemes: Record<string, { type: "http"; scheme: "bearer"; bearerFormat: string; description: string }>;
  };
};

/** The API's own version: minor steps for additions, and there are no other kinds of change. */
export const API_VERSION = "1.0.0";

// ---- Schemas ----

type Meta = { id?: string; description?: string; examples?: unknown[]; format?: string; title?: string };

/** Descriptions and component ids, kept here rather than on the services' schemas. */
const requestMeta = z.registry<Meta>();
const responseMeta = z.registry<Meta>();

function describe<T extends z.ZodType>(registry: typeof requestMeta, schema: T, meta: Meta): T {
  registry.add(schema, meta);
  return schema;
}

const EXAMPLE_ID = "tz4a98xxat96iws9zmbrgj3a";
const EXAMPLE_REQUEST_ID = "0b9f3c2e-6a1d-4c5e-9f7a-3d2b1c0e8f64";

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
const r = <T extends z.ZodType>(schema: T, meta: Meta) => describe(responseMeta, schema, meta);

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

const fieldErrorSchema = r(
  z.object({
    pointer: r(z.string(), {
      description: "A JSON Pointer (RFC 6901) into the request body, such as /email; empty for the body as a whole.",
      examples: ["/email"],
    }),
    detail: r(z.string(), { description: "What is wrong, in words that can be shown to a person." }),
  }),
  { id: "FieldError", description: "One problem with one field of the request body." },
);

/** The members every problem has; examples of the given kind, so each schema reads true. */
const problemFields = (slug: ProblemSlug, instance: string) => ({
  type: r(z.string(), {
    format: "uri-reference",
    description: "Identifies the kind of problem; resolves to its explanation in the Problems section of /api/docs.",
    examples: [problemTypeUri(slug)],
  }),
  title: r(z.string(), { description: "A short summary of the kind of problem.", examples: [problemType(slug).title] }),
  status: r(z.int().min(400).max(599), { description: "The HTTP status code, repeated.", examples: [problemType(slug).status] }),
  detail: r(z.string(), { description: "What went wrong with this request, for a person to read." }),
  instance: r(z.string(), { description: "The path of the request.", examples: [instance] }),
  requestId: r(z.string(), {
    description: "The request's id, as in the X-Request-Id header: quote it when reporting a problem.",
    examples: [EXAMPLE_REQUEST_ID],
  }),
});

export const problemSchema = r(
  z.object({
    ...problemFields("not-found", `/api/users/${EXAMPLE_ID}`),
    errors: r(z.array(fieldErrorSchema), { description: "The fields concerned, when there are any." }).optional(),
  }),
  { id: "Problem", description: "An error, as RFC 9457 problem details (application/problem+json)." },
);

export const validationProblemSchema = r(
  z.object({
    ...problemFields("validation-failed", "/api/users"),
    errors: r(z.array(fieldErrorSchema).min(1), { description: "Each broken rule, one per field." }),
  }),
  { id: "ValidationProblem", description: "A request body that breaks the rules: a problem with the fields concerned." },
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
type OnTheWire<T> = { [K in keyof T]: T[K] extends Date ? string : T[K] };
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const userSchemaMatchesService: Same<z.output<typeof userSchema>, OnTheWire<PublicUser>> = true;
const problemSchemaMatchesBody: Same<z.output<typeof problemSchema>, Problem> = true;
void userSchemaMatchesService;
void problemSchemaMatchesBody;

const schemaRef = (id: string): SchemaObject => ({ $ref: `#/components/schemas/${id}` });

function componentSchemas(registry: typeof requestMeta, io: "input" | "output") {
  const { schemas } = z.toJSONSchema(registry, {
    io,
    target: "draft-2020-12",
    metadata: registry,
    uri: (id) => `#/components/schemas/${id}`,
    override({ jsonSchema }) {
      const json = jsonSchema as SchemaObject;
      // zod's own regular expressions for its formats are noise next to the format itself.
      if (json.format && json.pattern) delete json.pattern;
      // A loose object's "anything else" is simply leaving additionalProperties out.
      if (isEmptyObject(json.additionalProperties)) delete json.additionalProperties;
      // The largest safe integers say nothing to a reader.
      if (json.maximum === Number.MAX_SAFE_INTEGER) delete json.maximum;
      if (json.minimum === Number.MIN_SAFE_INTEGER) delete json.minimum;
    },
  });
  return Object.fromEntries(
    Object.entries(schemas).map(([id, { $schema: _dialect, $id: _id, ...schema }]) => [id, schema as SchemaObject]),
  );
}

const isEmptyObject = (value: unknown) =>
  typeof value === "object" && value !== null && !Array.isArray(value) && Object.keys(value).length === 0;

/** A parameter's schema from zod, without the JSON Schema envelope. */
function parameterSchema(schema: z.ZodType): SchemaObject {
  const { $schema: _dialect, ...json } = z.toJSONSchema(schema, { io: "input", target: "draft-2020-12" }) as SchemaObject;
  if (json.maximum === Number.MAX_SAFE_INTEGER) delete json.maximum;
  if (json.minimum === Number.MIN_SAFE_INTEGER) delete json.minimum;
  return json;
}

// ---- Examples (checked against the schemas when the document is built) ----

function checked<T>(schema: z.ZodType, value: T, io: "input" | "output" = "output"): T {
  const result = schema.safeParse(value);
  if (!result.success) throw new Error(`OpenAPI example does not match its schema (${io}): ${result.error.message}`);
  return value;
}

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

const exampleCursor = "WyJHcmFjZSBIb3BwZXIiLCJoOGsybTRuNnA4cTByMnM0dDZ2OHcweDIiXQ.q1VJm7hF0n3sGk2L";

function problemBody(problem: HttpProblem, instance: string): Problem {
  return {
    type: problemTypeUri(problem.slug as ProblemSlug),
    title: problem.title,
    status: problem.status,
    detail: problem.detail,
    instance,
    requestId: EXAMPLE_REQUEST_ID,
    ...(problem.errors ? { errors: problem.errors } : {}),
  };
}

/** An example of one of the problem types, with the detail this request would get. */
function problem(slug: ProblemSlug, detail: string, instance: string) {
  const type = problemType(slug);
  return checked(problemSchema, problemBody(new HttpProblem(type.status, slug, type.title, detail), instance));
}

/** The problem the API answers for a domain error: the same mapping the routes use. */
function problemFor(error: Error, instance: string) {
  return checked(problemSchema, problemBody(toHttpProblem(error), instance));
}

/** The 422 a service answers for this input: its own schema's messages. */
function validationProblemFor(schema: z.ZodType, input: unknown, instance: string) {
  let error: unknown;
  try {
    parseInput(schema, input);
  } catch (caught) {
    error = caught;
  }
  if (!(error instanceof ValidationError)) throw new Error("The example input is valid; it cannot show a validation problem.");
  return checked(validationProblemSchema, problemBody(toHttpProblem(error), instance));
}

// ---- Reusable pieces ----

const header = (name: string): Reference => ({ $ref: `#/components/headers/${name}` });
const parameter = (name: string): Reference => ({ $ref: `#/components/parameters/${name}` });

const JSON_TYPE = "application/json";

function json(schemaId: string, examples: Record<string, Example>): Record<string, MediaType> {
  return { [JSON_TYPE]: { schema: schemaRef(schemaId), examples } };
}

type ResponseHeaders = Record<string, HeaderObject | Reference>;

function success(description: string, content: Record<string, MediaType>, headers: ResponseHeaders = {}): ResponseObject {
  return { description, headers: { "X-Request-Id": header("XRequestId"), ...headers }, content };
}

function problems(
  description: string,
  examples: Record<string, Example>,
  { headers = {}, schema = schemaRef("Problem") }: { headers?: ResponseHeaders; schema?: SchemaObject } = {},
): ResponseObject {
  return {
    description,
    headers: { "X-Request-Id": header("XRequestId"), ...headers },
    content: { [PROBLEM_CONTENT_TYPE]: { schema, examples } },
  };
}

const notModified = (what: string): ResponseObject => ({
  description: `Not Modified: If-None-Match holds the current ETag, so ${what} has not changed since you read it. No body.`,
  headers: { "X-Request-Id": header("XRequestId"), ETag: header("ETag") },
});

const unauthorized = (instance: string) =>
  problems(
    "Unauthorized: no token, an Authorization header that is not `Bearer <token>`, or a token that is unknown, revoked or expired, or whose owner is deactivated.",
    {
      missing: { summary: "No token", value: problem("unauthorized", "Send an API token: Authorization: Bearer <token>.", instance) },
      invalid: {
        summary: "A token that does not work",
        value: problem("unauthorized", "The token is unknown, revoked or expired, or its owner is deactivated.", instance),
      },
    },
    { headers: { "WWW-Authenticate": header("WWWAuthenticate") } },
  );

const forbidden = (instance: string, adminOnly: string) =>
  problems(
    "Forbidden: the token's owner is not an admin, or the token lacks the write scope (then WWW-Authenticate names the scope).",
    {
      notAdmin: { summary: "A member's token", value: problemFor(new ForbiddenError(adminOnly), instance) },
      readOnlyToken: {
        summary: "A token with only the read scope",
        value: problem("insufficient-scope", 'This token lacks the "write" scope.', instance),
      },
    },
    { headers: { "WWW-Authenticate": header("WWWAuthenticate") } },
  );

const methodNotAllowed = (instance: string, method: string) =>
  problems(
    "Method Not Allowed: answered to a method this path does not accept (never to this operation's own). Allow lists the methods it accepts.",
    { method: { summary: "A method the path does not accept", value: problem("method-not-allowed", `${method} is not allowed here.`, instance) } },
    { headers: { Allow: header("Allow") } },
  );

const payloadTooLarge = (instance: string) =>
  problems(`Content Too Large: the body is over ${BODY_LIMIT_BYTES} bytes. The server stops reading at the limit.`, {
    tooLarge: {
      summary: "A body over the limit",
      value: problem("payload-too-large", `The request body is over the limit of ${BODY_LIMIT_BYTES} bytes.`, instance),
    },
  });

const unsupportedMediaType = (instance: string) =>
  problems(
    "Unsupported Media Type: the body was not sent as application/json (or another application/*+json type).",
    { notJson: { summary: "A form post", value: problem("unsupported-media-type", "Send the body as application/json.", instance) } },
    { headers: { "Accept-Post": header("AcceptPost") } },
  );

const tooManyRequests = (instance: string) =>
  problems(
    "Too Many Requests: this token used up its requests for the current minute. Retry after Retry-After seconds; RateLimit says when the window resets.",
    {
      rateLimited: {
        summary: "Over the per-token limit",
        value: problem("rate-limited", "This token made more than 600 requests in 60 seconds; retry after 42 seconds.", instance),
      },
    },
    {
      headers: { "Retry-After": header("RetryAfter"), RateLimit: header("RateLimit"), "RateLimit-Policy": header("RateLimitPolicy") },
    },
  );

const internal = (instance: string) =>
  problems("Internal Server Error: a fault on the server. The body reveals nothing about it; quote requestId when you report it.", {
    internal: {
      summary: "A fault on the server",
      value: problem("internal", "Something went wrong on our side. Quote the request id when you report it.", instance),
    },
  });

const badJson = (instance: string) => ({
  summary: "A body that is not JSON",
  value: problem("bad-request", "The body is not valid JSON: Unexpected token 'e', \"name=Ada\" is not valid JSON", instance),
});
const emptyBody = (instance: string) => ({
  summary: "An empty body",
  value: problem("bad-request", "The request body is empty; send a JSON object.", instance),
});

const readScope = "Needs a token with the read scope (every token has it).";
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
          },
        },
      },
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
