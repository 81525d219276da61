import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { loginSchema } from "#services/auth.ts";
import { db } from "#services/db/client.ts";
import { ValidationError } from "#services/errors.ts";
import { encodeCursor } from "#services/pagination.ts";
import { createTaskSchema, taskFiltersSchema, updateTaskSchema } from "#services/tasks.ts";
import { createTokenSchema } from "#services/tokens.ts";
import { changeOwnPasswordSchema, createUserSchema, setPasswordSchema, updateUserSchema } from "#services/users.ts";
import { parseInput } from "#services/validation.ts";
import { api, expectProblem, personWithToken, uniqueEmail } from "#tests/api/support.ts";
import { databaseSnapshot } from "#tests/support/factories.ts";
import { arrangeTeam, rawRequest, send } from "./support.ts";

/**
 * JSON can spell half a UTF-16 surrogate pair (`"\ud800"`): valid JSON, but not text. No database
 * stores it as text: SQLite kept the invalid bytes (ED A0 80) and read them back as three U+FFFD,
 * PostgreSQL and Prisma's engine refused them with a 500 and a stack in the log. Every string a
 * service accepts must be well-formed; one that is not is a validation error (422 problem+json
 * with the field's pointer on the API), like any other.
 */

const LONE = ["\ud800", "\udbff", "\udc00", "\udfff", "\ude00\ud83d"];
const MESSAGE = /unpaired surrogate/;
/** String.prototype.isWellFormed, which TypeScript's ES2023 library does not declare yet. */
const isText = (value: string) => !/\p{Surrogate}/u.test(value);

function expectSurrogateProblem(response: Awaited<ReturnType<typeof api>>, pointer: string, label: string) {
  expectProblem(response, 422);
  const errors = response.body.errors as { pointer: string; detail: string }[];
  expect(errors, `${label}: ${response.text}`).toContainEqual({ pointer, detail: expect.stringMatching(MESSAGE) });
}

describe("a lone surrogate in the API's JSON", () => {
  it("POST /api/tasks: 422 with the pointer of the field, for every text field, and nothing is written", async () => {
    const team = await arrangeTeam();
    const before = await databaseSnapshot();
    for (const lone of LONE) {
      for (const [pointer, body] of [
        ["/title", { title: `a ${lone} b` }],
        ["/title", { title: lone }],
        ["/description", { title: "Fine", description: `a ${lone} b` }],
        ["/assigneeId", { title: "Fine", assigneeId: lone }],
      ] as const) {
        const response = await api("/api/tasks", { method: "POST", token: team.secret, json: body });
        expectSurrogateProblem(response, pointer, `POST /api/tasks ${JSON.stringify(body)}`);
      }
    }
    // A date is refused by its own format, still a 422 on the field rather than a 500.
    const dated = await api("/api/tasks", { method: "POST", token: team.secret, json: { title: "Fine", dueDate: "2027-01-0\ud800" } });
    expectProblem(dated, 422);
    expect(dated.body.errors.map((error: { pointer: string }) => error.pointer)).toEqual(["/dueDate"]);
    expect(await databaseSnapshot()).toEqual(before);
  });

  it("POST /api/tasks with the surrogate written as raw bytes is a 400 (not UTF-8), never a 500", async () => {
    const team = await arrangeTeam();
    const before = await databaseSnapshot();
    const body = Buffer.concat([Buffer.from('{"title":"a '), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from(' b"}')]);
    const response = await api("/api/tasks", { method: "POST", token: team.secret, body, headers: { "Content-Type": "application/json" } });
    expectProblem(response, 400);
    expect(await databaseSnapshot()).toEqual(before);
  });

  it("PATCH /api/tasks/:id: 422 for title, description and assignee, and the task is unchanged", async () => {
    const team = await arrangeTeam();
    const before = await databaseSnapshot();
    for (const [pointer, body] of [
      ["/title", { title: "x\ud800" }],
      ["/description", { description: "\udc00" }],
      ["/assigneeId", { assigneeId: "\ud800" }],
    ] as const) {
      const response = await api(`/api/tasks/${team.task.id}`, { method: "PATCH", token: team.secret, json: body });
      expectSurrogateProblem(response, pointer, `PATCH ${JSON.stringify(body)}`);
    }
    expect(await databaseSnapshot()).toEqual(before);
  });

  it("POST /api/users and PATCH /api/users/:id: 422 for name, email and password, and nobody is added or renamed", async () => {
    const { token } = await personWithToken("ADMIN");
    const team = await arrangeTeam();
    const before = await databaseSnapshot();
    const valid = () => ({ name: "New Person", email: uniqueEmail("surrogate"), password: "a fine password 123" });
    for (const [pointer, body] of [
      ["/name", { ...valid(), name: "New \ud800 Person" }],
      ["/email", { ...valid(), email: "new\ud800@example.com" }],
      ["/password", { ...valid(), password: "a fine password \udc00 123" }],
    ] as const) {
      const response = await api("/api/users", { method: "POST", token, json: body });
      expectSurrogateProblem(response, pointer, `POST /api/users ${JSON.stringify(body)}`);
    }
    const renamed = await api(`/api/users/${team.member.id}`, { method: "PATCH", token, json: { name: "\udfff" } });
    expectSurrogateProblem(renamed, "/name", "PATCH /api/users/:id");
    expect(await databaseSnapshot()).toEqual(before);
  });

  it("a list cursor forged to hold one (its checksum is public) is a 400, not a 500", async () => {
    const team = await arrangeTeam();
    for (const [path, key] of [
      ["/api/tasks", [new Date().toISOString(), "\ud800"]],
      ["/api/users", ["\ud800", "x"]],
    ] as const) {
      const response = await api(`${path}?cursor=${encodeCursor([...key])}`, { token: team.secret });
      expectProblem(response, 400);
    }
  });
});

