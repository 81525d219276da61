import { execFile } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { Ajv2020 } from "ajv/dist/2020.js";
import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { afterAll, describe, expect, it } from "vitest";
import { apiDocsModel } from "#app/api/docs-model.server.ts";
import { openApiDocument, type OpenApiDocument, type SchemaObject } from "#app/api/openapi.server.ts";
import { PROBLEM_TYPES } from "#app/api/problem-types.server.ts";
import { ApiDocs } from "#app/components/api-docs.tsx";
import * as docsRoute from "#app/routes/api.docs.tsx";
import * as openApiRoute from "#app/routes/api.openapi[.]json.ts";
import routes from "#app/routes.ts";
import { getRequest, run } from "#tests/support/http.ts";

/**
 * The OpenAPI document (docs/design.md §4): built in-process, linted clean by Redocly's CLI with
 * redocly.yaml, complete (every status each operation can answer), and usable by the API
 * tests' validator. And the /api/docs page drawn from it.
 */
const document = openApiDocument();
const METHODS = ["get", "post", "put", "patch", "delete"] as const;

const operations = Object.entries(document.paths).flatMap(([route, item]) =>
  METHODS.flatMap((method) => (item[method] ? [{ route, method, operation: item[method]! }] : [])),
);
const responses = operations.flatMap(({ route, method, operation }) =>
  Object.entries(operation.responses).map(([status, response]) => ({ where: `${method.toUpperCase()} ${route} ${status}`, status, response })),
);

