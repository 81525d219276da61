import { beforeAll, describe, expect, it } from "vitest";
import { api, baseUrl, checkAgainstDocument, expectProblem, personWithToken } from "#tests/api/support.ts";
import { fieldErrorsIn } from "#tests/api/form-door.ts";
import { createTaskRow, createUser, databaseSnapshot } from "#tests/support/factories.ts";
import { signIn } from "#tests/support/http.ts";
import { rawExchange, send, sendChunked, unescapeHtml } from "./support.ts";

/**
 * Bodies an attacker controls, through both doors: broken, mislabelled, too large (declared,
 * chunked, or lied about) and fields past their maximum. Each is refused with a clear status
 * and nothing is written.
 */
const LIMIT = 1024 * 1024;
const json = (value: unknown) => JSON.stringify(value);

// One admin with a token, and their session, for every attack: the shared server's team stays small.
let admin: Awaited<ReturnType<typeof personWithToken>>;
let cookie: string;
beforeAll(async () => {
  admin = await personWithToken("ADMIN");
  cookie = await signIn(admin.user);
});

describe("API bodies", () => {
  it("malformed JSON is 400 problem+json and writes nothing", async () => {
    const { token } = admin;
    const before = await databaseSnapshot();
    for (const body of ['{"title": ', "{'title': 'single quotes'}", '{"title":"x"} trailing', "\u0000"]) {
      const response = await api("/api/tasks", { method: "POST", token, headers: { "Content-Type": "application/json" }, body });
      expectProblem(response, 400);
    }
    expect(await databaseSnapshot()).toEqual(before);
  });

  it.each([
    ["text/plain", { "Content-Type": "text/plain" }],
    ["form-urlencoded", { "Content-Type": "application/x-www-form-urlencoded" }],
    ["multipart", { "Content-Type": "multipart/form-data; boundary=x" }],
    ["no content type at all", {}],
  ])("a JSON-looking body sent as %s is 415 and writes nothing", async (_label, headers: Record<string, string>) => {
    const { token } = admin;
    const before = await databaseSnapshot();
    const response = await api("/api/tasks", { method: "POST", token, headers, body: json({ title: "Sneaked in" }) });
    expectProblem(response, 415);
    expect(response.headers.get("accept-post")).toBe("application/json");
    expect(await databaseSnapshot()).toEqual(before);
  });

  it("a body over 1 MiB with a truthful Content-Length is 413 and writes nothing", async () => {
    const { token } = admin;
    const before = await databaseSnapshot();
    const response = await api("/api/tasks", { method: "POST", token, json: { title: "Big", description: "x".repeat(LIMIT) } });
    expectProblem(response, 413);
    expect(await databaseSnapshot()).toEqual(before);
  });

  it("a chunked body over 1 MiB (no Content-Length) is 413 before it is all sent, and writes nothing", async () => {
    const { token } = admin;
    const before = await databaseSnapshot();
    const answer = await sendChunked("/api/tasks", {
      headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
      total: 64 * LIMIT,
    });
    const response = { ...answer, body: JSON.parse(answer.text) };
    await checkAgainstDocument("POST", "/api/tasks", response);
    expectProblem(response, 413);
    // The server stopped reading long before 64 MiB: the limit is enforced while the bytes arrive.
    expect(answer.sent).toBeLessThan(32 * LIMIT);
    expect(await databaseSnapshot()).toEqual(before);
  });

  it("a Content-Length claiming more than the limit is 413 without waiting for the claimed bytes", async () => {
    const { token } = admin;
    const before = await databaseSnapshot();
    const body = json({ title: "Short body, huge claim" });
    const answer = await rawExchange(
      `POST /api/tasks HTTP/1.1\nHost: 127.0.0.1\nAuthorization: Bearer ${token}\nContent-Type: application/json\nContent-Length: ${50 * LIMIT}\n`,
      body,
      15_000,
    );
    expect(answer.status).toBe(413);
    expect(answer.raw).toMatch(/content-type: application\/problem\+json/i);
    expect(await databaseSnapshot()).toEqual(before);
  });

  it("a Content-Length claiming less than was sent is 400, and the bytes after it never become a request", async () => {
    const { token } = admin;
    const before = await databaseSnapshot();
    // The declared 9 bytes are `{"title":`; what follows would be a smuggled POST if it were parsed as one.
    const smuggled = `POST /api/tasks HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${token}\r\nContent-Type: application/json\r\nContent-Length: 20\r\n\r\n{"title":"Smuggled"}`;
    const answer = await rawExchange(
      `POST /api/tasks HTTP/1.1\nHost: 127.0.0.1\nAuthorization: Bearer ${token}\nContent-Type: application/json\nContent-Length: 9\n`,
      `{"title":"x"}${smuggled}`,
    );
    // Node's parser sees the leftover bytes as a broken request line and closes the connection.
    expect(answer.status).toBe(400);
    expect(answer.raw).not.toMatch(/HTTP\/1\.1 201/);
    expect(await databaseSnapshot()).toEqual(before);
  });

  it("Content-Length together with Transfer-Encoding: chunked is refused and writes nothing", async () => {
    const { token } = admin;
    const before = await databaseSnapshot();
    const body = json({ title: "Ambiguous length" });
    const chunked = `${body.length.toString(16)}\r\n${body}\r\n0\r\n\r\n`;
    const answer = await rawExchange(
      `POST /api/tasks HTTP/1.1\nHost: 127.0.0.1\nAuthorization: Bearer ${token}\nContent-Type: application/json\nContent-Length: 4\nTransfer-Encoding: chunked\n`,
      chunked,
    );
    expect(answer.status).toBe(400);
    expect(await databaseSnapshot()).toEqual(before);
  });

  it.each([
    ["title", { title: "t".repeat(201) }, "/title"],
    ["description", { title: "Fine", description: "d".repeat(10_001) }, "/description"],
  ])("a task %s over its maximum is 422 naming the field, and writes nothing", async (_field, body, pointer) => {
    const { token } = admin;
    const before = await databaseSnapshot();
    const response = await api("/api/tasks", { method: "POST", token, json: body });
    expectProblem(response, 422);
    expect(response.body.errors).toEqual([{ pointer, detail: expect.stringMatching(/at most/) }]);
    expect(await databaseSnapshot()).toEqual(before);
  });

  it("a PATCH with a title over 200 characters is 422 naming the field, and changes nothing", async () => {
    const { user, token } = admin;
    const task = await createTaskRow(user);
    const before = await databaseSnapshot();
    const response = await api(`/api/tasks/${task.id}`, { method: "PATCH", token, json: { title: "t".repeat(201) } });
    expectProblem(response, 422);
    expect(response.body.errors).toEqual([{ pointer: "/title", detail: expect.stringMatching(/at most 200/) }]);
    expect(await databaseSnapshot()).toEqual(before);
  });

  it("a user name over 100 characters is 422 naming the field, on create and on update, and writes nothing", async () => {
    const { token } = admin;
    const member = await createUser();
    const before = await databaseSnapshot();
    const created = await api("/api/users", {
      method: "POST",
      token,
      json: { email: `long-name-${Date.now()}@api.test`, name: "n".repeat(101), password: "a long enough password" },
    });
    expectProblem(created, 422);
    expect(created.body.errors).toEqual([{ pointer: "/name", detail: expect.stringMatching(/at most 100/) }]);
    const updated = await api(`/api/users/${member.id}`, { method: "PATCH", token, json: { name: "n".repeat(101) } });
    expectProblem(updated, 422);
    expect(updated.body.errors).toEqual([{ pointer: "/name", detail: expect.stringMatching(/at most 100/) }]);
    expect(await databaseSnapshot()).toEqual(before);
  });
});

