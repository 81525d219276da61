import type { ApiDocsModel, DocsField, DocsOperation, DocsParameter, DocsResponse } from "#app/components/api-docs.tsx";
import type { HeaderObject, HttpMethod, MediaType, OpenApiDocument, OperationObject, ParameterObject, Reference, SchemaObject } from "./openapi.server.ts";
import { PROBLEM_TYPES } from "./problem-types.server.ts";

/**
 * Shapes the OpenAPI document into what the /api/docs page shows: every operation with its
 * parameters, body fields, responses and a curl command built from the document's examples.
 * Everything on the page comes from the document, so the two cannot disagree.
 */
export const DOCS_EXAMPLE_ORIGIN = "http://localhost:3000";

const METHODS: HttpMethod[] = ["get", "post", "put", "patch", "delete"];

export function apiDocsModel(document: OpenApiDocument, origin = DOCS_EXAMPLE_ORIGIN): ApiDocsModel {
  const resolve = resolver(document);
  const operations = Object.entries(document.paths).flatMap(([path, item]) =>
    METHODS.flatMap((method) => (item[method] ? [{ path, method, operation: item[method] }] : [])),
  );

  return {
    title: document.info.title,
    version: document.info.version,
    intro: document.info.description.split(/\n{2,}/),
    documentPath: "/api/openapi.json",
    sections: document.tags.map((tag) => ({
      name: tag.name,
      description: tag.description,
      operations: operations
        .filter(({ operation }) => operation.tags[0] === tag.name)
        .map((located) => describeOperation(document, resolve, located, origin)),
    })),
    schemas: Object.entries(document.components.schemas).map(([name, schema]) => ({
      name,
      description: schema.description ?? "",
      fields: fieldsOf(schema, resolve),
    })),
    problems: PROBLEM_TYPES.map(({ slug, status, title, explanation }) => ({ slug, status, title, explanation })),
  };
}

type Resolve = <T>(value: T | Reference) => T;

function resolver(document: OpenApiDocument): Resolve {
  return <T,>(value: T | Reference): T => {
    if (typeof value !== "object" || value === null || !("$ref" in value) || typeof value.$ref !== "string") return value as T;
    const target = value.$ref
      .replace(/^#\//, "")
      .split("/")
      .reduce<unknown>((node, key) => (node as Record<string, unknown>)[key.replace(/~1/g, "/").replace(/~0/g, "~")], document);
    if (target === undefined) throw new Error(`Unresolved $ref ${value.$ref}`);
    return target as T;
  };
}

type Located = { path: string; method: HttpMethod; operation: OperationObject };

function describeOperation(document: OpenApiDocument, resolve: Resolve, { path, method, operation }: Located, origin: string): DocsOperation {
  const security = operation.security ?? document.security;
  const isPublic = security.length === 0;
  const parameters = (operation.parameters ?? []).map((parameter) => resolve<ParameterObject>(parameter));
  const body = operation.requestBody;
  const bodyMedia = body ? Object.entries(body.content)[0] : undefined;

  return {
    id: operation.operationId,
    method: method.toUpperCase(),
    path,
    summary: operation.summary,
    description: operation.description,
    auth: isPublic ? "none: this endpoint needs no token." : "a bearer token (Authorization: Bearer tdm_…).",
    parameters: parameters.map((parameter): DocsParameter => ({
      name: parameter.name,
      in: parameter.in,
      required: parameter.required ?? false,
      type: typeName(parameter.schema),
      description: parameter.description,
      rules: rulesOf(parameter.schema),
    })),
    requestBody:
      body && bodyMedia
        ? {
            description: body.description,
            contentType: bodyMedia[0],
            schema: typeName(bodyMedia[1].schema),
            fields: fieldsOf(resolve(bodyMedia[1].schema), resolve),
            examples: examplesOf(bodyMedia[1]),
          }
        : null,
    responses: Object.entries(operation.responses).map(([status, response]): DocsResponse => {
      const media = response.content ? Object.entries(response.content)[0] : undefined;
      return {
        status,
        description: response.description,
        contentType: media?.[0] ?? null,
        schema: media ? typeName(media[1].schema) : null,
        headers: Object.entries(response.headers ?? {}).map(([name, header]) => ({
          name,
          description: resolve<HeaderObject>(header).description,
        })),
        examples: media ? examplesOf(media[1]) : [],
      };
    }),
    curl: curlFor(method, path, parameters, isPublic, bodyMedia?.[1], origin),
  };
}

function examplesOf(media: MediaType) {
  return Object.entries(media.examples ?? {}).map(([name, example]) => ({
    name,
    summary: example.summary,
    json: JSON.stringify(example.value, null, 2),
  }));
}

function fieldsOf(schema: SchemaObject, resolve: Resolve): DocsField[] {
  const object = resolve<SchemaObject>(schema);
  const required = new Set(object.required ?? []);
  return Object.entries(object.properties ?? {}).map(([name, property]) => ({
    name,
    type: typeName(property),
    required: required.has(name),
    description: property.description ?? resolve<SchemaObject>(property).description ?? "",
    rules: rulesOf(property),
  }));
}

/** A schema as a short type: "string (email)", "array of User", "string or null". */
function typeName(schema: SchemaObject): string {
  if (schema.$ref) return schema.$ref.split("/").at(-1)!;
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives) return alternatives.map(typeName).join(" or ");
  if (Array.isArray(schema.type)) return schema.type.join(" or ");
  if (schema.type === "array" && schema.items) return `array of ${typeName(schema.items)}`;
  const type = schema.type ?? "any";
  return schema.format ? `${type} (${schema.format})` : type;
}

