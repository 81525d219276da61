import { describe, expect, it } from "vitest";
import { db } from "#services/db/client.ts";
import { sharedSecret } from "#services/secrets.ts";

describe("sharedSecret", () => {
  it("is made once, by whichever caller comes first, and every caller gets that one", async () => {
    const values = await Promise.all(Array.from({ length: 10 }, () => sharedSecret("test-key")));

    expect(new Set(values).size).toBe(1);
    expect(values[0]).toMatch(/^[0-9a-f]{64}$/);
    expect(await db.secret.count()).toBe(1);
    // Asked again later (another instance, a restart): the same.
    expect(await sharedSecret("test-key")).toBe(values[0]);
  });

  it("keeps each name's secret apart", async () => {
    const [a, b] = [await sharedSecret("one"), await sharedSecret("two")];
    expect(a).not.toBe(b);
    expect(await db.secret.count()).toBe(2);
  });
});
