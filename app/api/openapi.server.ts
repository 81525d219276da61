import { z } from "zod";
import { createDocument, type ZodOpenApiOperationObject, type ZodOpenApiResponseObject } from "zod-openapi";
import { PROBLEM_CONTENT_TYPE, type Problem } from "./problem.server.ts";
import {
  COMPONENTS,
  HEADERS,
  INFO,
  PARAMETERS,
  problemBody,
  problemSchema,
  SHARED,
  TAGS,
  validationProblemSchema,
  type Example,
  type HeaderName,
  type OperationDoc,
  type ResponseDoc,
  type RouteDoc,
} from "./openapi-kit.server.ts";

/**
 * GET /api/openapi.json: the OpenAPI 3.1 description of the API, built from what each route
 * declares beside its handler (apiRoute in route.server.ts): its schemas (the services' own zod
 * schemas for bodies), examples, and the statuses special to it. This adds the parameters and
 * responses operations share (openapi-kit.server.ts), checks every example against its schema,
 * and has zod-openapi turn the zod schemas into components. docs/decisions/0018-openapi-from-code.md.
 */

type Method = "GET" | "POST" | "PATCH" | "PUT" | "DELETE";
/** A route as apiRoute records it on its loader. */
export type DescribedRoute = RouteDoc & { authenticated: boolean; operations: Partial<Record<Method, OperationDoc>> };

// ---- The document as built: what the docs page and the tests read ----

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
  pattern?: string;
  [keyword: string]: unknown;
} & Partial<Record<"minLength" | "maxLength" | "minimum" | "maximum" | "minItems", number>>;
export type Reference = { $ref: string };
export type MediaType = { schema: SchemaObject; examples?: Record<string, { summary: string; value: unknown }> };
export type HeaderObject = { description: string; required?: boolean; schema: SchemaObject; example?: unknown };
export type ParameterObject = HeaderObject & { name: string; in: "path" | "query" | "header" };
export type ResponseObject = { description: string; headers?: Record<string, HeaderObject | Reference>; content?: Record<string, MediaType> };
export type OperationObject = Pick<OperationDoc, "operationId" | "summary" | "description"> & {
  tags: string[];
  security?: Record<string, string[]>[];
  parameters?: (ParameterObject | Reference)[];
  requestBody?: { description: string; required: boolean; content: Record<string, MediaType> };
  responses: Record<string, ResponseObject>;
};
export type HttpMethod = "get" | "post" | "put" | "patch" | "delete";
export type OpenApiDocument = {
  openapi: "3.1.0";
  info: typeof INFO;
  security: Record<string, string[]>[];
  tags: { name: string; description: string }[];
  paths: Record<string, Partial<Record<HttpMethod, OperationObject>>>;
  components: {
    schemas: Record<string, SchemaObject>;
    parameters: Record<string, ParameterObject>;
    headers: Record<string, HeaderObject>;
    securitySchemes: Record<string, { type: "http"; scheme: "bearer"; bearerFormat: string; description: string }>;
  };
  [field: string]: unknown;
};

// ---- Building it ----

const METHODS: HttpMethod[] = ["get", "post", "put", "patch", "delete"];

/** The routes that describe operations, in the order of their tags, then shallower paths first. */
function describedRoutes(): DescribedRoute[] {
  // Read when the document is built, not when this module loads: the document's own route
  // imports this module, so while it loads its exports are not ready yet.
  const modules = import.meta.glob<{ loader?: { openapi?: DescribedRoute } }>(["../routes/api.*.ts", "../routes/healthz.ts"], { eager: true });
  const rank = (route: DescribedRoute) => TAGS.findIndex(({ name }) => name === route.tag) * 100 + route.path.split("/").length;
  return Object.values(modules)
    .flatMap((module) => (module.loader?.openapi ? [module.loader.openapi] : []))
    .sort((a, b) => rank(a) - rank(b) || a.path.localeCompare(b.path));
}

function buildOpenApiDocument(): OpenApiDocument {
  const paths = describedRoutes().map((route) => {
    const methods = METHODS.filter((method) => route.operations[upper(method)]);
    // For the 405 example: a method this path does not accept.
    const other = methods.length === 1 ? "POST" : ["DELETE", "PUT"].find((method) => !route.operations[method as Method])!;
    // Problem examples show the path with the path parameters' examples in it.
    const params = (route.params ?? []).map((param) => z.globalRegistry.get(param)?.param as { name: string; example: unknown });
    const examples = Object.fromEntries(params.map(({ name, example }) => [name, example]));
    const instance = route.path.replace(/\{(\w+)\}/g, (_, name: string) => String(examples[name]));
    return [route.path, Object.fromEntries(methods.map((method) => [method, operation(route, method, instance, other)]))];
  });
  const document = createDocument(
    {
      openapi: "3.1.0",
      info: INFO,
      externalDocs: { description: "The same reference as a page, with curl examples and every problem type explained.", url: "/api/docs" },
      servers: [{ url: "/", description: "The Tandem server that serves this document." }],
      security: [{ bearerAuth: [] }],
      tags: [...TAGS],
      paths: Object.fromEntries(paths),
      components: COMPONENTS,
    },
    {
      override({ jsonSchema }) {
        // zod's own regular expressions for its formats are noise next to the format itself.
        if (jsonSchema.format && jsonSchema.pattern) delete jsonSchema.pattern;
        // A loose object's "anything else" is simply leaving additionalProperties out.
        const extra = jsonSchema.additionalProperties;
        if (typeof extra === "object" && Object.keys(extra).length === 0) delete jsonSchema.additionalProperties;
        // The largest safe integers say nothing to a reader.
        if (jsonSchema.maximum === Number.MAX_SAFE_INTEGER) delete jsonSchema.maximum;
        if (jsonSchema.minimum === Number.MIN_SAFE_INTEGER) delete jsonSchema.minimum;
      },
    },
  );
  return document as unknown as OpenApiDocument;
}

