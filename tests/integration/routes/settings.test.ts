import { describe, expect, it } from "vitest";
import { findSession, verifyLogin } from "#services/auth.ts";
import { db } from "#services/db/client.ts";
import * as settings from "#app/routes/settings.tsx";
import { createUser } from "#tests/support/factories.ts";
import { cookieNamed, postForm, run, sessionTokenOf, signIn } from "#tests/support/http.ts";

describe("POST /settings", () => {
  it("changes the password, keeps this session and ends the others", async () => {
    const user = await createUser();
    const here = await signIn(user);
    const elsewhere = await signIn(user);
    const result = await run(
      settings.action,
      postForm("/settings", { intent: "change-password", currentPassword: user.password, newPassword: "my new long password" }, { cookie: here }),
    );
    expect(result).toRedirectTo("/settings");
    expect(await findSession(sessionTokenOf(here))).not.toBeNull();
    expect(await findSession(sessionTokenOf(elsewhere))).toBeNull();
    await expect(verifyLogin({ email: user.email, password: "my new long password" })).resolves.toMatchObject({ id: user.id });
  });

  it("re-renders with a message on the current password when it is wrong, changing nothing", async () => {
    const user = await createUser();
    const cookie = await signIn(user);
    const result = await run(
      settings.action,
      postForm("/settings", { intent: "change-password", currentPassword: "wrong wrong wrong", newPassword: "my new long password" }, { cookie }),
    );
    expect(result.status).toBe(400);
    expect(result.data).toMatchObject({
      intent: "change-password",
      fieldErrors: { currentPassword: "Your current password is not correct." },
    });
    expect((result.data as { values: object }).values).not.toHaveProperty("newPassword");
    await expect(verifyLogin({ email: user.email, password: user.password })).resolves.toBeDefined();
  });

  it("signs out everywhere, this browser included", async () => {
    const user = await createUser();
    const here = await signIn(user);
    await signIn(user);
    const result = await run(settings.action, postForm("/settings", { intent: "sign-out-everywhere" }, { cookie: here }));
    expect(result).toRedirectTo("/login");
    expect(cookieNamed(result.headers, "tandem_session")).toMatch(/Max-Age=0/);
    expect(await db.session.count({ where: { userId: user.id } })).toBe(0);
  });
});
