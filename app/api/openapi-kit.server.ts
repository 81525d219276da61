import { z } from "zod";
import type { oas31, ZodOpenApiComponentsObject } from "zod-openapi";
import { DomainError } from "#services/errors.ts";
import { PAGE_SIZE } from "#services/pagination.ts";
import { TOKEN_PREFIX } from "#services/tokens.ts";
import { parseInput } from "#services/validation.ts";
import { BODY_LIMIT_BYTES } from "#app/body-limit.server.ts";
import { HttpProblem, toHttpProblem, type Problem } from "./problem.server.ts";
import { problemType, problemTypeUri, type ProblemSlug } from "./problem-types.server.ts";
import { queryInput } from "./query.server.ts";

/**
 * What is Tandem's own in the OpenAPI document, and what routes declare their operations with
 * (apiRoute in route.server.ts): the text about the API as a whole, the problem schemas, the
 * parameters and headers endpoints share, and the responses the builder (openapi.server.ts) adds
 * to operations. docs/decisions/0018-openapi-from-code.md.
 */

// ---- What a route declares ----

/** An example: its summary and value. For a problem status the value is the error the API maps. */
export type Example = readonly [summary: string, value: unknown];
export type ResponseDoc = {
  description: string;
  /** A success's body (output); a problem's schema (Problem or ValidationProblem) follows from its examples. */
  schema?: z.ZodType;
  headers?: HeaderName[];
  examples?: Record<string, Example>;
};
export type OperationDoc = {
  operationId: string;
  summary: string;
  description: string;
  /** Query parameters (param("query", ...)), listed before the paging ones. */
  query?: z.ZodType[];
  /** A list a page at a time: limit and cursor, their 400, and Link on the success. */
  paged?: boolean;
  /** A read with an ETag: If-None-Match, and 304 for what is named here ("the task"). */
  notModified?: string;
  /** A write that honours If-Match (its 412 is the operation's own). */
  ifMatch?: boolean;
  /** A POST that honours Idempotency-Key: its 400, 409 and 422 examples and the replay header. */
  idempotent?: boolean;
  /** A JSON body (a service's input schema): its 400, 413 and 415 come with it. */
  body?: { description: string; schema: z.ZodType; examples: Record<string, Example> };
  /** The statuses special to this operation: the builder adds the shared ones (SHARED). */
  responses: Record<number, ResponseDoc>;
};
export type RouteDoc = {
  /** The OpenAPI path, as app/routes.ts serves it ({id} for :id). */
  path: string;
  tag: (typeof TAGS)[number]["name"];
  /** The path parameters (param("path", ...)). */
  params?: z.ZodType[];
};

// ---- The API as a whole ----

/** The API's own version: minor steps for additions, and there are no other kinds of change. */
export const API_VERSION = "1.2.0";
export const READ_SCOPE = "Needs a token with the read scope (every token has it).";
export const ETAG_READ = "Answers with an ETag; send it back in If-None-Match to get 304 while nothing changed.";

export const INFO = {
  title: "Tandem API",
  version: API_VERSION,
  summary: "The JSON API of Tandem, the team task tracker.",
  description: [
    "The JSON API of Tandem, for scripts, mobile apps and integrations. It calls the same services as the web pages, so every rule (who may do what, what a valid value is) is the same at both doors.",
    `**Authentication.** Send an API token in every request: \`Authorization: Bearer ${TOKEN_PREFIX}…\`. Create one in Tandem under Settings → API tokens; the secret is shown once. A token acts as its owner, limited by its scopes: \`read\` for GET, \`write\` for everything else (\`write\` includes \`read\`). Cookies are ignored here. Only this document, /api/docs and /healthz need no token.`,
    "**Errors** are `application/problem+json` (RFC 9457): `type`, `title`, `status`, `detail`, `instance` and `requestId`, and for a body that breaks the rules an `errors` list of `{ pointer, detail }`. Each `type` links to its explanation on /api/docs. A path with no endpoint answers 404, and a method a path does not accept answers 405 with `Allow`.",
    "**Concurrency and retries.** Reads send an `ETag`; send it back in `If-None-Match` to get 304 when nothing changed, or in `If-Match` on an update to apply it only to the version you read (412 otherwise). A task's `PATCH` can merge instead: send `base`, the values you started from, with `If-Match`, and a change against a newer version is merged field by field (409 `edit-conflict` only for fields both changed). A POST with an `Idempotency-Key` runs at most once per key within 24 hours: a retry replays the first answer.",
    `**Lists** come a page at a time: \`limit\` (1–${PAGE_SIZE.max}, default ${PAGE_SIZE.default}) and an opaque \`cursor\`; the body's \`nextCursor\` and a \`Link: <…>; rel="next"\` header lead to the next page.`,
    "**Request ids.** Every answer carries `X-Request-Id` (yours, if you sent a sane one); problem bodies repeat it, and the server's log line for the request shows it.",
    "**Compatibility promise.** Changes to /api are additive only: new endpoints, new optional request fields, new response fields, new problem types. Nothing is removed or renamed, and no field changes its type or meaning. The schemas here describe this version exactly; clients must ignore response fields they do not know, because a later version may add some.",
    "**No CORS.** The API sends no CORS headers, so pages on other origins cannot call it from a browser. Call it from a server, a script or an app.",
  ].join("\n\n"),
};

