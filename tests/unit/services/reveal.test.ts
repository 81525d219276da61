import { describe, expect, it } from "vitest";
import { createSession } from "#services/auth.ts";
import { db } from "#services/db/client.ts";
import { REVEAL_LIFETIME_MS, stashReveal, takeReveal } from "#services/reveal.ts";
import { createUser } from "#tests/support/factories.ts";

const start = new Date(Date.now() + 60_000);
const SECRET = "tdm_the-secret-to-show-once";

describe("reveals", () => {
  it("are taken once by the session's next page, and stored only encrypted until then", async () => {
    const user = await createUser();
    const { token } = await createSession(user.id);

    await stashReveal(token, { kind: "token", id: "t1", name: "ci", secret: SECRET }, start);
    const stored = await db.session.findFirstOrThrow({ where: { userId: user.id } });
    expect(stored.reveal).toBeTruthy();
    expect(stored.reveal).not.toContain(SECRET);
    expect(stored.reveal).not.toContain("ci");

    expect(await takeReveal(token, "token", start)).toEqual({ kind: "token", id: "t1", name: "ci", secret: SECRET });
    expect(await takeReveal(token, "token", start)).toBeNull();
    expect((await db.session.findFirstOrThrow({ where: { userId: user.id } })).reveal).toBeNull();
  });

  it("stay for their own page when another kind is asked for, and are not shown after they expire", async () => {
    const user = await createUser();
    const { token } = await createSession(user.id);
    await stashReveal(token, { kind: "token", id: "t1", name: "ci", secret: SECRET }, start);

    expect(await takeReveal(token, "invitation", start)).toBeNull();
    expect(await takeReveal(token, "token", new Date(start.getTime() + REVEAL_LIFETIME_MS))).toBeNull();
    expect((await db.session.findFirstOrThrow({ where: { userId: user.id } })).reveal).toBeNull();
  });

  it("open only with the session's own token", async () => {
    const user = await createUser();
    const mine = await createSession(user.id);
    const other = await createSession(user.id);
    await stashReveal(mine.token, { kind: "token", id: "t1", name: "ci", secret: SECRET }, start);

    expect(await takeReveal(other.token, "token", start)).toBeNull();
    expect(await takeReveal(mine.token, "token", start)).toMatchObject({ secret: SECRET });
  });
});
