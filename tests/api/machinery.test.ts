import { describe, expect, it } from "vitest";
import { db } from "../../services/db/client.ts";
import { api, baseUrl, expectProblem, personWithToken } from "./support.ts";

const LIMIT = 1024 * 1024;

describe("the HTTP machinery every endpoint shares", () => {
  it("echoes a sane X-Request-Id and replaces an insane one", async () => {
    const { token } = await personWithToken("MEMBER", ["read"]);
    expect((await api("/api/me", { token, headers: { "X-Request-Id": "trace-123" } })).headers.get("x-request-id")).toBe("trace-123");
    const replaced = await api("/api/me", { token, headers: { "X-Request-Id": "bad id with spaces" } });
    expect(replaced.headers.get("x-request-id")).not.toBe("bad id with spaces");
  });

  it("answers an unknown /api path with a problem+json 404 for any method", async () => {
    const { token } = await personWithToken("MEMBER", ["read"]);
    for (const method of ["GET", "POST", "DELETE"]) {
      const response = await fetch(`${baseUrl()}/api/no/such/thing`, { method, headers: { Authorization: `Bearer ${token}` } });
      expect(response.status).toBe(404);
      expect(response.headers.get("content-type")).toMatch(/^application\/problem\+json/);
      expect(response.headers.get("x-request-id")).toBeTruthy();
    }
  });

  it("answers a known path with a wrong method with 405 and Allow", async () => {
    const { token } = await personWithToken("ADMIN");
    const response = await api("/api/users", { method: "DELETE", token });
    expectProblem(response, 405);
    expect(response.headers.get("allow")).toBe("GET, HEAD, POST");
  });

  it("refuses a body that is not JSON by its content type with 415", async () => {
    const { token } = await personWithToken("ADMIN");
    const response = await api("/api/users", {
      method: "POST",
      token,
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: "email=a%40b.c&name=A&password=long+enough+password",
    });
    expectProblem(response, 415);
  });

  it("refuses malformed JSON with 400", async () => {
    const { token } = await personWithToken("ADMIN");
    const response = await api("/api/users", { method: "POST", token, headers: { "Content-Type": "application/json" }, body: '{"name": ' });
    expectProblem(response, 400);
    expect(response.body.detail).toMatch(/not valid JSON/);
  });

  it("refuses a body over 1 MiB declared by Content-Length with 413, writing nothing", async () => {
    const { token } = await personWithToken("ADMIN");
    const before = await db.user.count();
    const big = JSON.stringify({ email: "big@api.test", name: "x".repeat(LIMIT), password: "long enough password" });
    const response = await api("/api/users", { method: "POST", token, headers: { "Content-Type": "application/json" }, body: big });
    expectProblem(response, 413);
    expect(await db.user.count()).toBe(before);
  });

  it("refuses a chunked body over 1 MiB with 413 while it streams", async () => {
    const { token } = await personWithToken("ADMIN");
    const chunk = new TextEncoder().encode("x".repeat(64 * 1024));
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        // Far more than the limit; the server must answer without reading it all.
        if (sent >= 64 * LIMIT) return controller.close();
        sent += chunk.byteLength;
        controller.enqueue(chunk);
      },
    });
    const response = await api("/api/users", { method: "POST", token, headers: { "Content-Type": "application/json" }, body: stream });
    expectProblem(response, 413);
    expect(sent).toBeLessThan(64 * LIMIT);
  });

  it("hides internals of an unexpected failure behind a plain 500", async () => {
    // An unreadable cursor is a 400, not a crash: the mapping only answers 500 for real bugs,
    // whose messages and stacks never reach the client (see tests/integration/api-route.test.ts).
    const { token } = await personWithToken("MEMBER", ["read"]);
    const response = await api("/api/users?cursor=%F0%9F%92%A5.zzz", { token });
    expectProblem(response, 400);
    expect(response.text).not.toMatch(/at .*\.ts|node_modules|Error:/);
  });
});
