import { z } from "zod";
import { ForbiddenError, ValidationError } from "../../services/errors.ts";
import { parseInput } from "../../services/validation.ts";
import { BODY_LIMIT_BYTES } from "../body-limit.server.ts";
import { HttpProblem, PROBLEM_CONTENT_TYPE, toHttpProblem, type Problem } from "./problem.server.ts";
import { problemType, problemTypeUri, type ProblemSlug } from "./problem-types.server.ts";

/**
 * The parts every section of the OpenAPI document (openapi.server.ts for the document, users
 * and service; openapi-tasks.server.ts for tasks) builds with: the typing of what is written,
 * the registries that turn described zod schemas into components, the problem schemas, and
 * the helpers that write examples and the responses every operation shares.
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

// ---- Schemas ----

export type Meta = { id?: string; description?: string; examples?: unknown[]; format?: string; title?: string };

/** Descriptions and component ids, kept here rather than on the services' schemas. */
export const requestMeta = z.registry<Meta>();
export const responseMeta = z.registry<Meta>();

export function describe<T extends z.ZodType>(registry: typeof requestMeta, schema: T, meta: Meta): T {
  registry.add(schema, meta);
  return schema;
}

/** Shaped like the ids Tandem makes now (random UUIDs; services/db/ids.ts). */
export const EXAMPLE_ID = "5f0c1d7e-3b2a-4c8e-9d61-2a7b4e9c0f13";
export const EXAMPLE_REQUEST_ID = "0b9f3c2e-6a1d-4c5e-9f7a-3d2b1c0e8f64";

/** A response shape, described for the document. */
export const r = <T extends z.ZodType>(schema: T, meta: Meta) => describe(responseMeta, schema, meta);

export const fieldErrorSchema = r(
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

// What the API sends must be what the schemas say: the sections check their response schemas
// against the services' types with these, so that a field added to a service fails to compile.
type Wire<V> = V extends Date ? string : V;
export type OnTheWire<T> = { [K in keyof T]: Wire<T[K]> };
export type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const problemSchemaMatchesBody: Same<z.output<typeof problemSchema>, Problem> = true;
void problemSchemaMatchesBody;

export const schemaRef = (id: string): SchemaObject => ({ $ref: `#/components/schemas/${id}` });

export function componentSchemas(registry: typeof requestMeta, io: "input" | "output") {
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
export function parameterSchema(schema: z.ZodType): SchemaObject {
  const { $schema: _dialect, ...json } = z.toJSONSchema(schema, { io: "input", target: "draft-2020-12" }) as SchemaObject;
  if (json.maximum === Number.MAX_SAFE_INTEGER) delete json.maximum;
  if (json.minimum === Number.MIN_SAFE_INTEGER) delete json.minimum;
  return json;
}

// ---- Examples (checked against the schemas when the document is built) ----

export function checked<T>(schema: z.ZodType, value: T, io: "input" | "output" = "output"): T {
  const result = schema.safeParse(value);
  if (!result.success) throw new Error(`OpenAPI example does not match its schema (${io}): ${result.error.message}`);
  return value;
}

export const exampleCursor = "WyJHcmFjZSBIb3BwZXIiLCJoOGsybTRuNnA4cTByMnM0dDZ2OHcweDIiXQ.q1VJm7hF0n3sGk2L";

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
export function problem(slug: ProblemSlug, detail: string, instance: string) {
  const type = problemType(slug);
  return checked(problemSchema, problemBody(new HttpProblem(type.status, slug, type.title, detail), instance));
}

/** The problem the API answers for a domain error: the same mapping the routes use. */
export function problemFor(error: Error, instance: string) {
  return checked(problemSchema, problemBody(toHttpProblem(error), instance));
}

/** The 422 a service answers for this input: its own schema's messages. */
export function validationProblemFor(schema: z.ZodType, input: unknown, instance: string) {
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

export const header = (name: string): Reference => ({ $ref: `#/components/headers/${name}` });
export const parameter = (name: string): Reference => ({ $ref: `#/components/parameters/${name}` });

export const JSON_TYPE = "application/json";

export function json(schemaId: string, examples: Record<string, Example>): Record<string, MediaType> {
  return { [JSON_TYPE]: { schema: schemaRef(schemaId), examples } };
}

export type ResponseHeaders = Record<string, HeaderObject | Reference>;

export function success(description: string, content: Record<string, MediaType>, headers: ResponseHeaders = {}): ResponseObject {
  return { description, headers: { "X-Request-Id": header("XRequestId"), ...headers }, content };
}

export function problems(
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

export const notModified = (what: string): ResponseObject => ({
  description: `Not Modified: If-None-Match holds the current ETag, so ${what} has not changed since you read it. No body.`,
  headers: { "X-Request-Id": header("XRequestId"), ETag: header("ETag") },
});

export const unauthorized = (instance: string) =>
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

export const forbidden = (instance: string, adminOnly: string) =>
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

export const methodNotAllowed = (instance: string, method: string) =>
  problems(
    "Method Not Allowed: answered to a method this path does not accept (never to this operation's own). Allow lists the methods it accepts.",
    { method: { summary: "A method the path does not accept", value: problem("method-not-allowed", `${method} is not allowed here.`, instance) } },
    { headers: { Allow: header("Allow") } },
  );

export const payloadTooLarge = (instance: string) =>
  problems(`Content Too Large: the body is over ${BODY_LIMIT_BYTES} bytes. The server stops reading at the limit.`, {
    tooLarge: {
      summary: "A body over the limit",
      value: problem("payload-too-large", `The request body is over the limit of ${BODY_LIMIT_BYTES} bytes.`, instance),
    },
  });

export const unsupportedMediaType = (instance: string) =>
  problems(
    "Unsupported Media Type: the body was not sent as application/json (or another application/*+json type).",
    { notJson: { summary: "A form post", value: problem("unsupported-media-type", "Send the body as application/json.", instance) } },
    { headers: { "Accept-Post": header("AcceptPost") } },
  );

export const tooManyRequests = (instance: string) =>
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

export const internal = (instance: string) =>
  problems("Internal Server Error: a fault on the server. The body reveals nothing about it; quote requestId when you report it.", {
    internal: {
      summary: "A fault on the server",
      value: problem("internal", "Something went wrong on our side. Quote the request id when you report it.", instance),
    },
  });

export const unavailable = (instance: string) =>
  problems(
    "Service Unavailable: the database cannot be written right now (read-only or full, an I/O error, or locked by another process for too long). Nothing was changed; retry after Retry-After seconds.",
    {
      unavailable: {
        summary: "The database refuses writes",
        value: problem("unavailable", "The database cannot be written right now, so nothing was changed. Please try again in a few moments.", instance),
      },
    },
    { headers: { "Retry-After": header("RetryAfter") } },
  );

export const badJson = (instance: string) => ({
  summary: "A body that is not JSON",
  value: problem("bad-request", "The body is not valid JSON: Unexpected token 'e', \"name=Ada\" is not valid JSON", instance),
});
export const emptyBody = (instance: string) => ({
  summary: "An empty body",
  value: problem("bad-request", "The request body is empty; send a JSON object.", instance),
});

export const readScope = "Needs a token with the read scope (every token has it).";
