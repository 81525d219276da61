import { afterEach, describe, expect, it } from "vitest";
import { findSession } from "#services/auth.ts";
import { db } from "#services/db/client.ts";
import * as login from "#app/routes/login.tsx";
import * as logout from "#app/routes/logout.ts";
import { createUser } from "#tests/support/factories.ts";
import { cookieNamed, getRequest, postForm, run, sessionTokenOf, signIn } from "#tests/support/http.ts";



describe("POST /login", () => {
  it("signs in and redirects to a same-site redirectTo with an HttpOnly, SameSite=Lax cookie", async () => {
    const user = await createUser({ email: "ann@example.com" });
    const result = await run(
      login.action,
      postForm("/login", { email: "ANN@example.com", password: user.password, redirectTo: "/users" }),
    );
    expect(result).toRedirectTo("/users");
    const cookie = cookieNamed(result.headers, "tandem_session")!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).not.toMatch(/Secure/);
    expect((await findSession(sessionTokenOf(cookie)))?.actor.id).toBe(user.id);
  });

  it("uses a Secure __Host- cookie when the request came over HTTPS", async () => {
    const user = await createUser();
    const request = postForm("https://tandem.test/login", { email: user.email, password: user.password });
    const result = await run(login.action, request);
    const cookie = cookieNamed(result.headers, "__Host-tandem_session")!;
    expect(cookie).toMatch(/Secure/);
    expect(cookie).toMatch(/Path=\//);
    expect(cookie).not.toMatch(/Domain=/);
  });

  it("trusts X-Forwarded-Proto only when TRUST_PROXY is set", async () => {
    const user = await createUser();
    const forwarded = () =>
      postForm("/login", { email: user.email, password: user.password }, { headers: { "X-Forwarded-Proto": "https" } });
    expect(cookieNamed((await run(login.action, forwarded())).headers, "tandem_session")).toBeDefined();
    process.env.TRUST_PROXY = "1";
    try {
      expect(cookieNamed((await run(login.action, forwarded())).headers, "__Host-tandem_session")).toBeDefined();
    } finally {
      delete process.env.TRUST_PROXY;
    }
  });

  it.each(["//evil.example", "/\\evil.example", "https://evil.example", "javascript:alert(1)", "%2F%2Fevil.example"])(
    "ignores the unsafe redirectTo %s and goes home",
    async (redirectTo) => {
      const user = await createUser();
      const result = await run(login.action, postForm("/login", { email: user.email, password: user.password, redirectTo }));
      expect(result.headers.get("Location")).toBe("/");
    },
  );

  it("answers a wrong password and an unknown email alike, keeping the email but not the password", async () => {
    const user = await createUser({ email: "bo@example.com" });
    const wrong = await run(login.action, postForm("/login", { email: user.email, password: "not the password!" }));
    const unknown = await run(login.action, postForm("/login", { email: "nobody@example.com", password: "whatever it is" }));
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect((wrong.data as { formError: string }).formError).toBe((unknown.data as { formError: string }).formError);
    expect(wrong.data).toMatchObject({ values: { email: "bo@example.com" } });
    expect((wrong.data as { values: Record<string, string> }).values).not.toHaveProperty("password");
    expect(cookieNamed(wrong.headers, "tandem_session")).toBeUndefined();
  });

  it("re-renders with a message for each empty field", async () => {
    const result = await run(login.action, postForm("/login", { email: "", password: "" }));
    expect(result.status).toBe(400);
    expect(result.data).toMatchObject({
      fieldErrors: { email: "Enter your email address.", password: "Enter your password." },
    });
  });

  it("gives a new session at sign-in and ends the one the browser had", async () => {
    const user = await createUser();
    const before = await signIn(user);
    const result = await run(login.action, postForm("/login", { email: user.email, password: user.password }, { cookie: before }));
    const after = cookieNamed(result.headers, "tandem_session")!;
    expect(after.split(";")[0]).not.toBe(before);
    expect(await findSession(sessionTokenOf(before))).toBeNull();
  });

  it("sends a signed-in visitor of the login page on to where they were going", async () => {
    const user = await createUser();
    const result = await run(login.loader, getRequest("/login?redirectTo=/settings", { cookie: await signIn(user) }));
    expect(result).toRedirectTo("/settings");
  });
});

describe("POST /logout", () => {
  it("ends the session, clears the cookie and says so on the login page", async () => {
    const user = await createUser();
    const cookie = await signIn(user);
    const result = await run(logout.action, postForm("/logout", {}, { cookie }));
    expect(result).toRedirectTo("/login");
    expect(cookieNamed(result.headers, "tandem_session")).toMatch(/Max-Age=0/);
    expect(cookieNamed(result.headers, "tandem_flash")).toBeDefined();
    expect(await db.session.count({ where: { userId: user.id } })).toBe(0);
  });

  it("changes nothing on GET", async () => {
    const user = await createUser();
    const cookie = await signIn(user);
    const result = await run(logout.loader, getRequest("/logout", { cookie }));
    expect(result.headers.get("Location")).toBe("/");
    expect(await db.session.count({ where: { userId: user.id } })).toBe(1);
  });
});