export const TAGS = [
  { name: "Me", description: "The person a token belongs to." },
  { name: "Users", description: "The people on the team. Everyone can read the team; only admins add or change people." },
  { name: "Tasks", description: "The team's tasks. Everyone can read and create them; the creator, the assignee or an admin can change one; the creator or an admin can delete one. Every change is recorded in the task's activity." },
  { name: "Notifications", description: "What the token's owner should know about: tasks assigned to them, mentions, comments on and status changes of their tasks. Each person reads only their own." },
  { name: "Service", description: "Health and this description of the API. No token needed." },
] as const;

// ---- Example values ----

/** Shaped like the ids Tandem makes now (random UUIDs; services/db/ids.ts). */
export const EXAMPLE_ID = "5f0c1d7e-3b2a-4c8e-9d61-2a7b4e9c0f13";
export const EXAMPLE_REQUEST_ID = "0b9f3c2e-6a1d-4c5e-9f7a-3d2b1c0e8f64";
export const exampleCursor = "WyJHcmFjZSBIb3BwZXIiLCJoOGsybTRuNnA4cTByMnM0dDZ2OHcweDIiXQ.q1VJm7hF0n3sGk2L";

// ---- Schemas ----

/**
 * Describes one of the services' own schemas for the document. zod-openapi reads zod's global
 * registry; this adds to the schema's entry there, which changes nothing in how it validates.
 */
export function describe(schema: z.ZodType, meta: z.GlobalMeta) {
  z.globalRegistry.add(schema, { ...z.globalRegistry.get(schema), ...meta });
}

/** A list's envelope: a page of items, and the cursor to the next. */
export const pageOf = (item: z.ZodType, id: string, description: string, order: string) =>
  z
    .object({
      data: z.array(item).meta({ description: order }),
      nextCursor: z.string().nullable().meta({ description: "Pass as cursor to get the next page; null on the last page." }),
    })
    .meta({ id, description });

const fieldErrorSchema = z
  .object({
    pointer: z.string().meta({ description: "A JSON Pointer (RFC 6901) into the request body, such as /email; empty for the body as a whole.", examples: ["/email"] }),
    detail: z.string().meta({ description: "What is wrong, in words that can be shown to a person." }),
  })
  .meta({ id: "FieldError", description: "One problem with one field of the request body." });

/** The members every problem has; examples of the given kind, so each schema reads true. */
const problemFields = (slug: ProblemSlug, instance: string) => ({
  type: z.string().meta({
    format: "uri-reference",
    description: "Identifies the kind of problem; resolves to its explanation in the Problems section of /api/docs.",
    examples: [problemTypeUri(slug)],
  }),
  title: z.string().meta({ description: "A short summary of the kind of problem.", examples: [problemType(slug).title] }),
  status: z.int().min(400).max(599).meta({ description: "The HTTP status code, repeated.", examples: [problemType(slug).status] }),
  detail: z.string().meta({ description: "What went wrong with this request, for a person to read." }),
  instance: z.string().meta({ description: "The path of the request.", examples: [instance] }),
  requestId: z.string().meta({ description: "The request's id, as in the X-Request-Id header: quote it when reporting a problem.", examples: [EXAMPLE_REQUEST_ID] }),
});

