import http from "node:http";
import { describe, expect, it } from "vitest";
import { db } from "#services/db/client.ts";
import { api, baseUrl, checkAgainstDocument, expectProblem, personWithToken } from "./support.ts";

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

  it("refuses a chunked body over 1 MiB with 413, keeping none of it", async () => {
    const { token } = await personWithToken("ADMIN");
    const before = await db.user.count();
    const chunk = Buffer.alloc(64 * 1024, "x");
    // 4 MiB in chunks, with no Content-Length: only counting while reading can catch it.
    const { status, headers, text, sent } = await new Promise<{ status: number; headers: Headers; text: string; sent: number }>(
      (resolve, reject) => {
        let sent = 0;
        let answered = false;
        const request = http.request(`${baseUrl()}/api/users`, {
          method: "POST",
          headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json", "Transfer-Encoding": "chunked" },
        });
        request.on("response", (response) => {
          answered = true;
          let body = "";
          response.on("data", (data) => (body += data));
          response.on("end", () =>
            resolve({
              status: response.statusCode!,
              headers: new Headers(response.headers as Record<string, string>),
              text: body,
              sent,
            }),
          );
        });
        // Once the server has answered and closed, writing fails; that is expected.
        request.on("error", (error) => (answered ? undefined : reject(error)));
        const pump = () => {
          while (!answered && sent < 4 * LIMIT) {
            sent += chunk.byteLength;
            if (!request.write(chunk)) return request.once("drain", pump);
          }
          if (!answered) request.end();
        };
        pump();
      },
    );
    const response = { status, headers, text, body: JSON.parse(text) };
    await checkAgainstDocument("POST", "/api/users", response);
    expectProblem(response, 413);
    expect(sent).toBeGreaterThan(LIMIT);
    expect(await db.user.count()).toBe(before);
  });

  it("closes the connection after refusing an unread body, so the next request is not stalled", async () => {
    const { token } = await personWithToken("ADMIN");
    const refused = await api("/api/users", {
      method: "POST",
      token,
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ name: "y".repeat(2 * LIMIT) }),
    });
    expectProblem(refused, 413);
    // Through nginx (TANDEM_TEST_TARGET=cluster) the client's connection is nginx's, which reads and
    // drops the rest of the body itself and may keep the connection; what matters is the next request.
    if (process.env.TANDEM_TEST_TARGET !== "cluster") expect(refused.headers.get("connection")).toBe("close");
    // Before the fix, the kept-alive connection still held the unread body and this hung, then reset.
    expect((await api("/api/me", { token })).status).toBe(200);
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