describe("the OpenAPI document", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "tandem-openapi-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("passes Redocly's lint with redocly.yaml: no errors, no warnings", async () => {
    const file = path.join(dir, "openapi.json");
    writeFileSync(file, JSON.stringify(document, null, 2));
    const { stdout } = await promisify(execFile)(
      path.resolve("node_modules/.bin/redocly"),
      ["lint", "--config", path.resolve("redocly.yaml"), "--format", "json", file],
      { env: { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true" } },
    ).catch((error: { stdout?: string; message: string }) => {
      throw new Error(`redocly lint failed: ${error.stdout ?? error.message}`);
    });
    const report = JSON.parse(stdout) as { totals: { errors: number; warnings: number }; problems: unknown[] };
    expect(report.problems, JSON.stringify(report.problems, null, 2)).toEqual([]);
    expect(report.totals).toMatchObject({ errors: 0, warnings: 0 });
  }, 60_000);

  it("is OpenAPI 3.1 with the bearer scheme applied globally and lifted only on public operations", () => {
    expect(document.openapi).toBe("3.1.0");
    expect(document.info.description).toMatch(/additive/i);
    expect(document.info.description).toMatch(/No CORS/);
    expect(document.servers).toEqual([expect.objectContaining({ url: "/" })]);
    expect(document.components.securitySchemes.bearerAuth).toMatchObject({ type: "http", scheme: "bearer" });
    expect(document.components.securitySchemes.bearerAuth!.description).toContain("tdm_");
    expect(document.security).toEqual([{ bearerAuth: [] }]);
    const publicOperations = operations.filter(({ operation }) => operation.security !== undefined).map(({ route }) => route);
    expect(publicOperations.sort()).toEqual(["/api/openapi.json", "/healthz"]);
    for (const { operation } of operations.filter(({ operation }) => operation.security)) expect(operation.security).toEqual([]);
  });

  it("gives every operation a unique operationId, a summary, a description and a known tag", () => {
    const ids = operations.map(({ operation }) => operation.operationId);
    expect(ids.every(Boolean)).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    const tags = new Set(document.tags.map((tag) => tag.name));
    for (const { operation } of operations) {
      expect(operation.summary).toBeTruthy();
      expect(operation.description).toBeTruthy();
      expect(operation.tags.every((tag) => tags.has(tag))).toBe(true);
    }
  });

  it("documents every status each operation can answer, and no other", () => {
    const statuses = Object.fromEntries(operations.map(({ route, method, operation }) => [`${method.toUpperCase()} ${route}`, Object.keys(operation.responses)]));
    // 405 is documented on every operation: any path answers it (with Allow) to a method it does not accept.
    // 503 on every operation that touches the database: it cannot be written right now (read-only, full, locked).
    expect(statuses).toEqual({
      "GET /api/me": ["200", "304", "401", "405", "429", "500", "503"],
      "GET /api/users": ["200", "400", "401", "405", "429", "500", "503"],
      "POST /api/users": ["201", "400", "401", "403", "405", "409", "413", "415", "422", "429", "500", "503"],
      "GET /api/users/{id}": ["200", "304", "401", "404", "405", "429", "500", "503"],
      "PATCH /api/users/{id}": ["200", "400", "401", "403", "404", "405", "409", "412", "413", "415", "422", "429", "500", "503"],
      "GET /api/invitations": ["200", "401", "403", "405", "429", "500", "503"],
      "POST /api/invitations": ["201", "400", "401", "403", "405", "413", "415", "422", "429", "500", "503"],
      "DELETE /api/invitations/{id}": ["204", "401", "403", "404", "405", "409", "429", "500", "503"],
      "POST /api/users/{id}/password-reset": ["201", "401", "403", "404", "405", "409", "429", "500", "503"],
      "GET /api/tasks": ["200", "400", "401", "405", "429", "500", "503"],
      "POST /api/tasks": ["201", "400", "401", "403", "405", "409", "413", "415", "422", "429", "500", "503"],
      "GET /api/tasks/{id}": ["200", "304", "401", "404", "405", "429", "500", "503"],
      "PATCH /api/tasks/{id}": ["200", "400", "401", "403", "404", "405", "409", "412", "413", "415", "422", "429", "500", "503"],
      "DELETE /api/tasks/{id}": ["204", "401", "403", "404", "405", "412", "429", "500", "503"],
      "GET /api/tasks/{id}/activity": ["200", "401", "404", "405", "429", "500", "503"],
      "POST /api/tasks/{id}/take": ["200", "401", "403", "404", "405", "409", "412", "429", "500", "503"],
      "POST /api/tasks/{id}/release": ["200", "401", "403", "404", "405", "412", "429", "500", "503"],
      "GET /api/tasks/{id}/comments": ["200", "400", "401", "404", "405", "429", "500", "503"],
      "POST /api/tasks/{id}/comments": ["201", "400", "401", "403", "404", "405", "409", "413", "415", "422", "429", "500", "503"],
      "GET /api/comments/{id}": ["200", "304", "401", "404", "405", "429", "500", "503"],
      "PATCH /api/comments/{id}": ["200", "400", "401", "403", "404", "405", "412", "413", "415", "422", "429", "500", "503"],
      "DELETE /api/comments/{id}": ["204", "401", "403", "404", "405", "412", "429", "500", "503"],
      "GET /api/notifications": ["200", "400", "401", "405", "429", "500", "503"],
      "POST /api/notifications/read": ["200", "400", "401", "403", "405", "413", "415", "422", "429", "500", "503"],
      "GET /healthz": ["200", "405", "500", "503"],
      "GET /api/openapi.json": ["200", "405", "500"],
    });
  });

  it("describes every response, with X-Request-Id, and a content schema that is never empty", () => {
    for (const { where, status, response } of responses) {
      expect(response.description, where).toBeTruthy();
      expect(response.headers?.["X-Request-Id"], where).toBeDefined();
      if (status === "304" || status === "204") {
        expect(response.content, `${where} has no body`).toBeUndefined();
        continue;
      }
      expect(response.content, where).toBeDefined();
      for (const [type, media] of Object.entries(response.content!)) {
        expect(isEmptySchema(media.schema), `${where} ${type}: empty schema`).toBe(false);
        expect(Object.keys(media.examples ?? {}).length, `${where} ${type}: examples`).toBeGreaterThan(0);
      }
    }
    for (const [name, schema] of Object.entries(document.components.schemas)) {
      expect(isEmptySchema(schema), name).toBe(false);
    }
  });

  it("answers every 4xx and 5xx with application/problem+json and a Problem schema", () => {
    const problemSchemas = new Set(["#/components/schemas/Problem", "#/components/schemas/ValidationProblem"]);
    for (const { where, status, response } of responses.filter(({ status }) => Number(status) >= 400)) {
      expect(Object.keys(response.content ?? {}), where).toEqual(["application/problem+json"]);
      const schema = response.content!["application/problem+json"]!.schema;
      const refs = (schema.anyOf ?? [schema]).map((alternative) => alternative.$ref);
      expect(refs.every((ref) => ref && problemSchemas.has(ref)), where).toBe(true);
      for (const example of Object.values(response.content!["application/problem+json"]!.examples ?? {})) {
        expect((example.value as { status: number }).status, where).toBe(Number(status));
      }
    }
  });

  it("documents the headers the API sends where it sends them", () => {
    const headersOf = (route: string, method: (typeof METHODS)[number], status: string) =>
      Object.keys(document.paths[route]![method]!.responses[status]!.headers ?? {});
    expect(headersOf("/api/me", "get", "200")).toContain("ETag");
    expect(headersOf("/api/me", "get", "304")).toContain("ETag");
    expect(headersOf("/api/users", "get", "200")).toContain("Link");
    expect(headersOf("/api/users", "post", "201")).toEqual(expect.arrayContaining(["Location", "ETag", "Idempotent-Replayed"]));
    expect(headersOf("/api/users", "post", "409")).toContain("Retry-After");
    expect(headersOf("/api/users", "post", "415")).toContain("Accept-Post");
    expect(headersOf("/api/users/{id}", "patch", "200")).toContain("ETag");
    expect(headersOf("/healthz", "get", "503")).toContain("Retry-After");
    expect(headersOf("/api/tasks", "get", "200")).toContain("Link");
    expect(JSON.stringify(document.components.headers.Link)).toContain('rel=\\"prev\\"');
    expect(headersOf("/api/tasks", "post", "201")).toEqual(expect.arrayContaining(["Location", "ETag", "Idempotent-Replayed"]));
    expect(headersOf("/api/tasks", "post", "409")).toContain("Retry-After");
    expect(headersOf("/api/tasks", "post", "415")).toContain("Accept-Post");
    expect(headersOf("/api/tasks/{id}", "get", "200")).toContain("ETag");
    expect(headersOf("/api/tasks/{id}", "get", "304")).toContain("ETag");
    expect(headersOf("/api/tasks/{id}", "patch", "200")).toContain("ETag");
    expect(headersOf("/api/tasks/{id}", "patch", "403")).toContain("WWW-Authenticate");
    for (const { route, method } of operations) {
      expect(headersOf(route, method, "405")).toContain("Allow");
      if (!document.paths[route]![method]!.security) expect(headersOf(route, method, "401")).toContain("WWW-Authenticate");
    }
  });

  it("documents the request headers and query parameters where they apply", () => {
    const parameterNames = (route: string, method: (typeof METHODS)[number]) =>
      (document.paths[route]![method]!.parameters ?? []).map((parameter) => {
        const ref = (parameter as { $ref?: string }).$ref;
        return ref ? document.components.parameters[ref.split("/").at(-1)!]!.name : (parameter as { name: string }).name;
      });
    expect(parameterNames("/api/me", "get")).toEqual(["If-None-Match", "X-Request-Id"]);
    expect(parameterNames("/api/users", "get")).toEqual(["limit", "cursor", "X-Request-Id"]);
    expect(parameterNames("/api/users", "post")).toEqual(["Idempotency-Key", "X-Request-Id"]);
    expect(parameterNames("/api/users/{id}", "get")).toEqual(["id", "If-None-Match", "X-Request-Id"]);
    expect(parameterNames("/api/users/{id}", "patch")).toEqual(["id", "If-Match", "X-Request-Id"]);
    expect(parameterNames("/api/tasks", "get")).toEqual(["status", "assignee", "q", "overdue", "sort", "limit", "cursor", "X-Request-Id"]);
    expect(parameterNames("/api/tasks", "post")).toEqual(["Idempotency-Key", "X-Request-Id"]);
    expect(parameterNames("/api/tasks/{id}", "get")).toEqual(["id", "If-None-Match", "X-Request-Id"]);
    expect(parameterNames("/api/tasks/{id}", "patch")).toEqual(["id", "If-Match", "X-Request-Id"]);
    expect(parameterNames("/api/tasks/{id}", "delete")).toEqual(["id", "If-Match", "X-Request-Id"]);
    expect(parameterNames("/api/tasks/{id}/activity", "get")).toEqual(["id", "X-Request-Id"]);
    // The filters' schemas are the task service's own.
    expect(document.components.parameters.TaskStatus!.schema).toMatchObject({ enum: ["TODO", "IN_PROGRESS", "DONE"] });
    expect(document.components.parameters.TaskOverdue!.schema).toMatchObject({ enum: ["true", "false"] });
    expect(document.components.parameters.TaskSort!.schema).toMatchObject({
      enum: ["-created", "created", "-updated", "updated", "due", "-due", "title", "-title"],
    });
    expect(document.components.parameters.TaskQuery!.schema).toMatchObject({ maxLength: 200 });
    expect(document.components.parameters.Limit!.schema).toMatchObject({ type: "integer", minimum: 1, maximum: 100, default: 20 });
  });

  it("takes the request bodies from the services' zod schemas", () => {
    const create = document.components.schemas.CreateUserRequest!;
    expect(create.required).toEqual(["email", "name", "password"]);
    expect(create.properties!.password).toMatchObject({ minLength: 12, maxLength: 256 });
    expect(create.properties!.role).toMatchObject({ enum: ["ADMIN", "MEMBER"], default: "MEMBER" });
    const update = document.components.schemas.UpdateUserRequest!;
    expect(Object.keys(update.properties!)).toEqual(["name", "role", "active"]);
    expect(update.required).toBeUndefined();
    const createTask = document.components.schemas.CreateTaskRequest!;
    expect(createTask.required).toEqual(["title"]);
    expect(createTask.properties!.title).toMatchObject({ minLength: 1, maxLength: 200 });
    expect(createTask.properties!.description).toMatchObject({ maxLength: 10_000 });
    expect(createTask.properties!.status).toMatchObject({ enum: ["TODO", "IN_PROGRESS", "DONE"] });
    expect(createTask.properties!.dueDate!.anyOf).toEqual([{ type: "string", format: "date" }, { type: "null" }]);
    const updateTask = document.components.schemas.UpdateTaskRequest!;
    expect(Object.keys(updateTask.properties!)).toEqual(["title", "description", "status", "assigneeId", "dueDate", "base"]);
    expect(updateTask.required).toBeUndefined();
  });

  it("can be used by the API tests' validator: each response schema compiles, and its examples pass", () => {
    // The same set-up as tests/api/support.ts, which validates every response the API tests get.
    const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
    ajv.addSchema(JSON.parse(JSON.stringify(document)), "openapi");
    const pointer = (...parts: string[]) =>
      parts.map((part) => encodeURIComponent(part.replace(/~/g, "~0").replace(/\//g, "~1"))).join("/");
    for (const { route, method, operation } of operations) {
      for (const [status, response] of Object.entries(operation.responses)) {
        for (const [type, media] of Object.entries(response.content ?? {})) {
          const validate = ajv.compile({ $ref: `openapi#/${pointer("paths", route, method, "responses", status, "content", type, "schema")}` });
          for (const [name, example] of Object.entries(media.examples ?? {})) {
            expect(validate(example.value), `${method} ${route} ${status} ${name}: ${ajv.errorsText(validate.errors)}`).toBe(true);
          }
        }
      }
    }
    // additionalProperties: false catches a field that should never be sent.
    const user = ajv.compile({ $ref: "openapi#/components/schemas/User" });
    const example = document.paths["/api/users/{id}"]!.get!.responses["200"]!.content!["application/json"]!.examples!.user!.value as object;
    expect(user({ ...example, passwordHash: "$argon2id$..." })).toBe(false);
    const task = ajv.compile({ $ref: "openapi#/components/schemas/Task" });
    const taskExample = document.paths["/api/tasks/{id}"]!.get!.responses["200"]!.content!["application/json"]!.examples!.task!.value as object;
    expect(task(taskExample)).toBe(true);
    expect(task({ ...taskExample, creatorId: "x" })).toBe(false);
  });

  it("lists every problem type the API throws, with its status and title", () => {
    const thrown = new Map<string, { status: number; title: string }>();
    const source = readdirSync("app", { recursive: true, encoding: "utf8" })
      .filter((file) => /\.tsx?$/.test(file))
      .map((file) => readFileSync(path.join("app", file), "utf8"))
      .join("\n");
    for (const [, status, slug, title] of source.matchAll(/new HttpProblem\(\s*(\d{3}),\s*"([a-z-]+)",\s*"([^"]+)"/g)) {
      thrown.set(slug!, { status: Number(status), title: title! });
    }
    expect(thrown.size).toBeGreaterThan(10);
    for (const [slug, { status, title }] of thrown) {
      expect(PROBLEM_TYPES.find((type) => type.slug === slug), slug).toMatchObject({ status, title });
    }
    expect(PROBLEM_TYPES.map((type) => type.slug).sort()).toEqual(
      [
        "bad-request",
        "conflict",
        "edit-conflict",
        "forbidden",
        "idempotency-key-in-use",
        "idempotency-key-reused",
        "insufficient-scope",
        "internal",
        "method-not-allowed",
        "not-found",
        "payload-too-large",
        "precondition-failed",
        "rate-limited",
        "unauthorized",
        "unavailable",
        "unsupported-media-type",
        "validation-failed",
      ].sort(),
    );
  });

  it("puts each route's operations at the path app/routes.ts serves it on", () => {
    // Each route declares its path beside its operations (apiRoute); the route config is what serves it.
    const modules = import.meta.glob<{ loader: { openapi?: { path: string } } }>(["../../app/routes/api.*.ts", "../../app/routes/healthz.ts"], {
      eager: true,
    });
    const served = Object.fromEntries(routes.map(({ file, path }) => [file, `/${path}`.replace(/:(\w+)/g, "{$1}")]));
    const declared = Object.entries(modules).flatMap(([file, module]) =>
      module.loader.openapi ? [[file.replace("../../app/", ""), module.loader.openapi.path] as const] : [],
    );
    expect(declared.map(([, path]) => path).sort()).toEqual(Object.keys(document.paths).sort());
    for (const [file, path] of declared) expect(path, file).toBe(served[file]);
  });

  it("is built once per process", () => {
    expect(openApiDocument()).toBe(document);
  });
});

describe("GET /api/openapi.json", () => {
  it("answers the document without a token", async () => {
    const response = (await openApiRoute.loader({ request: getRequest("/api/openapi.json"), params: {}, context: {} })) as Response;
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    expect(response.headers.get("x-request-id")).toBeTruthy();
    expect((await response.json()) as OpenApiDocument).toEqual(JSON.parse(JSON.stringify(document)));
  });

  it("refuses other methods with 405 and Allow", async () => {
    const request = new Request("http://tandem.test/api/openapi.json", { method: "POST" });
    const response = (await openApiRoute.action({ request, params: {}, context: {} })) as Response;
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("GET, HEAD");
    expect(response.headers.get("content-type")).toBe("application/problem+json");
  });
});

describe("GET /api/docs", () => {
  const model = apiDocsModel(document);
  const html = renderToString(createElement(ApiDocs, { docs: model }));
  const text = decode(html);

  it("renders a curl example for every operation", () => {
    const rendered = [...html.matchAll(/data-curl-for="([^"]+)"/g)].map((match) => match[1]);
    expect(rendered.sort()).toEqual(operations.map(({ operation }) => operation.operationId).sort());
    for (const operation of model.sections.flatMap((section) => section.operations)) {
      expect(operation.curl).toMatch(/^curl /);
      expect(text, operation.id).toContain(operation.curl);
    }
    const curl = (id: string) => model.sections.flatMap((section) => section.operations).find((operation) => operation.id === id)!.curl;
    expect(curl("listUsers")).toBe('curl -H "Authorization: Bearer $TANDEM_TOKEN" http://localhost:3000/api/users');
    expect(curl("getHealth")).toBe("curl http://localhost:3000/healthz");
    expect(text).toContain(curl("listUsers"));
  });

  it("shows a POST with its JSON body and an Idempotency-Key, and a PATCH with If-Match", () => {
    const post = model.sections.flatMap((section) => section.operations).find((operation) => operation.id === "createUser")!;
    expect(post.curl).toContain('-H "Content-Type: application/json"');
    expect(post.curl).toMatch(/-H "Idempotency-Key: [!-~]+"/);
    expect(post.curl).toContain(`-d '{"email":"ada@example.com","name":"Ada Lovelace","role":"MEMBER","password":"correct horse battery staple"}'`);
    expect(post.curl).not.toContain("-X");
    const patch = model.sections.flatMap((section) => section.operations).find((operation) => operation.id === "updateUser")!;
    expect(patch.curl).toMatch(/^curl -X PATCH/);
    expect(patch.curl).toContain(`-H 'If-Match: "v3"'`);
    expect(patch.curl).toMatch(/http:\/\/localhost:3000\/api\/users\/[a-z0-9-]+$/);
  });

  it("shows the task operations with curl: create with a body, change and delete with If-Match", () => {
    const byId = (id: string) => model.sections.flatMap((section) => section.operations).find((operation) => operation.id === id)!;
    expect(model.sections.map((section) => section.name)).toEqual(["Me", "Users", "Invitations", "Tasks", "Notifications", "Service"]);
    expect(model.sections.find((section) => section.name === "Tasks")!.operations.map((operation) => operation.id)).toEqual([
      "listTasks",
      "createTask",
      "getComment",
      "updateComment",
      "deleteComment",
      "getTask",
      "updateTask",
      "deleteTask",
      "listTaskActivity",
      "listTaskComments",
      "createTaskComment",
      "releaseTask",
      "takeTask",
    ]);
    expect(byId("listTasks").curl).toBe('curl -H "Authorization: Bearer $TANDEM_TOKEN" http://localhost:3000/api/tasks');
    expect(byId("createTask").curl).toContain(`-d '{"title":"Fix the login redirect",`);
    expect(byId("createTask").curl).toMatch(/-H "Idempotency-Key: [!-~]+"/);
    expect(byId("updateTask").curl).toMatch(/^curl -X PATCH/);
    expect(byId("updateTask").curl).toContain(`-d '{"status":"DONE"}'`);
    expect(byId("deleteTask").curl).toMatch(/^curl -X DELETE/);
    expect(byId("deleteTask").curl).toContain(`-H 'If-Match: "v3"'`);
    expect(byId("listTaskActivity").curl).toMatch(/\/api\/tasks\/[a-z0-9-]+\/activity$/);
    expect(text).toContain("GET /api/tasks/{id}/activity");
  });

  it("shows each operation's method, path, summary, parameters, body fields and responses", () => {
    for (const { route, method, operation } of operations) {
      expect(text).toContain(operation.summary);
      expect(html).toContain(`id="${operation.operationId}"`);
      expect(text).toContain(`${method.toUpperCase()} ${route}`);
      for (const status of Object.keys(operation.responses)) expect(html).toContain(`id="${operation.operationId}-${status}"`);
    }
    expect(text).toContain("Idempotency-Key");
    expect(text).toContain("1–100");
    expect(html).toMatch(/<code>password<\/code><span class="api-docs__required"> required<\/span>/);
  });

  it("has an anchor for every problem type, which problem bodies link to", () => {
    for (const { slug } of PROBLEM_TYPES) expect(html).toContain(`id="problem-${slug}"`);
  });

  it("is served without signing in, with curl examples for the host asked", async () => {
    const result = await run(docsRoute.loader, getRequest("/api/docs"));
    expect(result.status).toBe(200);
    const served = result.data as ReturnType<typeof apiDocsModel>;
    expect(served.sections.flatMap((section) => section.operations)).toHaveLength(operations.length);
    expect(served.sections[0]!.operations[0]!.curl).toContain("http://tandem.test/api/me");
  });
});

function isEmptySchema(schema: SchemaObject | undefined) {
  return !schema || Object.keys(schema).filter((key) => key !== "description" && key !== "examples").length === 0;
}

function decode(html: string) {
  return html
    .replace(/<[^>]+>/g, "")
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}