export const problemSchema = z
  .object({
    ...problemFields("not-found", `/api/users/${EXAMPLE_ID}`),
    errors: z.array(fieldErrorSchema).meta({ description: "The fields concerned, when there are any." }).optional(),
  })
  .meta({ id: "Problem", description: "An error, as RFC 9457 problem details (application/problem+json)." });

export const validationProblemSchema = z
  .object({
    ...problemFields("validation-failed", "/api/users"),
    errors: z.array(fieldErrorSchema).min(1).meta({ description: "Each broken rule, one per field." }),
  })
  .meta({ id: "ValidationProblem", description: "A request body that breaks the rules: a problem with the fields concerned." });

// What the API sends must be what the schemas say: response schemas are checked against the
// services' types with these, so that a field added to a service fails to compile.
type Wire<V> = V extends Date ? string : V;
export type OnTheWire<T> = { [K in keyof T]: Wire<T[K]> };
export type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const problemSchemaMatchesBody: Same<z.output<typeof problemSchema>, Problem> = true;
void problemSchemaMatchesBody;

// ---- Examples of problems ----

/** A problem only HTTP knows, as an example value: its status and title from the catalogue. */
export function fail(slug: ProblemSlug, detail: string) {
  const type = problemType(slug);
  return new HttpProblem(type.status, slug, type.title, detail);
}

/** What a service answers for this input (its own schema's messages), and a list for this query string. */
export const invalid = (schema: z.ZodType, input: unknown) => refusal(() => parseInput(schema, input));
export const badQuery = (schema: z.ZodObject, search: string) => refusal(() => queryInput(new Request(`http://tandem.test/?${search}`), schema));

function refusal(run: () => unknown): Error {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError || error instanceof HttpProblem) return error;
    throw error;
  }
  throw new Error("The example input is valid; it cannot show a problem.");
}

/** The body the API answers for this error at this path: the same mapping the routes use. */
export function problemBody(error: unknown, instance: string): Problem {
  const { slug, title, status, detail, errors } = toHttpProblem(error);
  return { type: problemTypeUri(slug as ProblemSlug), title, status, detail, instance, requestId: EXAMPLE_REQUEST_ID, ...(errors && { errors }) };
}

// ---- Parameters and headers endpoints share ----

type ParamMeta = { id: string; name: string; description: string; example: unknown };
/** A parameter as a component: its schema is zod (input); a query or header parameter is optional. */
export const param = (where: "path" | "query" | "header", schema: z.ZodType, meta: ParamMeta) =>
  where === "path" ? schema.meta({ param: { in: where, ...meta } }) : schema.optional().meta({ param: { in: where, required: false, ...meta } });

export const PARAMETERS = {
  Limit: param("query", z.int().min(1).max(PAGE_SIZE.max).default(PAGE_SIZE.default), {
    id: "Limit",
    name: "limit",
    description: `How many to return: a whole number from 1 to ${PAGE_SIZE.max}. ${PAGE_SIZE.default} when left out.`,
    example: 50,
  }),
  Cursor: param("query", z.string().min(1), {
    id: "Cursor",
    name: "cursor",
    description: "The nextCursor of the previous page, unchanged. Leave it out for the first page.",
    example: exampleCursor,
  }),
  IfNoneMatch: param("header", z.string(), {
    id: "IfNoneMatch",
    name: "If-None-Match",
    description: "An ETag you read before: when it is still current the answer is 304 with no body.",
    example: '"v1"',
  }),
  IfMatch: param("header", z.string(), {
    id: "IfMatch",
    name: "If-Match",
    description: "The ETag you read: the change applies only if it is still current, else 412 and nothing changes. Leave it out (or send *) to change the current version.",
    example: '"v3"',
  }),
  IdempotencyKey: param("header", z.string().min(1).max(255).regex(/^[!-~]+$/), {
    id: "IdempotencyKey",
    name: "Idempotency-Key",
    description: "A key you make up for this request, 1 to 255 visible ASCII characters (a UUID will do). Within 24 hours, the same key and body replays the first answer; the same key with another body is 422.",
    example: "4d7c1a52-0f3e-4b8e-9a61-2c5f8e9d0b17",
  }),
  XRequestId: param("header", z.string(), {
    id: "XRequestId",
    name: "X-Request-Id",
    description: "Your id for this request, repeated in the answer and the server's log. Used when it is 1 to 128 of A–Z a–z 0–9 . _ : @ -; otherwise the server makes a new one.",
    example: EXAMPLE_REQUEST_ID,
  }),
};