/** The constraints a reader needs: lengths, ranges, allowed values, defaults. */
function rulesOf(schema: SchemaObject): string[] {
  const rules: string[] = [];
  const range = (min: number | undefined, max: number | undefined, unit: string) => {
    if (min !== undefined && max !== undefined) rules.push(`${min}–${max}${unit}`);
    else if (min !== undefined) rules.push(`at least ${min}${unit}`);
    else if (max !== undefined) rules.push(`at most ${max}${unit}`);
  };
  range(schema.minLength, schema.maxLength, " characters");
  range(schema.minimum, schema.maximum, "");
  if (schema.minItems !== undefined) rules.push(`at least ${schema.minItems} item${schema.minItems === 1 ? "" : "s"}`);
  if (schema.enum) rules.push(`one of ${schema.enum.map(String).join(", ")}`);
  if (schema.const !== undefined) rules.push(`always ${JSON.stringify(schema.const)}`);
  if (schema.pattern) rules.push(`matches ${schema.pattern}`);
  if (schema.default !== undefined) rules.push(`default ${String(schema.default)}`);
  return rules;
}

/** The headers a curl example sends besides authentication: the ones that make writes safe. */
const CURL_HEADERS = new Set(["Idempotency-Key", "If-Match"]);

function curlFor(method: HttpMethod, path: string, parameters: ParameterObject[], isPublic: boolean, body: MediaType | undefined, origin: string) {
  const url =
    origin +
    path.replace(/\{([^}]+)\}/g, (_match, name: string) => {
      const parameter = parameters.find((candidate) => candidate.in === "path" && candidate.name === name);
      return encodeURIComponent(String(parameter?.example ?? name));
    });
  const bodyExample = body ? Object.values(body.examples ?? {})[0]?.value : undefined;

  const args: string[] = [];
  // curl posts when given -d; any other method with a body, or without one, says so.
  if (method !== "get" && !(method === "post" && bodyExample !== undefined)) args.push(`-X ${method.toUpperCase()}`);
  if (!isPublic) args.push(`-H "Authorization: Bearer $TANDEM_TOKEN"`);
  if (bodyExample !== undefined) args.push(`-H ${quote("Content-Type: application/json")}`);
  for (const parameter of parameters) {
    if (parameter.in === "header" && CURL_HEADERS.has(parameter.name) && parameter.example !== undefined) {
      args.push(`-H ${quote(`${parameter.name}: ${String(parameter.example)}`)}`);
    }
  }
  if (bodyExample !== undefined) args.push(`-d ${quote(JSON.stringify(bodyExample))}`);
  args.push(url);
  return args.length <= 2 ? `curl ${args.join(" ")}` : `curl ${args.join(" \\\n  ")}`;
}

/** Shell quoting: double quotes where nothing in the text is special to the shell, else single. */
function quote(text: string) {
  if (!/["$`\\!]/.test(text)) return `"${text}"`;
  return `'${text.replace(/'/g, `'\\''`)}'`;
}