describe("POST /login throttling", () => {
  afterEach(() => {
    delete process.env.LOGIN_FAILURES_PER_ADDRESS;
    delete process.env.TRUST_PROXY;
  });

  const wrongLogin = (email: string, headers: Record<string, string> = {}) =>
    postForm("/login", { email, password: "not the password!" }, { headers });

  it("answers 429 with Retry-After after 5 wrong passwords, even for the right one, and signs nobody in", async () => {
    const user = await createUser({ email: "cat@example.com" });
    for (let i = 0; i < 5; i++) expect((await run(login.action, wrongLogin(user.email))).status).toBe(401);
    const result = await run(login.action, postForm("/login", { email: user.email, password: user.password }));
    expect(result.status).toBe(429);
    const retryAfter = Number(result.headers.get("Retry-After"));
    expect(retryAfter).toBeGreaterThan(14 * 60);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    expect(result.data).toMatchObject({
      formError: "Too many failed sign-ins. Try again in 15 minutes.",
      values: { email: "cat@example.com" },
    });
    expect(cookieNamed(result.headers, "tandem_session")).toBeUndefined();
    expect(await db.session.count({ where: { userId: user.id } })).toBe(0);
  });

  it("ignores X-Forwarded-For without TRUST_PROXY: spoofing it does not escape the address limit", async () => {
    process.env.LOGIN_FAILURES_PER_ADDRESS = "3";
    const context = { clientAddress: "198.51.100.7" };
    for (let i = 0; i < 3; i++) {
      const result = await run(login.action, wrongLogin(`guess-${i}@example.com`, { "X-Forwarded-For": `203.0.113.${i}` }), {}, context);
      expect(result.status).toBe(401);
    }
    const spoofed = await run(login.action, wrongLogin("guess-9@example.com", { "X-Forwarded-For": "192.0.2.99" }), {}, context);
    expect(spoofed.status).toBe(429);
    expect(spoofed.headers.get("Retry-After")).toMatch(/^\d+$/);
    const keys = await db.loginFailure.findMany({ where: { scope: "address" }, select: { key: true } });
    expect(new Set(keys.map((row) => row.key))).toEqual(new Set(["198.51.100.7"]));
  });

  it("without a socket address or TRUST_PROXY, counts the attempt as from \"unknown\", never from X-Forwarded-For", async () => {
    await run(login.action, wrongLogin("who@example.com", { "X-Forwarded-For": "203.0.113.50" }));
    const keys = await db.loginFailure.findMany({ where: { scope: "address" }, select: { key: true } });
    expect(keys.map((row) => row.key)).toEqual(["unknown"]);
  });

  it("uses context.clientAddress: a locked address does not lock out another address", async () => {
    process.env.LOGIN_FAILURES_PER_ADDRESS = "3";
    const user = await createUser({ email: "dee@example.com" });
    for (let i = 0; i < 3; i++) await run(login.action, wrongLogin(`guess-${i}@example.com`), {}, { clientAddress: "198.51.100.8" });
    const locked = await run(login.action, postForm("/login", { email: user.email, password: user.password }), {}, {
      clientAddress: "198.51.100.8",
    });
    expect(locked.status).toBe(429);
    const elsewhere = await run(login.action, postForm("/login", { email: user.email, password: user.password }), {}, {
      clientAddress: "192.0.2.20",
    });
    expect(elsewhere.status).toBe(302);
  });

  it("with TRUST_PROXY counts the last X-Forwarded-For entry (the one the proxy added) over the proxy's socket address", async () => {
    process.env.TRUST_PROXY = "1";
    // Behind a proxy every socket is the proxy's; entries before the last are whatever the client wrote.
    await run(login.action, wrongLogin("a@example.com", { "X-Forwarded-For": "203.0.113.60, 10.0.0.1" }), {}, { clientAddress: "10.0.0.254" });
    await run(login.action, wrongLogin("b@example.com", { "X-Forwarded-For": "203.0.113.61" }), {}, { clientAddress: "10.0.0.254" });
    await run(login.action, wrongLogin("c@example.com"), {}, { clientAddress: "10.0.0.254" });
    const keys = await db.loginFailure.findMany({ where: { scope: "address" }, select: { key: true } });
    expect(keys.map((row) => row.key).sort()).toEqual(["10.0.0.1", "10.0.0.254", "203.0.113.61"]);
  });
});
