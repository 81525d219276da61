import { describe, expect, it } from "vitest";
import { HTTP_RATE_LIMIT } from "#tests/support/http-server.ts";
import { api, baseUrl, expectProblem, personWithToken } from "./support.ts";

describe("per-token rate limits", () => {
  it("tell every answer how much of the quota is left", async () => {
    const { token } = await personWithToken("MEMBER", ["read"]);
    const response = await api("/api/me", { token });
    expect(response.headers.get("ratelimit-policy")).toBe(`"per-token";q=${HTTP_RATE_LIMIT};w=60`);
    expect(response.headers.get("ratelimit")).toMatch(new RegExp(`^"per-token";r=${HTTP_RATE_LIMIT - 1};t=\\d+$`));
  });

  it("answer 429 with Retry-After past the limit, for that token only", async () => {
    const { token } = await personWithToken("MEMBER", ["read"]);
    const other = await personWithToken("MEMBER", ["read"]);
    // Use up the quota quickly; these answers are not under test.
    for (let sent = 0; sent < HTTP_RATE_LIMIT; sent += 20) {
      await Promise.all(
        Array.from({ length: Math.min(20, HTTP_RATE_LIMIT - sent) }, () =>
          fetch(`${baseUrl()}/api/me`, { headers: { Authorization: `Bearer ${token}` } }).then((response) => response.arrayBuffer()),
        ),
      );
    }
    const limited = await api("/api/me", { token });
    expectProblem(limited, 429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(limited.headers.get("ratelimit")).toMatch(/^"per-token";r=0;t=\d+$/);
    expect((await api("/api/me", { token: other.token })).status).toBe(200);
  });
});