describe("a lone surrogate through the forms", () => {
  it("cannot arrive: %ED%A0%80 in a form is decoded as U+FFFD (three of them), so the task is created with well-formed text", async () => {
    const team = await arrangeTeam();
    const title = `Form ${team.admin.id.slice(0, 6)} a`;
    const answer = await send("/tasks/new", { cookie: team.adminCookie, body: `title=${encodeURIComponent(title)}%ED%A0%80b` });
    expect(answer.status, answer.text).toBe(302);
    const stored = await db.task.findFirst({ where: { creatorId: team.admin.id, title: { startsWith: title } } });
    expect(stored?.title).toBe(`${title}\ufffd\ufffd\ufffdb`);
    expect(isText(stored!.title)).toBe(true);
  });

  it("nor in a multipart form: the raw bytes ED A0 80 are decoded as U+FFFD too", async () => {
    const team = await arrangeTeam();
    const title = `Multipart ${team.admin.id.slice(0, 6)} a`;
    const boundary = "----tandem-surrogate";
    const body = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="title"\r\n\r\n${title}`),
      Buffer.from([0xed, 0xa0, 0x80]),
      Buffer.from(`b\r\n--${boundary}--\r\n`),
    ]);
    const answer = await rawRequest("/tasks/new", {
      method: "POST",
      headers: { Cookie: team.adminCookie, "Content-Type": `multipart/form-data; boundary=${boundary}` },
      body,
    });
    expect(answer.status, answer.text).toBe(302);
    const stored = await db.task.findFirst({ where: { creatorId: team.admin.id, title: { startsWith: title } } });
    expect(isText(stored!.title)).toBe(true);
    expect(stored?.title).toContain("\ufffd");
  });
});

/**
 * Every string field every service takes, straight through its schema: the doors above can only
 * reach some of them with a lone surrogate (a query string or a form decodes bad bytes to U+FFFD),
 * but a service must not depend on which door called it.
 */
describe("every string field of the services' schemas", () => {
  const cases: [string, z.ZodType, Record<string, unknown>, string][] = [
    ["task title (create)", createTaskSchema, { title: "\ud800" }, "title"],
    ["task description (create)", createTaskSchema, { title: "ok", description: "\ud800" }, "description"],
    ["task assignee (create)", createTaskSchema, { title: "ok", assigneeId: "\ud800" }, "assigneeId"],
    ["task title (update)", updateTaskSchema, { title: "\udc00" }, "title"],
    ["task description (update)", updateTaskSchema, { description: "\udc00" }, "description"],
    ["task assignee (update)", updateTaskSchema, { assigneeId: "\udc00" }, "assigneeId"],
    ["task search", taskFiltersSchema, { q: "find \ud800" }, "q"],
    ["task assignee filter", taskFiltersSchema, { assignee: "\ud800" }, "assignee"],
    ["user name (create)", createUserSchema, { name: "\ud800", email: "a@example.com", password: "a fine password 123" }, "name"],
    ["user email (create)", createUserSchema, { name: "A", email: "a\ud800@example.com", password: "a fine password 123" }, "email"],
    ["user password (create)", createUserSchema, { name: "A", email: "a@example.com", password: "a fine password \ud800" }, "password"],
    ["user name (update)", updateUserSchema, { name: "\ud800" }, "name"],
    ["set password", setPasswordSchema, { password: "a fine password \ud800" }, "password"],
    ["current password", changeOwnPasswordSchema, { currentPassword: "\ud800", newPassword: "a fine password 123" }, "currentPassword"],
    ["new password", changeOwnPasswordSchema, { currentPassword: "old", newPassword: "a fine password \ud800" }, "newPassword"],
    ["sign-in email", loginSchema, { email: "a\ud800@example.com", password: "x" }, "email"],
    ["sign-in password", loginSchema, { email: "a@example.com", password: "\ud800" }, "password"],
    ["token name", createTokenSchema, { name: "script \ud800", scopes: "read" }, "name"],
  ];

  it.each(cases)("%s is refused as not text, on its own field", (_name, schema, input, field) => {
    let thrown: unknown;
    try {
      parseInput(schema, input);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ValidationError);
    expect((thrown as ValidationError).issues).toContainEqual({ field, message: expect.stringMatching(MESSAGE) });
  });

  it("well-formed text is still accepted: emoji (a proper pair), accents, CJK", () => {
    for (const text of ["Ship it 🚀", "Café crème", "東京タワー", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢"]) {
      expect(parseInput(createTaskSchema, { title: text, description: text }).title).toBe(text);
      expect(parseInput(createUserSchema, { name: text, email: "a@example.com", password: `${text} password 123` }).name).toBe(text);
    }
  });
});
