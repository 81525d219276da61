import { databaseProvider } from "#services/db/url.ts";
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "#services/db/client.ts";
import { encodeCursor } from "#services/pagination.ts";
import { createTaskRow, createUser } from "#tests/support/factories.ts";
import { HTTP_RATE_LIMIT } from "#tests/support/http-server.ts";
import { api, baseUrl, expectProblem, personWithToken } from "./support.ts";

/**
 * /api/tasks over real HTTP against `npm start`; every answer is checked against the OpenAPI
 * document by api(). Each test marks its tasks with a word of its own and searches for it, so the
 * demo data and other tests' tasks in the shared database do not matter.
 */
const LIMIT = 1024 * 1024;
const marker = () => `m${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
const idempotencyKey = () => `key-${Date.now()}-${Math.random().toString(36).slice(2)}`;

type Token = string;

async function createViaApi(token: Token, input: Record<string, unknown>) {
  const response = await api("/api/tasks", { method: "POST", token, json: input });
  expect(response.status, response.text).toBe(201);
  return response.body as { id: string; version: number; title: string; [field: string]: unknown };
}

const taskRow = (id: string) => db.task.findUnique({ where: { id } });
const activityCount = (id: string) => db.activity.count({ where: { subjectType: "task", subjectId: id } });
const ids = (response: { body: { data: { id: string }[] } }) => response.body.data.map((task) => task.id);

/** The target of one relation in a Link header (`<…>; rel="next", <…>; rel="prev"`), or null. */
function linkTo(header: string | null, rel: "next" | "prev") {
  const match = (header ?? "").split(", ").find((link) => link.endsWith(`; rel="${rel}"`));
  return match ? match.slice(1, match.indexOf(">")) : null;
}

describe("POST /api/tasks", () => {
  it("creates a task: 201 with Location, ETag and the task, and records task.created", async () => {
    const { user, token } = await personWithToken("MEMBER");
    const assignee = await createUser({ name: "Assigned Person" });
    const input = { title: "  Write the API tests  ", description: "Every status.", status: "IN_PROGRESS", assigneeId: assignee.id, dueDate: "2999-01-15" };
    const response = await api("/api/tasks", { method: "POST", token, json: input });

    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      title: "Write the API tests",
      description: "Every status.",
      status: "IN_PROGRESS",
      assignee: { id: assignee.id, name: "Assigned Person" },
      creator: { id: user.id, name: user.name },
      dueDate: "2999-01-15",
      overdue: false,
      version: 1,
      completedAt: null,
    });
    expect(response.headers.get("location")).toBe(`/api/tasks/${response.body.id}`);
    expect(response.headers.get("etag")).toBe('"v1"');
    expect((await api(response.headers.get("location")!, { token })).body).toEqual(response.body);
    const activity = await db.activity.findMany({ where: { subjectId: response.body.id } });
    expect(activity).toEqual([expect.objectContaining({ action: "task.created", actorId: user.id, subjectType: "task", subjectName: "Write the API tests" })]);
  });

  it("sets completedAt for a task created DONE, and leaves description empty and nobody assigned when left out", async () => {
    const { token } = await personWithToken("MEMBER");
    const task = await createViaApi(token, { title: "Already done", status: "DONE" });
    expect(task).toMatchObject({ description: "", assignee: null, dueDate: null, overdue: false, status: "DONE" });
    expect(Date.parse(task.completedAt as string)).not.toBeNaN();
  });

  it("ignores fields it does not take (id, creatorId, version, completedAt, createdAt)", async () => {
    const { user, token } = await personWithToken("MEMBER");
    const other = await createUser();
    const response = await api("/api/tasks", {
      method: "POST",
      token,
      json: {
        title: "Extra fields",
        id: "chosen-id",
        creatorId: other.id,
        creator: { id: other.id, name: "Someone else" },
        version: 42,
        completedAt: "2020-01-01T00:00:00.000Z",
        createdAt: "2000-01-01T00:00:00.000Z",
        overdue: true,
      },
    });
    expect(response.status).toBe(201);
    expect(response.body.id).not.toBe("chosen-id");
    expect(response.body).toMatchObject({ creator: { id: user.id }, version: 1, completedAt: null, overdue: false });
    expect(Date.parse(response.body.createdAt)).toBeGreaterThan(Date.parse("2020-01-01"));
    expect(await taskRow("chosen-id")).toBeNull();
  });

  it("answers 422 with a pointer per broken field, writing nothing", async () => {
    const { token } = await personWithToken("MEMBER");
    const before = await db.task.count();
    const response = await api("/api/tasks", {
      method: "POST",
      token,
      json: { title: "   ", status: "BLOCKED", dueDate: "31/12/2026", assigneeId: 5, description: "x".repeat(10_001) },
    });
    expectProblem(response, 422);
    expect(response.body.errors).toEqual(
      expect.arrayContaining([
        { pointer: "/title", detail: "Give the task a title." },
        { pointer: "/status", detail: "Status is TODO, IN_PROGRESS or DONE." },
        { pointer: "/dueDate", detail: "Give the due date as YYYY-MM-DD." },
        { pointer: "/assigneeId", detail: "The assignee must be a user id." },
        { pointer: "/description", detail: "Descriptions are at most 10,000 characters." },
      ]),
    );
    expectProblem(await api("/api/tasks", { method: "POST", token, json: { description: "no title" } }), 422);
    expectProblem(await api("/api/tasks", { method: "POST", token, json: ["not", "an", "object"] }), 422);
    expect(await db.task.count()).toBe(before);
  });

  it("answers 422 for an assignee who is not an active person on the team", async () => {
    const { token } = await personWithToken("MEMBER");
    const gone = await createUser({ active: false });
    for (const assigneeId of [gone.id, "nobody-has-this-id"]) {
      const response = await api("/api/tasks", { method: "POST", token, json: { title: "Assigned to nobody real", assigneeId } });
      expectProblem(response, 422);
      expect(response.body.errors).toEqual([{ pointer: "/assigneeId", detail: "Assign the task to an active person on the team." }]);
    }
  });

  it("answers 400 for a body that is not JSON or is empty, and for an unusable Idempotency-Key", async () => {
    const { token } = await personWithToken("MEMBER");
    const broken = await api("/api/tasks", { method: "POST", token, headers: { "Content-Type": "application/json" }, body: '{"title": ' });
    expectProblem(broken, 400);
    expect(broken.body.detail).toMatch(/not valid JSON/);
    expectProblem(await api("/api/tasks", { method: "POST", token, headers: { "Content-Type": "application/json" }, body: "" }), 400);
    const key = await api("/api/tasks", { method: "POST", token, json: { title: "Keyed" }, headers: { "Idempotency-Key": "é not ascii" } });
    expectProblem(key, 400);
  });

  it("answers 401 without a token and 403 to a read-only token, writing nothing", async () => {
    const { token } = await personWithToken("MEMBER", ["read"]);
    const title = marker();
    const anonymous = await api("/api/tasks", { method: "POST", json: { title } });
    expectProblem(anonymous, 401);
    expect(anonymous.headers.get("www-authenticate")).toMatch(/^Bearer/);
    const readOnly = await api("/api/tasks", { method: "POST", token, json: { title } });
    expectProblem(readOnly, 403);
    expect(readOnly.headers.get("www-authenticate")).toContain('scope="write"');
    expect(await db.task.count({ where: { title } })).toBe(0);
  });

  it("answers 405 with Allow to a method /api/tasks does not take", async () => {
    const { token } = await personWithToken("MEMBER");
    const response = await api("/api/tasks", { method: "DELETE", token });
    expectProblem(response, 405);
    expect(response.headers.get("allow")).toBe("GET, HEAD, POST");
  });

  it("answers 413 to a body over 1 MiB and 415 to a form post, writing nothing", async () => {
    const { token } = await personWithToken("MEMBER");
    const title = marker();
    const big = JSON.stringify({ title, description: "x".repeat(LIMIT) });
    expectProblem(await api("/api/tasks", { method: "POST", token, headers: { "Content-Type": "application/json" }, body: big }), 413);
    const form = await api("/api/tasks", {
      method: "POST",
      token,
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ title }).toString(),
    });
    expectProblem(form, 415);
    expect(form.headers.get("accept-post")).toBe("application/json");
    expect(await db.task.count({ where: { title } })).toBe(0);
  });
});

describe("Idempotency-Key on POST /api/tasks", () => {
  it("creates one task for two requests with one key, replaying the first answer", async () => {
    const { token } = await personWithToken("MEMBER");
    const input = { title: marker(), description: "Sent twice" };
    const headers = { "Idempotency-Key": idempotencyKey() };
    const first = await api("/api/tasks", { method: "POST", token, json: input, headers });
    const second = await api("/api/tasks", { method: "POST", token, json: input, headers });
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.body).toEqual(first.body);
    expect(second.headers.get("location")).toBe(first.headers.get("location"));
    expect(second.headers.get("etag")).toBe(first.headers.get("etag"));
    expect(second.headers.get("idempotent-replayed")).toBe("true");
    expect(await db.task.count({ where: { title: input.title } })).toBe(1);
    expect(await activityCount(first.body.id)).toBe(1);
  });

  it("answers 422 when the key comes back with another body, creating nothing more", async () => {
    const { token } = await personWithToken("MEMBER");
    const headers = { "Idempotency-Key": idempotencyKey() };
    await createViaApiWith(token, { title: marker() }, headers);
    const other = { title: marker() };
    const reused = await api("/api/tasks", { method: "POST", token, json: other, headers });
    expectProblem(reused, 422);
    expect(reused.body.type).toBe("/api/docs#problem-idempotency-key-reused");
    expect(await db.task.count({ where: { title: other.title } })).toBe(0);
  });

  it("answers 409 with Retry-After while the first request with the key is still running", async () => {
    const { user, token } = await personWithToken("MEMBER");
    const input = { title: marker() };
    const inFlight = idempotencyKey();
    // What the server stores while the first request runs: the claim, without a response yet.
    await db.idempotencyKey.create({
      data: {
        userId: user.id,
        route: "POST /api/tasks",
        key: inFlight,
        requestHash: createHash("sha256").update(JSON.stringify(input)).digest("hex"),
        expiresAt: new Date(Date.now() + 60_000),
      },
    });
    const response = await api("/api/tasks", { method: "POST", token, json: input, headers: { "Idempotency-Key": inFlight } });
    expectProblem(response, 409);
    expect(response.headers.get("retry-after")).toBe("1");
    expect(await db.task.count({ where: { title: input.title } })).toBe(0);
  });

  it("keeps keys apart per route: a key used on POST /api/users is fresh here", async () => {
    const admin = await personWithToken("ADMIN");
    const key = idempotencyKey();
    const email = `${marker()}@api.test`;
    const person = await api("/api/users", {
      method: "POST",
      token: admin.token,
      json: { email, name: "Keyed Person", password: "a long enough password" },
      headers: { "Idempotency-Key": key },
    });
    expect(person.status).toBe(201);
    const task = await api("/api/tasks", { method: "POST", token: admin.token, json: { title: marker() }, headers: { "Idempotency-Key": key } });
    expect(task.status).toBe(201);
    expect(task.headers.get("idempotent-replayed")).toBeNull();
  });
});

async function createViaApiWith(token: Token, input: Record<string, unknown>, headers: Record<string, string>) {
  const response = await api("/api/tasks", { method: "POST", token, json: input, headers });
  expect(response.status, response.text).toBe(201);
  return response.body;
}

describe("GET /api/tasks/:id", () => {
  it("reads a task with an ETag, and answers 304 to If-None-Match while it is current", async () => {
    const { token } = await personWithToken("MEMBER", ["read"]);
    const author = await personWithToken("MEMBER");
    const task = await createViaApi(author.token, { title: "Readable" });
    const response = await api(`/api/tasks/${task.id}`, { token });
    expect(response.status).toBe(200);
    expect(response.body).toEqual(task);
    const etag = response.headers.get("etag")!;
    expect(etag).toBe('"v1"');

    const unchanged = await api(`/api/tasks/${task.id}`, { token, headers: { "If-None-Match": etag } });
    expect(unchanged.status).toBe(304);
    expect(unchanged.headers.get("etag")).toBe(etag);
    expect(unchanged.text).toBe("");
    expect((await api(`/api/tasks/${task.id}`, { token, headers: { "If-None-Match": `W/${etag}, "v9"` } })).status).toBe(304);

    await api(`/api/tasks/${task.id}`, { method: "PATCH", token: author.token, json: { title: "Changed" } });
    const changed = await api(`/api/tasks/${task.id}`, { token, headers: { "If-None-Match": etag } });
    expect(changed.status).toBe(200);
    expect(changed.headers.get("etag")).toBe('"v2"');
  });

  it("answers 404 for a task that does not exist, 401 without a token, 405 with Allow to PUT", async () => {
    const { token } = await personWithToken("MEMBER");
    const task = await createViaApi(token, { title: "Exists" });
    expectProblem(await api("/api/tasks/no-such-task", { token }), 404);
    const anonymous = await api(`/api/tasks/${task.id}`);
    expectProblem(anonymous, 401);
    expect(anonymous.headers.get("www-authenticate")).toMatch(/^Bearer/);
    const put = await api(`/api/tasks/${task.id}`, { method: "PUT", token, json: { title: "Replaced" } });
    expectProblem(put, 405);
    expect(put.headers.get("allow")).toBe("GET, HEAD, PATCH, DELETE");
    expect((await taskRow(task.id))?.title).toBe("Exists");
  });
});

describe("PATCH /api/tasks/:id", () => {
  it("changes the fields sent with If-Match: 200 with the new task and ETag, and records what changed", async () => {
    const { user, token } = await personWithToken("MEMBER");
    const task = await createViaApi(token, { title: "Before", description: "Kept", dueDate: "2999-05-01" });
    const read = await api(`/api/tasks/${task.id}`, { token });
    const response = await api(`/api/tasks/${task.id}`, {
      method: "PATCH",
      token,
      json: { title: "After", status: "DONE" },
      headers: { "If-Match": read.headers.get("etag")! },
    });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ title: "After", status: "DONE", description: "Kept", dueDate: "2999-05-01", version: 2 });
    expect(Date.parse(response.body.completedAt)).not.toBeNaN();
    expect(response.headers.get("etag")).toBe('"v2"');
    expect((await api(`/api/tasks/${task.id}`, { token })).body).toEqual(response.body);

    const activity = await db.activity.findFirstOrThrow({ where: { subjectId: task.id, action: { not: "task.created" } } });
    expect(activity).toMatchObject({ action: "task.updated", actorId: user.id, subjectName: "After" });
    expect(JSON.parse(activity.details)).toEqual({ title: { from: "Before", to: "After" }, status: { from: "TODO", to: "DONE" } });
  });

  it("lets the assignee change the status (recorded as task.status_changed) and clears fields with null", async () => {
    const creator = await personWithToken("MEMBER");
    const assignee = await personWithToken("MEMBER");
    const task = await createViaApi(creator.token, { title: "Assigned", assigneeId: assignee.user.id, dueDate: "2999-01-01" });
    const started = await api(`/api/tasks/${task.id}`, { method: "PATCH", token: assignee.token, json: { status: "IN_PROGRESS" } });
    expect(started.status).toBe(200);
    expect(started.body.status).toBe("IN_PROGRESS");
    expect(await db.activity.count({ where: { subjectId: task.id, action: "task.status_changed", actorId: assignee.user.id } })).toBe(1);

    const cleared = await api(`/api/tasks/${task.id}`, { method: "PATCH", token: creator.token, json: { assigneeId: null, dueDate: null } });
    expect(cleared.status).toBe(200);
    expect(cleared.body).toMatchObject({ assignee: null, dueDate: null, version: 3 });
  });

  it("changes nothing for a PATCH that sends the values the task already has: same version and ETag, no activity", async () => {
    const { token } = await personWithToken("MEMBER");
    const task = await createViaApi(token, { title: "Unchanged", status: "IN_PROGRESS" });
    const response = await api(`/api/tasks/${task.id}`, { method: "PATCH", token, json: { title: "Unchanged", status: "IN_PROGRESS" }, headers: { "If-Match": '"v1"' } });
    expect(response.status).toBe(200);
    expect(response.body).toEqual(task);
    expect(response.headers.get("etag")).toBe('"v1"');
    expect((await api(`/api/tasks/${task.id}`, { method: "PATCH", token, json: {} })).body.version).toBe(1);
    expect(await activityCount(task.id)).toBe(1);
  });

  it("refuses a stale If-Match with 412 and changes nothing", async () => {
    const { token } = await personWithToken("MEMBER");
    const task = await createViaApi(token, { title: "Original" });
    const stale = '"v1"';
    expect((await api(`/api/tasks/${task.id}`, { method: "PATCH", token, json: { title: "Someone else's" } })).status).toBe(200);
    const before = await taskRow(task.id);
    const activityBefore = await activityCount(task.id);

    const response = await api(`/api/tasks/${task.id}`, { method: "PATCH", token, json: { title: "Mine" }, headers: { "If-Match": stale } });
    expectProblem(response, 412);
    expect(response.body.type).toBe("/api/docs#problem-precondition-failed");
    const notOurs = await api(`/api/tasks/${task.id}`, { method: "PATCH", token, json: { title: "Mine" }, headers: { "If-Match": '"abc"' } });
    expectProblem(notOurs, 412);
    expect(await taskRow(task.id)).toEqual(before);
    expect(await activityCount(task.id)).toBe(activityBefore);

    const current = await api(`/api/tasks/${task.id}`, { method: "PATCH", token, json: { title: "Mine" }, headers: { "If-Match": '"v2"' } });
    expect(current.status).toBe(200);
    expect(current.body).toMatchObject({ title: "Mine", version: 3 });
  });

  it("refuses a member who neither created the task nor is assigned to it with 403, writing nothing; an admin may", async () => {
    const creator = await personWithToken("MEMBER");
    const outsider = await personWithToken("MEMBER");
    const admin = await personWithToken("ADMIN");
    const task = await createViaApi(creator.token, { title: "Not yours" });
    const before = await taskRow(task.id);

    const refused = await api(`/api/tasks/${task.id}`, { method: "PATCH", token: outsider.token, json: { title: "Taken over", status: "DONE" } });
    expectProblem(refused, 403);
    expect(refused.body.detail).toBe("Only the task's creator, its assignee or an admin can change it.");
    expect(await taskRow(task.id)).toEqual(before);
    expect(await activityCount(task.id)).toBe(1);

    const byAdmin = await api(`/api/tasks/${task.id}`, { method: "PATCH", token: admin.token, json: { title: "Fixed by an admin" } });
    expect(byAdmin.status).toBe(200);
  });

  it("answers 403 to a read-only token, even the creator's", async () => {
    const creator = await personWithToken("MEMBER");
    const { createToken } = await import("#services/tokens.ts");
    const { secret } = await createToken(creator.user.actor, { name: "read only", scopes: ["read"] });
    const task = await createViaApi(creator.token, { title: "Read only" });
    const response = await api(`/api/tasks/${task.id}`, { method: "PATCH", token: secret, json: { title: "Nope" } });
    expectProblem(response, 403);
    expect(response.body.type).toBe("/api/docs#problem-insufficient-scope");
    expect((await taskRow(task.id))?.title).toBe("Read only");
  });

  it("answers 422 for broken fields and an unassignable person, changing nothing", async () => {
    const { token } = await personWithToken("MEMBER");
    const task = await createViaApi(token, { title: "Valid" });
    const before = await taskRow(task.id);
    const response = await api(`/api/tasks/${task.id}`, { method: "PATCH", token, json: { title: "", dueDate: "2026-02-30", status: "done" } });
    expectProblem(response, 422);
    expect(response.body.errors.map((error: { pointer: string }) => error.pointer).sort()).toEqual(["/dueDate", "/status", "/title"]);
    const unassignable = await api(`/api/tasks/${task.id}`, { method: "PATCH", token, json: { assigneeId: "nobody-has-this-id" } });
    expectProblem(unassignable, 422);
    expect(unassignable.body.errors).toEqual([{ pointer: "/assigneeId", detail: "Assign the task to an active person on the team." }]);
    expect(await taskRow(task.id)).toEqual(before);
  });

  it("answers 400, 413 and 415 for bodies it cannot read, 404 for an unknown task, 401 without a token", async () => {
    const { token } = await personWithToken("MEMBER");
    const task = await createViaApi(token, { title: "Unreadable changes" });
    const path = `/api/tasks/${task.id}`;
    expectProblem(await api(path, { method: "PATCH", token, headers: { "Content-Type": "application/json" }, body: "{nope" }), 400);
    expectProblem(await api(path, { method: "PATCH", token, headers: { "Content-Type": "application/json" }, body: JSON.stringify({ description: "x".repeat(LIMIT) }) }), 413);
    expectProblem(await api(path, { method: "PATCH", token, headers: { "Content-Type": "text/plain" }, body: '{"title":"x"}' }), 415);
    expectProblem(await api("/api/tasks/no-such-task", { method: "PATCH", token, json: { title: "Ghost" } }), 404);
    expectProblem(await api(path, { method: "PATCH", json: { title: "Anonymous" } }), 401);
    expect(await taskRow(task.id)).toMatchObject({ title: "Unreadable changes", version: 1 });
  });
});

describe("DELETE /api/tasks/:id", () => {
  it("answers 204 with no body; then the task is 404 and its activity stays readable", async () => {
    const { user, token } = await personWithToken("MEMBER");
    const task = await createViaApi(token, { title: "Short-lived" });
    const response = await api(`/api/tasks/${task.id}`, { method: "DELETE", token });
    expect(response.status).toBe(204);
    expect(response.text).toBe("");
    expectProblem(await api(`/api/tasks/${task.id}`, { token }), 404);
    expectProblem(await api(`/api/tasks/${task.id}`, { method: "DELETE", token }), 404);
    expect(await taskRow(task.id)).toBeNull();

    const activity = await api(`/api/tasks/${task.id}/activity`, { token });
    expect(activity.status).toBe(200);
    expect(activity.body.data.map((entry: { action: string }) => entry.action)).toEqual(["task.deleted", "task.created"]);
    expect(activity.body.data[0]).toMatchObject({ subjectName: "Short-lived", actor: { id: user.id, name: user.name } });
  });

  it("honours If-Match: a stale one is 412 and the task stays; the current one deletes", async () => {
    const { token } = await personWithToken("MEMBER");
    const task = await createViaApi(token, { title: "Guarded" });
    await api(`/api/tasks/${task.id}`, { method: "PATCH", token, json: { description: "Changed meanwhile" } });
    const stale = await api(`/api/tasks/${task.id}`, { method: "DELETE", token, headers: { "If-Match": '"v1"' } });
    expectProblem(stale, 412);
    expect(await taskRow(task.id)).toMatchObject({ version: 2 });
    expect(await db.activity.count({ where: { subjectId: task.id, action: "task.deleted" } })).toBe(0);
    expect((await api(`/api/tasks/${task.id}`, { method: "DELETE", token, headers: { "If-Match": '"v2"' } })).status).toBe(204);
    expect(await taskRow(task.id)).toBeNull();
  });

  it("refuses anyone but the creator or an admin with 403, even the assignee, deleting nothing", async () => {
    const creator = await personWithToken("MEMBER");
    const assignee = await personWithToken("MEMBER");
    const admin = await personWithToken("ADMIN");
    const task = await createViaApi(creator.token, { title: "Mine to delete", assigneeId: assignee.user.id });
    const refused = await api(`/api/tasks/${task.id}`, { method: "DELETE", token: assignee.token });
    expectProblem(refused, 403);
    expect(refused.body.detail).toBe("Only the task's creator or an admin can delete it.");
    expect(await taskRow(task.id)).not.toBeNull();
    expect(await activityCount(task.id)).toBe(1);
    expect((await api(`/api/tasks/${task.id}`, { method: "DELETE", token: admin.token })).status).toBe(204);
  });

  it("answers 401 without a token and 403 to a read-only token", async () => {
    const creator = await personWithToken("MEMBER");
    const reader = await personWithToken("ADMIN", ["read"]);
    const task = await createViaApi(creator.token, { title: "Still here" });
    expectProblem(await api(`/api/tasks/${task.id}`, { method: "DELETE" }), 401);
    const readOnly = await api(`/api/tasks/${task.id}`, { method: "DELETE", token: reader.token });
    expectProblem(readOnly, 403);
    expect(readOnly.body.type).toBe("/api/docs#problem-insufficient-scope");
    expect(await taskRow(task.id)).not.toBeNull();
  });
});

describe("GET /api/tasks/:id/activity", () => {
  it("lists what was done to the task, newest first, with who did it", async () => {
    const creator = await personWithToken("MEMBER");
    const assignee = await personWithToken("MEMBER");
    const task = await createViaApi(creator.token, { title: "Tracked", assigneeId: assignee.user.id });
    await api(`/api/tasks/${task.id}`, { method: "PATCH", token: assignee.token, json: { status: "IN_PROGRESS" } });
    await api(`/api/tasks/${task.id}`, { method: "PATCH", token: creator.token, json: { title: "Tracked closely", description: "Why" } });

    const response = await api(`/api/tasks/${task.id}/activity`, { token: assignee.token });
    expect(response.status).toBe(200);
    expect(response.body.nextCursor).toBeNull();
    expect(response.body.data).toEqual([
      expect.objectContaining({
        action: "task.updated",
        subjectName: "Tracked closely",
        details: { title: { from: "Tracked", to: "Tracked closely" }, description: { from: "…", to: "…" } },
        actor: { id: creator.user.id, name: creator.user.name },
      }),
      expect.objectContaining({
        action: "task.status_changed",
        details: { status: { from: "TODO", to: "IN_PROGRESS" } },
        actor: { id: assignee.user.id, name: assignee.user.name },
      }),
      expect.objectContaining({ action: "task.created", subjectType: "task", subjectId: task.id, subjectName: "Tracked", details: {} }),
    ]);
  });

  it("answers 200 with no entries for a task without recorded activity, 404 for an id that never was a task", async () => {
    const { user, token } = await personWithToken("MEMBER", ["read"]);
    const quiet = await createTaskRow(user, { title: "Arranged without activity" });
    const empty = await api(`/api/tasks/${quiet.id}/activity`, { token });
    expect(empty.status).toBe(200);
    expect(empty.body).toEqual({ data: [], nextCursor: null });
    expectProblem(await api("/api/tasks/never-a-task/activity", { token }), 404);
  });

  it("answers 401 without a token and 405 with Allow to POST", async () => {
    const { token } = await personWithToken("MEMBER");
    const task = await createViaApi(token, { title: "Activity methods" });
    expectProblem(await api(`/api/tasks/${task.id}/activity`), 401);
    const post = await api(`/api/tasks/${task.id}/activity`, { method: "POST", token, json: { action: "task.deleted" } });
    expectProblem(post, 405);
    expect(post.headers.get("allow")).toBe("GET, HEAD");
  });
});

describe("GET /api/tasks", () => {
  /** Four tasks a second apart (oldest first), each word-marked, for one member. */
  async function arrange() {
    const me = await personWithToken("MEMBER", ["read"]);
    const other = await createUser({ name: "Someone Else" });
    const word = marker();
    const start = Date.now() - 60_000;
    const at = (seconds: number) => new Date(start + seconds * 1000);
    const overdueMine = await createTaskRow(me.user, { title: `${word} overdue`, assigneeId: me.user.id, dueDate: "2020-01-01", createdAt: at(1) });
    const others = await createTaskRow(me.user, { title: `${word} theirs`, status: "IN_PROGRESS", assigneeId: other.id, dueDate: "2999-12-31", createdAt: at(2) });
    const doneLate = await createTaskRow(me.user, { title: `${word} done late`, status: "DONE", dueDate: "2020-01-01", createdAt: at(3) });
    const open = await createTaskRow(me.user, { title: `${word} open`, createdAt: at(4) });
    return { ...me, other, word, tasks: { overdueMine, others, doneLate, open } };
  }

  it("filters by status, assignee (me, none, an id) and overdue, newest first", async () => {
    const { token, other, word, tasks } = await arrange();
    const list = (query: string) => api(`/api/tasks?q=${word}${query}`, { token });

    const all = await list("");
    expect(all.status).toBe(200);
    expect(ids(all)).toEqual([tasks.open.id, tasks.doneLate.id, tasks.others.id, tasks.overdueMine.id]);
    expect(all.body.nextCursor).toBeNull();
    expect(all.headers.get("link")).toBeNull();
    expect(all.body.data.find((task: { id: string }) => task.id === tasks.overdueMine.id).overdue).toBe(true);
    expect(all.body.data.find((task: { id: string }) => task.id === tasks.doneLate.id).overdue).toBe(false);

    expect(ids(await list("&status=TODO"))).toEqual([tasks.open.id, tasks.overdueMine.id]);
    expect(ids(await list("&status=DONE"))).toEqual([tasks.doneLate.id]);
    expect(ids(await list("&assignee=me"))).toEqual([tasks.overdueMine.id]);
    expect(ids(await list("&assignee=none"))).toEqual([tasks.open.id, tasks.doneLate.id]);
    expect(ids(await list(`&assignee=${other.id}`))).toEqual([tasks.others.id]);
    expect(ids(await list("&overdue=true"))).toEqual([tasks.overdueMine.id]);
    expect(ids(await list("&overdue=false"))).toEqual([tasks.open.id, tasks.doneLate.id, tasks.others.id]);
    expect(ids(await list("&status=TODO&assignee=me&overdue=true"))).toEqual([tasks.overdueMine.id]);
    expect(ids(await list("&status=IN_PROGRESS&assignee=none"))).toEqual([]);
    // An empty filter counts as left out, as from a form's empty field.
    expect(ids(await list("&status=&assignee=&overdue="))).toHaveLength(4);
  });

  it("searches title and description in any case, Unicode-aware, with non-ASCII text", async () => {
    const { token } = await personWithToken("MEMBER");
    const word = marker();
    const task = await createViaApi(token, { title: `Café ${word} Überprüfung 東京タワー`, description: `Ελληνικά ${word} κείμενο` });
    const search = async (q: string) => ids(await api(`/api/tasks?q=${encodeURIComponent(q)}`, { token }));

    expect(await search(`CAFÉ ${word.toUpperCase()}`)).toEqual([task.id]);
    expect(await search(`cafe\u0301 ${word}`)).toEqual([task.id]); // é as e + combining accent
    expect(await search(`ＣＡＦÉ ${word}`)).toEqual([task.id]); // full-width letters
    expect(await search(`${word} ÜBERPRÜFUNG 東京`)).toEqual([task.id]);
    expect(await search(`ΕΛΛΗΝΙΚΆ ${word}`)).toEqual([task.id]); // in the description
    expect(await search(`  ${word} überprüfung  `)).toEqual([task.id]); // trimmed
    expect(await search(`${word} tokyo`)).toEqual([]);
  });

  it("walks every task with cursors, newest first, with no duplicates and no gaps, ties broken by id", async () => {
    const { user, token } = await personWithToken("MEMBER", ["read"]);
    const word = marker();
    const start = Date.now() - 120_000;
    const tie = new Date(start + 5000);
    const rows = [];
    for (let i = 0; i < 8; i++) {
      // Three of them share one creation time, to the millisecond.
      const createdAt = i >= 3 && i < 6 ? tie : new Date(start + i * 1000);
      rows.push(await createTaskRow(user, { title: `${word} ${i}`, createdAt }));
    }
    const expected = [...rows]
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : -1))
      .map((task) => task.id);

    const seen: string[] = [];
    let path: string | null = `/api/tasks?q=${word}&limit=3`;
    let pages = 0;
    while (path) {
      const response = await api(path, { token });
      expect(response.status).toBe(200);
      expect(response.body.data.length).toBeLessThanOrEqual(3);
      seen.push(...ids(response));
      pages++;
      const link = response.headers.get("link");
      // The Link keeps the filters and the limit; after the first page it leads back too.
      expect(linkTo(link, "prev") !== null).toBe(pages > 1);
      if (response.body.nextCursor) {
        expect(linkTo(link, "next")).toBe(`/api/tasks?q=${word}&limit=3&cursor=${response.body.nextCursor}`);
        path = linkTo(link, "next");
      } else {
        expect(linkTo(link, "next")).toBeNull();
        path = null;
      }
    }
    expect(pages).toBe(3);
    expect(seen).toEqual(expected);
  });

  it("answers 400, not 422, to filter values it does not take, a repeated filter, a bad limit or an altered cursor", async () => {
    const { token } = await personWithToken("MEMBER", ["read"]);
    const bad = async (query: string, detail: RegExp) => {
      const response = await api(`/api/tasks?${query}`, { token });
      expectProblem(response, 400);
      expect(response.body.type).toBe("/api/docs#problem-bad-request");
      expect(response.body.detail).toMatch(detail);
    };
    await bad("status=NOPE", /^Query parameter status: Status must be To do, In progress or Done\. Send one of: TODO, IN_PROGRESS, DONE\.$/);
    await bad("status=todo", /status/);
    await bad("overdue=maybe", /^Query parameter overdue: Only overdue is either ticked or not\. Send one of: true, false\.$/);
    await bad("sort=priority", /^Query parameter sort: Sort by must be one of: Newest first, .*\. Send one of: -created, created, -updated, updated, due, -due, title, -title\.$/);
    await bad(`assignee=${"x".repeat(65)}`, /assignee/);
    await bad(`q=${"q".repeat(201)}`, /Search for at most 200 characters/);
    await bad("status=TODO&status=DONE", /^Give status at most once\.$/);
    await bad("limit=0", /limit/);
    await bad("limit=101", /limit/);
    await bad("limit=ten", /limit/);
    await bad("cursor=", /cursor/);
    await bad("cursor=not-a-cursor", /cursor is not valid/);

    const { user } = await personWithToken("MEMBER");
    for (let i = 0; i < 2; i++) await createTaskRow(user, { title: `Page filler ${i}` });
    const first = await api("/api/tasks?limit=1", { token });
    const cursor: string = first.body.nextCursor;
    expect(cursor).toBeTruthy();
    await bad(`cursor=${(cursor[0] === "A" ? "B" : "A") + cursor.slice(1)}`, /cursor is not valid/);
    // A cursor with a valid checksum (none is secret) but no date in it.
    await bad(`cursor=${encodeCursor(["not a date", "x"])}`, /cursor/);
  });

  it("answers 401 without a token and 405 with Allow to PUT", async () => {
    expectProblem(await api("/api/tasks"), 401);
    expectProblem(await api("/api/tasks", { token: "tdm_not-a-real-token" }), 401);
    const { token } = await personWithToken("MEMBER");
    const put = await api("/api/tasks", { method: "PUT", token, json: { title: "x" } });
    expectProblem(put, 405);
    expect(put.headers.get("allow")).toBe("GET, HEAD, POST");
  });
});

describe("GET /api/tasks?sort=", () => {
  /** Seven tasks of one word: two due the same day, two without a due date. */
  async function sortable() {
    const { user, token } = await personWithToken("MEMBER", ["read"]);
    const word = marker();
    const dues = ["2030-05-01", null, "2030-03-01", "2030-03-01", null, "2030-01-01", "2030-04-01"];
    for (const [i, dueDate] of dues.entries()) await createTaskRow(user, { title: `${word} ${i}`, dueDate });
    return { token, word };
  }

  it("sorts by due date with the undated last, pages forwards by rel=next and back by rel=prev", async () => {
    const { token, word } = await sortable();
    const forwards: string[][] = [];
    const paths: string[] = [];
    let path: string | null = `/api/tasks?q=${word}&sort=due&limit=3`;
    while (path) {
      const response = await api(path, { token });
      expect(response.status).toBe(200);
      forwards.push(response.body.data.map((task: { dueDate: string | null }) => task.dueDate));
      paths.push(path);
      path = linkTo(response.headers.get("link"), "next");
    }
    expect(forwards).toEqual([["2030-01-01", "2030-03-01", "2030-03-01"], ["2030-04-01", "2030-05-01", null], [null]]);

    // Back from the last page by rel="prev": the same pages, in reverse, and no prev on the first.
    const backwards: string[][] = [];
    path = paths.at(-1)!;
    while (path) {
      const response = await api(path, { token });
      backwards.unshift(response.body.data.map((task: { dueDate: string | null }) => task.dueDate));
      const prev = linkTo(response.headers.get("link"), "prev");
      if (prev) expect(prev).toMatch(new RegExp(`^/api/tasks\\?q=${word}&sort=due&limit=3&cursor=`));
      path = prev;
    }
    expect(backwards).toEqual(forwards);
  });

  it("sorts descending with a leading minus, the undated still last", async () => {
    const { token, word } = await sortable();
    const response = await api(`/api/tasks?q=${word}&sort=-due`, { token });
    expect(response.body.data.map((task: { dueDate: string | null }) => task.dueDate)).toEqual([
      "2030-05-01",
      "2030-04-01",
      "2030-03-01",
      "2030-03-01",
      "2030-01-01",
      null,
      null,
    ]);
    expect(response.headers.get("link")).toBeNull();
  });

  it("answers 400 problem to an unknown sort, and to a cursor used with another sort", async () => {
    const { token, word } = await sortable();
    const bad = await api(`/api/tasks?q=${word}&sort=priority`, { token });
    expectProblem(bad, 400);
    expect(bad.body.detail).toContain("Send one of: -created, created, -updated, updated, due, -due, title, -title.");
    const first = await api(`/api/tasks?q=${word}&sort=due&limit=2`, { token });
    const other = await api(`/api/tasks?q=${word}&sort=title&cursor=${first.body.nextCursor}`, { token });
    expectProblem(other, 400);
    expect(other.body.detail).toBe("The cursor is not valid: start again from the first page.");
  });
});

describe("every task operation", () => {
  it("answers 429 with Retry-After once the token's quota for the minute is used up", async () => {
    const { token } = await personWithToken("MEMBER");
    const task = await createViaApi(token, { title: "Rate limited" });
    for (let sent = 1; sent < HTTP_RATE_LIMIT; sent += 20) {
      await Promise.all(
        Array.from({ length: Math.min(20, HTTP_RATE_LIMIT - sent) }, () =>
          fetch(`${baseUrl()}/api/me`, { headers: { Authorization: `Bearer ${token}` } }).then((response) => response.arrayBuffer()),
        ),
      );
    }
    const calls: [string, { method: string; json?: unknown }][] = [
      ["/api/tasks", { method: "GET" }],
      ["/api/tasks", { method: "POST", json: { title: "Too many" } }],
      [`/api/tasks/${task.id}`, { method: "GET" }],
      [`/api/tasks/${task.id}`, { method: "PATCH", json: { title: "Too many" } }],
      [`/api/tasks/${task.id}`, { method: "DELETE" }],
      [`/api/tasks/${task.id}/activity`, { method: "GET" }],
    ];
    for (const [path, options] of calls) {
      const response = await api(path, { ...options, token });
      expectProblem(response, 429);
      expect(Number(response.headers.get("retry-after"))).toBeGreaterThan(0);
    }
    expect(await taskRow(task.id)).toMatchObject({ title: "Rate limited", version: 1 });
  });

  // The faults are arranged in SQLite's own terms (a text in a date column, its trigger syntax);
  // on PostgreSQL, tests/scale-out/ breaks the database server itself instead.
  it.runIf(databaseProvider() === "sqlite")("answers a fault on the server with a plain 500 that reveals nothing, and changes nothing", async () => {
    // Faults arranged in the database: a stored due date that is no date (reading the task
    // fails), activity details that are no JSON, and triggers that make a write fail.
    const { user, token } = await personWithToken("MEMBER");
    const word = marker();
    const broken = await createViaApi(token, { title: `${word} broken`, dueDate: "2999-01-01" });
    const deletable = await createViaApi(token, { title: `${word} undeletable` });
    const ghost = `ghost-${word}`;
    const cleanup = [
      `DROP TRIGGER IF EXISTS "test_refuse_insert_${word}"`,
      `DROP TRIGGER IF EXISTS "test_refuse_delete_${word}"`,
    ];
    try {
      await db.$executeRawUnsafe(`UPDATE "Task" SET "dueDate" = 'not a date' WHERE "id" = ?`, broken.id);
      await db.$executeRawUnsafe(
        `INSERT INTO "Activity" ("id", "actorId", "action", "subjectType", "subjectId", "subjectName", "details", "createdAt") VALUES (?, ?, 'task.created', 'task', ?, 'Ghost', '{not json', ?)`,
        `act-${word}`,
        user.id,
        ghost,
        new Date().toISOString(),
      );
      await db.$executeRawUnsafe(
        `CREATE TRIGGER "test_refuse_insert_${word}" BEFORE INSERT ON "Task" WHEN NEW."title" = '${word} refused' BEGIN SELECT RAISE(ABORT, 'refused by the test'); END`,
      );
      await db.$executeRawUnsafe(
        `CREATE TRIGGER "test_refuse_delete_${word}" BEFORE DELETE ON "Task" WHEN OLD."id" = '${deletable.id}' BEGIN SELECT RAISE(ABORT, 'refused by the test'); END`,
      );

      const key = idempotencyKey();
      const failures = [
        await api(`/api/tasks?q=${word}%20broken`, { token }),
        await api("/api/tasks", { method: "POST", token, json: { title: `${word} refused` }, headers: { "Idempotency-Key": key } }),
        await api(`/api/tasks/${broken.id}`, { token }),
        await api(`/api/tasks/${broken.id}`, { method: "PATCH", token, json: { title: "Never applied" } }),
        await api(`/api/tasks/${deletable.id}`, { method: "DELETE", token }),
        await api(`/api/tasks/${ghost}/activity`, { token }),
      ];
      for (const response of failures) {
        expectProblem(response, 500);
        expect(response.body.detail).toBe("Something went wrong on our side. Quote the request id when you report it.");
        expect(response.text).not.toMatch(/RangeError|Invalid time|refused by the test|JSON|prisma|at .*\.ts/i);
      }
      expect(await db.task.count({ where: { title: `${word} refused` } })).toBe(0);
      expect(await db.task.findUnique({ where: { id: broken.id }, select: { title: true, version: true } })).toEqual({ title: `${word} broken`, version: 1 });
      expect(await taskRow(deletable.id)).not.toBeNull();

      // A failed POST gives its Idempotency-Key back: once the fault is gone, the same request runs.
      await db.$executeRawUnsafe(cleanup[0]!);
      const retried = await api("/api/tasks", { method: "POST", token, json: { title: `${word} refused` }, headers: { "Idempotency-Key": key } });
      expect(retried.status).toBe(201);
      expect(retried.headers.get("idempotent-replayed")).toBeNull();
    } finally {
      for (const statement of cleanup) await db.$executeRawUnsafe(statement);
      await db.activity.deleteMany({ where: { subjectId: ghost } });
      await db.task.deleteMany({ where: { id: { in: [broken.id, deletable.id] } } });
    }
  });
});