describe("form bodies", () => {
  it("a form over 1 MiB with a Content-Length gets the 413 page, not a 500, and writes nothing", async () => {
    const before = await databaseSnapshot();
    const body = new URLSearchParams({ title: "Huge form", description: "x".repeat(2 * LIMIT) });
    const answer = await send("/tasks/new", { cookie, body });
    expect(answer.status).toBe(413);
    expect(answer.headers.get("content-type")).toMatch(/^text\/html/);
    expect(answer.text).toContain("Form too large");
    // The refused bytes are not echoed back into the page.
    expect(answer.text).not.toContain("x".repeat(1000));
    expect(await databaseSnapshot()).toEqual(before);
  });

  it("a chunked form over 1 MiB gets the 413 page before it is all sent, and writes nothing", async () => {
    const before = await databaseSnapshot();
    const answer = await sendChunked("/tasks/new", {
      headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: cookie, Origin: baseUrl() },
      total: 64 * LIMIT,
    });
    expect(answer.status).toBe(413);
    expect(answer.text).toContain("Form too large");
    expect(answer.sent).toBeLessThan(32 * LIMIT);
    expect(await databaseSnapshot()).toEqual(before);
  });

  it("a sign-in form over 1 MiB from nobody in particular is 413, not read whole", async () => {
    const before = await databaseSnapshot();
    const answer = await send("/login", { body: new URLSearchParams({ email: "a@b.c", password: "p".repeat(2 * LIMIT) }) });
    expect(answer.status).toBe(413);
    expect(await databaseSnapshot()).toEqual(before);
  });

  it("a page action sent JSON or text/plain is refused with a clear 415 page, not a 500, and writes nothing", async () => {
    const before = await databaseSnapshot();
    for (const type of ["application/json", "text/plain"]) {
      const answer = await send("/tasks/new", { cookie, body: json({ title: "Not a form" }), headers: { "Content-Type": type } });
      expect(answer.status, type).toBe(415);
      expect(answer.text).toContain("Not a form");
    }
    expect(await databaseSnapshot()).toEqual(before);
  });

  it("a title over 200 characters re-renders the form with the title's error and keeps what was typed", async () => {
    const before = await databaseSnapshot();
    const title = `Too long <b>${"t".repeat(200)}`;
    const answer = await send("/tasks/new", { cookie, body: new URLSearchParams({ title, description: "kept description" }) });
    expect(answer.status).toBe(400);
    expect(fieldErrorsIn(answer.text)).toEqual({ title: "Titles are at most 200 characters." });
    const typed = /<input[^>]*name="title"[^>]*value="([^"]*)"/.exec(answer.text)?.[1];
    expect(unescapeHtml(typed ?? "")).toBe(title);
    expect(answer.text).toMatch(/<textarea[^>]*name="description"[^>]*>kept description<\/textarea>/);
    expect(await databaseSnapshot()).toEqual(before);
  });

  it("a description over 10,000 characters re-renders the form with the description's error", async () => {
    const before = await databaseSnapshot();
    const answer = await send("/tasks/new", { cookie, body: new URLSearchParams({ title: "Fine", description: "d".repeat(10_001) }) });
    expect(answer.status).toBe(400);
    expect(fieldErrorsIn(answer.text)).toEqual({ description: "Descriptions are at most 10,000 characters." });
    expect(answer.text).toContain(`>${"d".repeat(10_001)}</textarea>`);
    expect(await databaseSnapshot()).toEqual(before);
  });

  it("a person's name over 100 characters re-renders the add-person form with the name's error and keeps it", async () => {
    const before = await databaseSnapshot();
    const name = "n".repeat(101);
    const email = `long-${Date.now()}@form.test`;
    const answer = await send("/users/new", { cookie, body: new URLSearchParams({ email, name, role: "MEMBER", password: "a long enough password" }) });
    expect(answer.status).toBe(400);
    expect(fieldErrorsIn(answer.text)).toEqual({ name: "Name must be at most 100 characters." });
    expect(answer.text).toMatch(new RegExp(`name="name"[^>]*value="${name}"`));
    expect(answer.text).toMatch(new RegExp(`name="email"[^>]*value="${email}"`));
    // The password is never sent back.
    expect(answer.text).not.toContain("a long enough password");
    expect(await databaseSnapshot()).toEqual(before);
  });
});
