import { describe, expect, it, vi } from "vitest";
import { publicApiRoute } from "#app/api/route.server.ts";
import { ValidationError } from "#services/errors.ts";
import { args } from "#tests/support/http.ts";

describe("apiRoute's error mapping", () => {
  it("answers a bug with a 500 problem that holds no message, path or stack", async () => {
    const route = publicApiRoute({
      GET: async () => {
        throw new Error("secret internals in /work/main/services/users.ts:42");
      },
    });
    const quiet = vi.spyOn(console, "error").mockImplementation(() => {});
    const response = await route.loader(args(new Request("http://tandem.test/api/boom")));
    quiet.mockRestore();
    expect(response.status).toBe(500);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    const text = await response.text();
    expect(text).not.toMatch(/secret|\/work\/|users\.ts|at /);
    expect(JSON.parse(text)).toMatchObject({ status: 500, title: "Internal Server Error", requestId: response.headers.get("x-request-id") });
  });

  it("maps a domain ValidationError to 422 with JSON Pointers", async () => {
    const route = publicApiRoute({
      POST: async () => {
        throw new ValidationError([{ field: "name", message: "Enter a name." }]);
      },
    });
    const response = await route.action(args(new Request("http://tandem.test/api/x", { method: "POST" })));
    expect(response.status).toBe(422);
    expect(await response.json()).toMatchObject({ errors: [{ pointer: "/name", detail: "Enter a name." }] });
  });
});
