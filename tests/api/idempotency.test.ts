import { describe, expect, it } from "vitest";
import { db } from "#services/db/client.ts";
import { api, expectProblem, personWithToken, uniqueEmail } from "./support.ts";

const person = () => ({ email: uniqueEmail("idem"), name: "Idem Potent", password: "a long enough password" });
const key = () => `key-${Date.now()}-${Math.random().toString(36).slice(2)}`;

describe("Idempotency-Key on POST /api/users", () => {
  it("replays the first response for the same key and body, creating one user", async () => {
    const { token } = await personWithToken("ADMIN");
    const input = person();
    const headers = { "Idempotency-Key": key() };
    const first = await api("/api/users", { method: "POST", token, json: input, headers });
    const second = await api("/api/users", { method: "POST", token, json: input, headers });
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.body).toEqual(first.body);
    expect(second.headers.get("location")).toBe(first.headers.get("location"));
    expect(second.headers.get("idempotent-replayed")).toBe("true");
    expect(await db.user.count({ where: { email: input.email } })).toBe(1);
    expect(await db.activity.count({ where: { action: "user.created", subjectId: first.body.id } })).toBe(1);
  });

  it("answers 422 when the key comes back with another body", async () => {
    const { token } = await personWithToken("ADMIN");
    const headers = { "Idempotency-Key": key() };
    await api("/api/users", { method: "POST", token, json: person(), headers });
    const other = person();
    expectProblem(await api("/api/users", { method: "POST", token, json: other, headers }), 422);
    expect(await db.user.count({ where: { email: other.email } })).toBe(0);
  });

  it("answers 409 while the first request with the key is still running", async () => {
    const { user, token } = await personWithToken("ADMIN");
    const input = person();
    const inFlight = key();
    // The first request has claimed the key and not finished: exactly what the server stores meanwhile.
    const { createHash } = await import("node:crypto");
    await db.idempotencyKey.create({
      data: {
        userId: user.id,
        route: "POST /api/users",
        key: inFlight,
        requestHash: createHash("sha256").update(JSON.stringify(input)).digest("hex"),
        expiresAt: new Date(Date.now() + 60_000),
      },
    });
    const response = await api("/api/users", { method: "POST", token, json: input, headers: { "Idempotency-Key": inFlight } });
    expectProblem(response, 409);
    expect(await db.user.count({ where: { email: input.email } })).toBe(0);
  });

  it("lets two concurrent requests with one key create exactly one user", async () => {
    const { token } = await personWithToken("ADMIN");
    const input = person();
    const headers = { "Idempotency-Key": key() };
    const responses = await Promise.all(
      Array.from({ length: 5 }, () => api("/api/users", { method: "POST", token, json: input, headers })),
    );
    const statuses = responses.map((response) => response.status);
    // Each one is the first answer, its replay, or "still in progress".
    expect(statuses.every((status) => status === 201 || status === 409)).toBe(true);
    expect(statuses).toContain(201);
    const created = responses.filter((response) => response.status === 201);
    expect(new Set(created.map((response) => response.body.id)).size).toBe(1);
    expect(await db.user.count({ where: { email: input.email } })).toBe(1);
  });

  it("scopes keys per user: another admin's same key is a fresh request", async () => {
    const first = await personWithToken("ADMIN");
    const second = await personWithToken("ADMIN");
    const shared = key();
    const a = await api("/api/users", { method: "POST", token: first.token, json: person(), headers: { "Idempotency-Key": shared } });
    const b = await api("/api/users", { method: "POST", token: second.token, json: person(), headers: { "Idempotency-Key": shared } });
    expect(a.status).toBe(201);
    expect(b.status).toBe(201);
    expect(b.body.id).not.toBe(a.body.id);
  });

  it("forgets a key after 24 hours", async () => {
    const { token } = await personWithToken("ADMIN");
    const input = person();
    const headers = { "Idempotency-Key": key() };
    const first = await api("/api/users", { method: "POST", token, json: input, headers });
    await db.idempotencyKey.updateMany({ where: { key: headers["Idempotency-Key"] }, data: { expiresAt: new Date(Date.now() - 1) } });
    const again = await api("/api/users", { method: "POST", token, json: input, headers });
    // Not a replay: the request ran again (and met the taken email).
    expectProblem(again, 409);
    expect(again.headers.get("idempotent-replayed")).toBeNull();
    expect(first.status).toBe(201);
  });

  it("refuses an unusable key with 400", async () => {
    const { token } = await personWithToken("ADMIN");
    expectProblem(await api("/api/users", { method: "POST", token, json: person(), headers: { "Idempotency-Key": "x".repeat(300) } }), 400);
  });
});
