import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import { expect, inject } from "vitest";
import { createToken, type Scope } from "#services/tokens.ts";
import { createAdmin, createUser } from "#tests/support/factories.ts";

/**
 * The API client for tests: real HTTP to the production server, and every response checked
 * against /api/openapi.json. A status the document does not list for that operation, or a
 * body that does not match its schema, fails the test.
 */
export const baseUrl = () => inject("baseUrl");

type OpenApi = { paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, unknown> }> }>> };

let documentPromise: Promise<{ doc: OpenApi; ajv: Ajv2020 }> | undefined;
const validators = new Map<string, ValidateFunction>();

function openApi() {
  documentPromise ??= (async () => {
    const response = await fetch(`${baseUrl()}/api/openapi.json`);
    if (!response.ok) throw new Error(`GET /api/openapi.json answered ${response.status}`);
    const doc = (await response.json()) as OpenApi;
    // OpenAPI 3.1 schemas are JSON Schema 2020-12; `example` and friends are not keywords.
    const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
    ajv.addSchema(doc, "openapi");
    return { doc, ajv };
  })();
  return documentPromise;
}

const pointer = (...parts: string[]) =>
  parts.map((part) => encodeURIComponent(part.replace(/~/g, "~0").replace(/\//g, "~1"))).join("/");

export type ApiResponse = { status: number; headers: Headers; body: any; text: string };

export async function checkAgainstDocument(method: string, path: string, response: ApiResponse) {
  const { doc, ajv } = await openApi();
  const template = Object.keys(doc.paths).find((candidate) =>
    new RegExp(`^${candidate.replace(/\{[^}]+\}/g, "[^/]+")}$`).test(path),
  );
  const where = `${method} ${path} → ${response.status}`;
  if (!template) throw new Error(`${where}: the path is not in the OpenAPI document`);
  const operations = doc.paths[template]!;
  // A method the path does not offer is answered 405, documented alike on each of its operations.
  const operationMethod = operations[method.toLowerCase()] ? method.toLowerCase() : response.status === 405 ? Object.keys(operations)[0] : undefined;
  const operation = operationMethod ? operations[operationMethod] : undefined;
  if (!operation || !operationMethod) throw new Error(`${where}: the method is not documented for ${template}`);
  const documented = operation.responses[String(response.status)];
  if (!documented) {
    throw new Error(`${where}: status not documented (documented: ${Object.keys(operation.responses).join(", ")})`);
  }
  if (!documented.content) {
    expect(response.text, `${where}: documented without a body`).toBe("");
    return;
  }
  const mediaType = response.headers.get("content-type")?.split(";")[0] ?? "";
  if (!documented.content[mediaType]) {
    throw new Error(`${where}: content type ${mediaType} not documented (${Object.keys(documented.content).join(", ")})`);
  }
  const key = `${template} ${method} ${response.status} ${mediaType}`;
  let validate = validators.get(key);
  if (!validate) {
    const ref = `openapi#/${pointer("paths", template, operationMethod, "responses", String(response.status), "content", mediaType, "schema")}`;
    validate = ajv.compile({ $ref: ref });
    validators.set(key, validate);
  }
  if (!validate(response.body)) {
    throw new Error(`${where}: body does not match the document: ${ajv.errorsText(validate.errors)}\n${response.text}`);
  }
}

type Options = {
  method?: string;
  token?: string;
  json?: unknown;
  body?: BodyInit;
  headers?: Record<string, string>;
};

export async function api(path: string, { method = "GET", token, json, body, headers = {} }: Options = {}): Promise<ApiResponse> {
  const response = await fetch(`${baseUrl()}${path}`, {
    method,
    redirect: "manual",
    headers: {
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
      ...(json !== undefined ? { "Content-Type": "application/json" } : {}),
      ...headers,
    },
    body: json !== undefined ? JSON.stringify(json) : body,
    // Node's fetch needs this to send a streamed (chunked) body.
    ...(body instanceof ReadableStream ? { duplex: "half" } : {}),
  } as RequestInit);
  const text = await response.text();
  let parsed: unknown = undefined;
  if (text && /json/.test(response.headers.get("content-type") ?? "")) parsed = JSON.parse(text);
  const result = { status: response.status, headers: response.headers, body: parsed as any, text };
  await checkAgainstDocument(method, new URL(path, "http://x").pathname, result);
  expect(response.headers.get("x-request-id"), `${method} ${path}: X-Request-Id`).toBeTruthy();
  return result;
}

/** A problem+json answer with this status, repeating the response's request id. */
export function expectProblem(response: ApiResponse, status: number) {
  expect(response).toBeProblem(status);
  expect(response.body.requestId).toBe(response.headers.get("x-request-id"));
}

/** A person of that role with an API token of those scopes. */
export async function personWithToken(role: "ADMIN" | "MEMBER", scopes: Scope[] = ["write"], name?: string) {
  const user = role === "ADMIN" ? await createAdmin(name ? { name } : {}) : await createUser(name ? { name } : {});
  const { secret, token } = await createToken(user.actor, { name: "test token", scopes });
  return { user, token: secret, tokenId: token.id };
}

export const uniqueEmail = (label: string) => `${label}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@api.test`;