const upper = (method: HttpMethod) => method.toUpperCase() as Method;

function operation(route: DescribedRoute, method: HttpMethod, instance: string, otherMethod: string): ZodOpenApiOperationObject {
  const doc = route.operations[upper(method)]!;
  const { paged, body, idempotent, notModified, ifMatch } = doc;
  const write = method !== "get";
  const shared = [paged && SHARED.paged, body && SHARED.body, idempotent && SHARED.idempotent, route.authenticated && SHARED.token];
  const merged: Record<number, ResponseDoc> = {};
  for (const piece of [...shared, route.authenticated && write && SHARED.write, SHARED.always(otherMethod), doc.responses]) {
    const own = piece === doc.responses;
    for (const [status, response] of Object.entries(piece || {})) {
      const before = merged[Number(status)];
      merged[Number(status)] = {
        ...response,
        description: own ? response.description : response.description || before!.description,
        headers: [...new Set([...(own ? (response.headers ?? []) : []), ...(before?.headers ?? []), ...(response.headers ?? [])])],
        examples: own ? { ...response.examples, ...before?.examples } : { ...before?.examples, ...response.examples },
      };
    }
  }
  const responses: Record<number, ZodOpenApiResponseObject> = {};
  for (const [status, response] of Object.entries(merged)) {
    responses[Number(status)] = Number(status) >= 400 ? problemResponse(instance, response) : success(doc, Number(status), response);
  }
  if (notModified) {
    const description = `Not Modified: If-None-Match holds the current ETag, so ${notModified} has not changed since you read it. No body.`;
    responses[304] = { description, headers: headerRefs(["ETag"]) };
  }
  const { IfNoneMatch, IfMatch, IdempotencyKey, Limit, Cursor, XRequestId } = PARAMETERS;
  const parameters = [...(route.params ?? []), ...(doc.query ?? []), ...(paged ? [Limit, Cursor] : [])];
  parameters.push(...(notModified ? [IfNoneMatch] : []), ...(ifMatch ? [IfMatch] : []), ...(idempotent ? [IdempotencyKey] : []), XRequestId);
  return {
    operationId: doc.operationId,
    summary: doc.summary,
    description: doc.description,
    tags: [route.tag],
    ...(!route.authenticated && { security: [] }),
    parameters,
    ...(body && {
      requestBody: {
        description: body.description,
        required: true,
        content: { "application/json": { schema: body.schema, examples: examples(body.schema, body.examples) } },
      },
    }),
    responses,
  };
}

const headerRefs = (names: HeaderName[]) =>
  Object.fromEntries(["X-Request-Id" as const, ...names].map((name) => [name, { $ref: `#/components/headers/${HEADERS[name][0]}` }]));

function success(doc: OperationDoc, status: number, { description, schema, headers = [], examples: values = {} }: ResponseDoc): ZodOpenApiResponseObject {
  const replayed = doc.idempotent && status === 201 ? (["Idempotent-Replayed"] as const) : [];
  return {
    description,
    headers: headerRefs([...headers, ...(doc.paged ? (["Link"] as const) : []), ...replayed]),
    ...(schema && { content: { "application/json": { schema, examples: examples(schema, values) } } }),
  };
}

/** A problem response: its examples' bodies at this path, as Problem or ValidationProblem. */
function problemResponse(instance: string, { description, headers = [], examples: values = {} }: ResponseDoc): ZodOpenApiResponseObject {
  const bodies = Object.entries(values).map(([name, [summary, error]]): [string, Example] => [name, [summary, problemBody(error, instance)]]);
  const kind = ([, [, body]]: [string, Example]) => ((body as Problem).status === 422 && (body as Problem).errors ? validationProblemSchema : problemSchema);
  const schemas = [...new Set(bodies.map(kind))];
  const schema = schemas.length === 1 ? schemas[0]! : z.union(schemas);
  return { description, headers: headerRefs(headers), content: { [PROBLEM_CONTENT_TYPE]: { schema, examples: examples(schema, Object.fromEntries(bodies)) } } };
}

/** Examples as OpenAPI writes them, each checked against its schema when the document is built. */
function examples(schema: z.ZodType, values: Record<string, Example>) {
  return Object.fromEntries(
    Object.entries(values).map(([name, [summary, value]]) => {
      const result = schema.safeParse(value);
      if (!result.success) throw new Error(`OpenAPI example ${name} does not match its schema: ${result.error.message}`);
      return [name, { summary, value }];
    }),
  );
}

let memo: { document: OpenApiDocument; json: string } | undefined;

/** The document, built once per process: it depends only on the code. */
export function openApiDocument(): OpenApiDocument {
  if (!memo) {
    const document = buildOpenApiDocument();
    memo = { document, json: JSON.stringify(document) };
  }
  return memo.document;
}

/** The document serialized, also once per process. */
export function openApiJson(): string {
  openApiDocument();
  return memo!.json;
}
