import { execFileSync } from "node:child_process";
import { afterEach, describe, expect, it, vi } from "vitest";
import { db } from "#services/db/client.ts";
import { databaseProvider } from "#services/db/url.ts";
import { countApiRequest } from "#services/rate-limit.ts";
import { newId } from "#services/db/ids.ts";

afterEach(() => vi.unstubAllEnvs());

describe("countApiRequest", () => {
  it("allows the limit within the window, counts down what remains, then refuses with the time to wait", async () => {
    vi.stubEnv("API_RATE_LIMIT_PER_MINUTE", "3");
    const token = newId();

    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await countApiRequest(token));

    expect(answers.map(({ allowed, remaining }) => ({ allowed, remaining }))).toEqual([
      { allowed: true, remaining: 2 },
      { allowed: true, remaining: 1 },
      { allowed: true, remaining: 0 },
      { allowed: false, remaining: 0 },
    ]);
    for (const answer of answers) {
      expect(answer.limit).toBe(3);
      expect(answer.resetSeconds).toBeGreaterThanOrEqual(1);
      expect(answer.resetSeconds).toBeLessThanOrEqual(60);
    }
    // Another token has its own count.
    expect((await countApiRequest(newId())).allowed).toBe(true);
  });

  it.runIf(databaseProvider() === "postgres")(
    "on PostgreSQL, counts in the database: another process's requests count against the same limit",
    async () => {
      vi.stubEnv("API_RATE_LIMIT_PER_MINUTE", "10");
      const token = newId();
      for (let i = 0; i < 4; i++) expect((await countApiRequest(token)).allowed).toBe(true);

      // A second process, like a second instance, gets only what is left of the 10.
      const output = execFileSync("npx", ["tsx", "tests/support/count-api-requests.ts", token, "10"], {
        env: { ...process.env, API_RATE_LIMIT_PER_MINUTE: "10" },
        encoding: "utf8",
      });
      expect(Number(output.trim())).toBe(6);
      expect((await countApiRequest(token)).allowed).toBe(false);
      const [row] = await db.$queryRaw<{ points: number }[]>`SELECT "points" FROM "RateLimit" WHERE "key" LIKE ${`%${token}`}`;
      // Every request counted, refused ones too: 4 here, 10 there, 1 here.
      expect(Number(row?.points)).toBe(15);
    },
    30_000,
  );
});
