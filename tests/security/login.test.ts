import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { db } from "#services/db/client.ts";
import { deactivateUser } from "#services/users.ts";
import { baseUrl } from "#tests/api/support.ts";
import { createAdmin, createTaskRow, createUser, TEST_PASSWORD } from "#tests/support/factories.ts";
import { signIn } from "#tests/support/http.ts";
import { getPage, send } from "./support.ts";
import { startServerOnCopy, type OwnServer } from "#tests/support/own-server.ts";

/**
 * Attacks on signing in and out: telling accounts apart by the answer, guessing passwords
 * (per account and per address, without locking the real person out for good), planting a
 * session before sign-in, and reusing a cookie after signing out.
 */
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const unique = (label: string) => `${label}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@login.test`;

async function login(fields: Record<string, string>, { base = baseUrl(), cookie, forwardedFor }: { base?: string; cookie?: string; forwardedFor?: string } = {}) {
  const response = await fetch(`${base}/login`, {
    method: "POST",
    redirect: "manual",
    headers: {
      "Content-Type": "application/x-www-form-urlencoded",
      ...(cookie ? { Cookie: cookie } : {}),
      ...(forwardedFor ? { "X-Forwarded-For": forwardedFor } : {}),
    },
    body: new URLSearchParams(fields),
  });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

/** The session cookie a response set, as `name=value`, or undefined. */
const sessionCookieIn = (headers: Headers) => headers.getSetCookie().find((cookie) => /^(__Host-)?tandem_session=./.test(cookie))?.split(";")[0];

/** A Set-Cookie list with values and dates blanked: what is left is its shape. */
const cookieShapes = (headers: Headers) =>
  headers.getSetCookie().map((cookie) => cookie.replace(/=[^;]*/, "=…").replace(/Expires=[^;]*/i, "Expires=…")).sort();

describe("unknown email and wrong password", () => {
  afterEach(async () => {
    // The shared server's address count must not carry these failures into other files.
    await db.loginFailure.deleteMany({ where: { scope: "address" } });
  });

  it("an unknown email, a wrong password and a deactivated account with a wrong password get the same answer", async () => {
    const admin = await createAdmin();
    const known = await createUser({ email: unique("known") });
    const gone = await createUser({ email: unique("gone") });
    await deactivateUser(admin.actor, gone.id);
    const cases = [
      { email: unique("nobody"), password: "a wrong password" },
      { email: known.email, password: "a wrong password" },
      { email: gone.email, password: "a wrong password" },
    ];
    const answers = [];
    for (const fields of cases) {
      const answer = await login(fields);
      // The only differences allowed: the echoed email and the per-response CSP nonce.
      const body = answer.text.split(fields.email).join("EMAIL").replace(/nonce(=|-)"?[A-Za-z0-9+/=]+/g, "nonce$1…");
      answers.push({ status: answer.status, body, cookies: cookieShapes(answer.headers), retryAfter: answer.headers.get("retry-after") });
    }
    expect(answers[0]!.status).toBe(401);
    expect(answers[0]!.body).toContain("EMAIL");
    expect(answers[1]).toEqual(answers[0]);
    expect(answers[2]).toEqual(answers[0]);
  });

  it("a deactivated account with the right password is told it is deactivated", async () => {
    const admin = await createAdmin();
    const gone = await createUser({ email: unique("gone") });
    await deactivateUser(admin.actor, gone.id);

    const answer = await login({ email: gone.email, password: TEST_PASSWORD });

    expect(answer.status).toBe(401);
    expect(answer.text).toContain("This account is deactivated. Ask an admin to reactivate it.");
    expect(sessionCookieIn(answer.headers)).toBeUndefined();
  });
});

describe("login throttling on a server behind a trusted proxy", () => {
  // Its own server and database copy with a small limit and a 12-second window, so that a test can
  // reach the limit and see it lift; TRUST_PROXY lets each request name its client address.
  const WINDOW_SECONDS = 12;
  let server: OwnServer;
  let victim: Awaited<ReturnType<typeof createUser>>;
  let bystander: Awaited<ReturnType<typeof createUser>>;

  beforeAll(async () => {
    victim = await createUser({ email: unique("victim") });
    bystander = await createUser({ email: unique("bystander") });
    server = await startServerOnCopy(1, {
      TRUST_PROXY: "1",
      LOGIN_FAILURES_PER_ACCOUNT: "3",
      LOGIN_FAILURES_PER_ADDRESS: "4",
      LOGIN_THROTTLE_MINUTES: String(WINDOW_SECONDS / 60),
    });
  }, 90_000);

  afterAll(async () => {
    await server?.stop();
  });

  it("guessing one account's password from many addresses is stopped per account with 429 and Retry-After, and lifts when the window passes", async () => {
    const base = server.base;
    // Three wrong guesses, each from another address, one with the email in other case and spaces.
    for (const [i, email] of [victim.email, victim.email.toUpperCase(), ` ${victim.email} `].entries()) {
      const answer = await login({ email, password: `guess ${i}` }, { base, forwardedFor: `192.0.2.${i + 1}` });
      expect(answer.status).toBe(401);
    }
    // Now even the right password, from a fresh address, is refused before it is checked.
    const locked = await login({ email: victim.email, password: victim.password }, { base, forwardedFor: "192.0.2.50" });
    expect(locked.status).toBe(429);
    const retryAfter = Number(locked.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(WINDOW_SECONDS);
    expect(locked.text).toContain("Too many failed sign-ins");
    expect(sessionCookieIn(locked.headers)).toBeUndefined();
    // Refused attempts are not counted, so hammering on does not push the reopening back.
    for (let i = 0; i < 3; i++) {
      expect((await login({ email: victim.email, password: "still guessing" }, { base, forwardedFor: `192.0.2.${60 + i}` })).status).toBe(429);
    }
    // Another account is not affected.
    expect((await login({ email: bystander.email, password: bystander.password }, { base, forwardedFor: "192.0.2.70" })).status).toBe(302);

    await pause((retryAfter + 1) * 1000);
    const reopened = await login({ email: victim.email, password: victim.password }, { base, forwardedFor: "192.0.2.50" });
    expect(reopened.status).toBe(302);
    expect(sessionCookieIn(reopened.headers)).toBeTruthy();
  }, 60_000);

  it("spraying many accounts from one address is stopped per address, the client cannot escape it by prepending addresses, and it lifts in time", async () => {
    const base = server.base;
    const attacker = "198.51.100.23";
    for (let i = 0; i < 4; i++) {
      expect((await login({ email: unique(`sprayed-${i}`), password: "Password1!" }, { base, forwardedFor: attacker })).status).toBe(401);
    }
    // Even a real person's right password from that address now waits.
    const locked = await login({ email: bystander.email, password: bystander.password }, { base, forwardedFor: attacker });
    expect(locked.status).toBe(429);
    const retryAfter = Number(locked.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(WINDOW_SECONDS);
    // Entries the client writes in front of the proxy's own change nothing.
    const prefixed = await login({ email: unique("sprayed-x"), password: "Password1!" }, { base, forwardedFor: `203.0.113.99, ${attacker}` });
    expect(prefixed.status).toBe(429);
    // The same person from another address signs in.
    expect((await login({ email: bystander.email, password: bystander.password }, { base, forwardedFor: "198.51.100.24" })).status).toBe(302);

    await pause((retryAfter + 1) * 1000);
    expect((await login({ email: bystander.email, password: bystander.password }, { base, forwardedFor: attacker })).status).toBe(302);
  }, 60_000);
});

describe("sessions across signing in and out", () => {
  afterEach(async () => {
    await db.loginFailure.deleteMany({ where: { scope: "address" } });
  });

  it("a session cookie planted before sign-in is not reused: the id changes and the planted session ends", async () => {
    const attacker = await createUser();
    const victim = await createUser({ email: unique("fixated") });
    const planted = await signIn(attacker);
    const inventedToken = `tandem_session=${encodeURIComponent(btoa(JSON.stringify("attacker-chosen-session-id")))}`;
    for (const cookie of [planted, inventedToken]) {
      const answer = await login({ email: victim.email, password: victim.password }, { cookie });
      expect(answer.status).toBe(302);
      const fresh = sessionCookieIn(answer.headers);
      expect(fresh).toBeTruthy();
      expect(fresh).not.toBe(cookie);
      expect((await getPage("/settings", { cookie: fresh })).text).toContain(victim.email);
    }
    // The attacker's planted session was signed out by the victim's sign-in; it is nobody now.
    const reused = await getPage("/settings", { cookie: planted });
    expect(reused.status).toBe(302);
    expect(reused.headers.get("location")).toMatch(/^\/login/);
  });

  /** What an old cookie still gets: pages send to /login, and `.data` carries nothing of the person's. */
  async function expectAnonymous(cookie: string, secrets: string[]) {
    for (const path of ["/", "/tasks", "/settings", "/settings/tokens"]) {
      const page = await getPage(path, { cookie });
      expect(page.status, path).toBe(302);
      expect(page.headers.get("location"), path).toMatch(/^\/login/);
      const data = await getPage(`${path === "/" ? "/_root" : path}.data`, { cookie });
      expect(data.text, `${path}.data`).toMatch(/SingleFetchRedirect|"redirect","\/login/);
      for (const secret of secrets) expect(data.text, `${path}.data`).not.toContain(secret);
    }
  }

  it("after logout the old cookie is anonymous", async () => {
    const user = await createUser({ email: unique("logout"), name: "Lou Logout" });
    await createTaskRow(user, { title: "Lou's private plans", assigneeId: user.id });
    const signedIn = await login({ email: user.email, password: user.password });
    const cookie = sessionCookieIn(signedIn.headers)!;
    expect((await getPage("/tasks", { cookie })).text).toContain("Lou&#x27;s private plans");
    const out = await send("/logout", { cookie, body: "" });
    expect(out.status).toBe(302);
    expect(out.headers.get("location")).toBe("/login");
    expect(out.headers.getSetCookie().some((value) => /^tandem_session=;.*(Max-Age=0|Expires=Thu, 01 Jan 1970)/i.test(value))).toBe(true);
    await expectAnonymous(cookie, [user.email, "Lou Logout", "Lou&#x27;s private plans", "Lou's private plans"]);
  });

  it("after signing out everywhere, every old cookie of that person is anonymous, other people's are not", async () => {
    const user = await createUser({ email: unique("everywhere"), name: "Eve Everywhere" });
    const other = await createUser();
    const laptop = sessionCookieIn((await login({ email: user.email, password: user.password })).headers)!;
    const phone = await signIn(user);
    const othersCookie = await signIn(other);
    const out = await send("/settings", { cookie: phone, body: new URLSearchParams({ intent: "sign-out-everywhere" }) });
    expect(out.status).toBe(302);
    expect(out.headers.get("location")).toBe("/login");
    expect(await db.session.count({ where: { userId: user.id } })).toBe(0);
    await expectAnonymous(laptop, [user.email, "Eve Everywhere"]);
    await expectAnonymous(phone, [user.email, "Eve Everywhere"]);
    expect((await getPage("/settings", { cookie: othersCookie })).status).toBe(200);
  });
});