type HeaderRow = [component: string, description: string, example: unknown, required?: boolean, schema?: oas31.SchemaObject];
/** Response headers by the name they are sent under. */
export const HEADERS = {
  "X-Request-Id": ["XRequestId", "The request's id: the caller's X-Request-Id when it was sane, else a new UUID. Problem bodies repeat it as requestId.", EXAMPLE_REQUEST_ID, true],
  ETag: ["ETag", "The version of the resource, as an opaque strong entity tag. Send it in If-None-Match to revalidate, or in If-Match to update only this version.", '"v1"', true],
  Location: ["Location", "The path of the new resource.", `/api/users/${EXAMPLE_ID}`, true, { type: "string", format: "uri-reference" }],
  Link: ["Link", 'The next page, as `<path>; rel="next"`. Present only when there is one.', `</api/users?limit=20&cursor=${exampleCursor}>; rel="next"`],
  "WWW-Authenticate": ["WWWAuthenticate", 'The Bearer challenge: `Bearer realm="tandem"`, with `error="invalid_token"` when a token was sent, or `error="insufficient_scope"` and the scope needed on a 403 for a missing scope.', 'Bearer realm="tandem", error="invalid_token"'],
  Allow: ["Allow", "The methods this path accepts.", "GET, HEAD, POST", true],
  "Retry-After": ["RetryAfter", "Seconds to wait before trying again.", 1, false, { type: "integer", minimum: 0 }],
  RateLimit: ["RateLimit", 'What is left of this token\'s quota: `"per-token";r=<requests left>;t=<seconds until the window resets>` (IETF RateLimit header fields). Sent on every answer to a request with a valid token.', '"per-token";r=599;t=42'],
  "RateLimit-Policy": ["RateLimitPolicy", 'The quota: `"per-token";q=<requests>;w=<window in seconds>`.', '"per-token";q=600;w=60'],
  "Idempotent-Replayed": ["IdempotentReplayed", "true when this answer is the replay of an earlier request with the same Idempotency-Key; absent otherwise.", "true", false, { type: "string", enum: ["true"] }],
  "Kept-Theirs": ["KeptTheirs", "After a merge (If-Match naming an older version, and base): the fields someone else changed since that version, which keep their value, comma-separated. Absent when nothing of theirs was kept.", "status, dueDate", false],
  "Accept-Post": ["AcceptPost", "The media type the body must have.", "application/json", true],
} satisfies Record<string, HeaderRow>;
export type HeaderName = keyof typeof HEADERS;

export const COMPONENTS: ZodOpenApiComponentsObject = {
  headers: Object.fromEntries(
    Object.values(HEADERS).map(([id, description, example, required, schema = { type: "string" }]: HeaderRow) => [
      id,
      { description, ...(required && { required }), schema, example },
    ]),
  ),
  securitySchemes: {
    bearerAuth: {
      type: "http",
      scheme: "bearer",
      bearerFormat: `${TOKEN_PREFIX}…`,
      description: `An API token: \`Authorization: Bearer ${TOKEN_PREFIX}…\`. Tokens start with \`${TOKEN_PREFIX}\` so that a leaked one is recognisable; create one under Settings → API tokens. Scopes: read for GET, write for everything else.`,
    },
  },
};

// ---- The responses operations share ----

type Shared = Record<number, ResponseDoc>;
/** A shared problem response; each example is [summary, problem type, detail]. */
const problem = (description: string, headers: HeaderName[], examples: Record<string, [string, ProblemSlug, string]>): ResponseDoc => ({
  description,
  headers,
  examples: Object.fromEntries(Object.entries(examples).map(([name, [summary, slug, detail]]) => [name, [summary, fail(slug, detail)]])),
});
const unreadable = "Bad Request: the body is empty, not UTF-8 or not JSON";

/**
 * What brings which responses: the builder merges the pieces an operation has (a later piece's
 * description wins) and then the operation's own (whose description wins, whose examples come first).
 */
