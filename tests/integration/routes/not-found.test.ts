import { describe, expect, it } from "vitest";
import * as notFound from "#app/routes/not-found.tsx";
import { createUser } from "#tests/support/factories.ts";
import { getRequest, run, signIn } from "#tests/support/http.ts";

describe("an address no route claims (app/routes/not-found.tsx)", () => {
  it("is a 404 for a visitor who is not signed in, not a redirect to sign in, with no frame to show", async () => {
    const result = await run(notFound.loader, getRequest("/this/does/not/exist"));
    expect(result.status).toBe(404);
    expect(result.data).toEqual({ frame: null });
  });

  it("is a 404 for a signed-in person, with what the signed-in frame shows about them", async () => {
    const me = await createUser({ name: "Nia Nowhere", role: "ADMIN" });
    const result = await run(notFound.loader, getRequest("/this/does/not/exist", { cookie: await signIn(me) }));
    expect(result.status).toBe(404);
    expect(result.data).toEqual({
      frame: {
        me: { name: "Nia Nowhere", role: "ADMIN", unread: "0" },
        // No preference yet: UTC and ISO, and the browser is asked for its own.
        time: { timeZone: "UTC", locale: "ISO", now: expect.any(Number) },
        askBrowserForTime: true,
      },
    });
  });
});