export const SHARED = {
  paged: {
    400: problem(`Bad Request: limit is not a whole number from 1 to ${PAGE_SIZE.max}, or cursor is empty, does not decode or was altered.`, [], {
      badLimit: ["limit out of range", "bad-request", `limit must be a whole number from 1 to ${PAGE_SIZE.max}.`],
      badCursor: ["An altered cursor", "bad-request", "The cursor is not valid: start again from the first page."],
    }),
  },
  body: {
    400: problem(`${unreadable}.`, [], {
      badJson: ["A body that is not JSON", "bad-request", "The body is not valid JSON: Unexpected token 'e', \"name=Ada\" is not valid JSON"],
      emptyBody: ["An empty body", "bad-request", "The request body is empty; send a JSON object."],
    }),
    413: problem(`Content Too Large: the body is over ${BODY_LIMIT_BYTES} bytes. The server stops reading at the limit.`, [], {
      tooLarge: ["A body over the limit", "payload-too-large", `The request body is over the limit of ${BODY_LIMIT_BYTES} bytes.`],
    }),
    415: problem("Unsupported Media Type: the body was not sent as application/json (or another application/*+json type).", ["Accept-Post"], {
      notJson: ["A form post", "unsupported-media-type", "Send the body as application/json."],
    }),
  },
  idempotent: {
    400: problem(`${unreadable}, or the Idempotency-Key is not 1 to 255 visible ASCII characters.`, [], {
      badIdempotencyKey: ["An unusable Idempotency-Key", "bad-request", "Idempotency-Key must be 1 to 255 visible ASCII characters."],
    }),
    409: problem("Conflict: a request with the same Idempotency-Key is still running. Retry after Retry-After seconds to get its answer.", ["Retry-After"], {
      keyInUse: ["The same Idempotency-Key is still being processed", "idempotency-key-in-use", "A request with this Idempotency-Key is still being processed; retry shortly."],
    }),
    422: problem("Unprocessable Content: the Idempotency-Key was already used with another body.", [], {
      keyReused: ["An Idempotency-Key used before with another body", "idempotency-key-reused", "This Idempotency-Key was already used with a different request body."],
    }),
  },
  // A token is checked against the database, so an operation that needs one can answer 503.
  token: {
    401: problem("Unauthorized: no token, an Authorization header that is not `Bearer <token>`, or a token that is unknown, revoked or expired, or whose owner is deactivated.", ["WWW-Authenticate"], {
      missing: ["No token", "unauthorized", "Send an API token: Authorization: Bearer <token>."],
      invalid: ["A token that does not work", "unauthorized", "The token is unknown, revoked or expired, or its owner is deactivated."],
    }),
    429: problem("Too Many Requests: this token used up its requests for the current minute. Retry after Retry-After seconds; RateLimit says when the window resets.", ["Retry-After", "RateLimit", "RateLimit-Policy"], {
      rateLimited: ["Over the per-token limit", "rate-limited", "This token made more than 600 requests in 60 seconds; retry after 42 seconds."],
    }),
    503: problem("Service Unavailable: the database cannot be written right now (read-only or full, an I/O error, or locked by another process for too long). Nothing was changed; retry after Retry-After seconds.", ["Retry-After"], {
      unavailable: ["The database refuses writes", "unavailable", "The database cannot be written right now, so nothing was changed. Please try again in a few moments."],
    }),
  },
  write: {
    403: problem("Forbidden: the token lacks the write scope (WWW-Authenticate names it).", ["WWW-Authenticate"], {
      readOnlyToken: ["A token with only the read scope", "insufficient-scope", 'This token lacks the "write" scope.'],
    }),
  },
  always: (otherMethod: string): Shared => ({
    405: problem("Method Not Allowed: answered to a method this path does not accept (never to this operation's own). Allow lists the methods it accepts.", ["Allow"], {
      method: ["A method the path does not accept", "method-not-allowed", `${otherMethod} is not allowed here.`],
    }),
    500: problem("Internal Server Error: a fault on the server. The body reveals nothing about it; quote requestId when you report it.", [], {
      internal: ["A fault on the server", "internal", "Something went wrong on our side. Quote the request id when you report it."],
    }),
  }),
} satisfies Record<string, Shared | ((otherMethod: string) => Shared)>;
