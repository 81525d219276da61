import { beforeAll, describe, expect, it } from "vitest";
import { baseUrl } from "#tests/api/support.ts";
import { createUser, TEST_PASSWORD } from "#tests/support/factories.ts";
import { signIn } from "#tests/support/http.ts";
import { getPage, rawExchange, send, unescapeHtml } from "./support.ts";

/**
 * Open redirects: every redirect target the app takes from a request (the login form's
 * `redirectTo`, the signed-in login page's query, the path of a protected page that sends to
 * /login) must end on this site, however it is spelled or encoded.
 */
const TARGETS = [
  "//evil.example",
  "///evil.example",
  "/\\evil.example",
  "/\\/evil.example",
  "\\\\evil.example",
  "https://evil.example",
  "http:evil.example",
  "javascript:alert(1)",
  "JaVaScRiPt:alert(1)",
  "%2F%2Fevil.example",
  "/%2F%2Fevil.example",
  "/%5Cevil.example",
  "/\t/evil.example",
  "/%09/evil.example",
  "/\n/evil.example",
  "%252F%252Fevil.example",
  "/%252F%252Fevil.example",
  "/.//evil.example",
  "/x/..//evil.example",
  "/%2e//evil.example",
  "/tasks/../..//evil.example",
  " //evil.example",
  "//evil.example@127.0.0.1",
  "https:/\\evil.example",
];

/** Where a browser would go from this Location: only a path on this site passes. */
function expectSameSitePath(location: string | null, target: string) {
  expect(location, `no Location for ${JSON.stringify(target)}`).toBeTruthy();
  const where = `Location ${JSON.stringify(location)} for redirectTo ${JSON.stringify(target)}`;
  expect(location!.startsWith("/"), where).toBe(true);
  expect(location!.startsWith("//"), where).toBe(false);
  expect(location!.startsWith("/\\"), where).toBe(false);
  // Browsers drop tabs and newlines from URLs and read "\" as "/": none may be left to play with.
  expect(/[\u0000-\u001f\\]/.test(location!), where).toBe(false);
  const site = new URL(baseUrl());
  expect(new URL(location!, site).origin, where).toBe(site.origin);
}

// One person for every attempt: successful sign-ins are never throttled, and the shared server's team stays small.
let user: Awaited<ReturnType<typeof createUser>>;
beforeAll(async () => {
  user = await createUser();
});

async function signInWith(email: string, redirectTo: string) {
  return send("/login", { body: new URLSearchParams({ email, password: TEST_PASSWORD, redirectTo }) });
}

describe("redirectTo after signing in", () => {
  it("a same-site target is honoured, so the checks below are not passing by ignoring it", async () => {
    const answer = await signInWith(user.email, "/tasks?status=DONE#list");
    expect(answer.status).toBe(302);
    expect(answer.headers.get("location")).toBe("/tasks?status=DONE#list");
  });

  it.each(TARGETS)("the login form with redirectTo %j lands on a same-site path", async (target) => {
    const answer = await signInWith(user.email, target);
    expect(answer.status).toBe(302);
    expectSameSitePath(answer.headers.get("location"), target);
  });

  it.each(TARGETS)("%j in the login page's query string is same-site both when signed in and through the form", async (target) => {
    // Raw in the URL (the server decodes it once), as a link in a phishing mail would carry it.
    const raw = target.replace(/[\t\n ]/g, encodeURIComponent).replace(/#/g, "%23");
    const signedIn = await getPage(`/login?redirectTo=${raw}`, { cookie: await signIn(user) });
    expect(signedIn.status).toBe(302);
    expectSameSitePath(signedIn.headers.get("location"), target);

    const page = await getPage(`/login?redirectTo=${raw}`);
    expect(page.status).toBe(200);
    const carried = unescapeHtml(/name="redirectTo" value="([^"]*)"/.exec(page.text)?.[1] ?? "");
    const answer = await signInWith(user.email, carried);
    expect(answer.status).toBe(302);
    expectSameSitePath(answer.headers.get("location"), carried);
  });
});

describe("the redirect to /login from a protected page", () => {
  /** The first answer to a request written byte for byte: fetch and URL would tidy the path before it left. */
  async function rawGet(path: string) {
    const answer = await rawExchange(`GET ${path} HTTP/1.1\nHost: 127.0.0.1\nConnection: close\n`);
    return { status: answer.status, location: /^location: (.*)$/im.exec(answer.raw)?.[1]?.trim() ?? null, raw: answer.raw };
  }

  it.each(["//evil.example", "/\\evil.example", "/.//evil.example", "//evil.example/tasks", "///tasks"])(
    "a path that reads as another host, %j, is not found and redirects nowhere",
    async (path) => {
      const answer = await rawGet(path);
      expect(answer.status).toBe(404);
      expect(answer.location).toBeNull();
    },
  );

  it.each(["/tasks/%2F%2Fevil.example", "/tasks/%5Cevil.example", "/tasks?next=//evil.example", "/tasks/x/..//", "/users/%2F%2Fevil.example"])(
    "a protected page at %j sends to /login, and the redirectTo it carries still lands on this site",
    async (path) => {
      const answer = await rawGet(path);
      expect(answer.status, answer.raw.slice(0, 300)).toBe(302);
      expectSameSitePath(answer.location, path);
      expect(answer.location!.startsWith("/login?redirectTo=")).toBe(true);
      const carried = new URL(answer.location!, baseUrl()).searchParams.get("redirectTo")!;
        const signedIn = await signInWith(user.email, carried);
      expect(signedIn.status).toBe(302);
      expectSameSitePath(signedIn.headers.get("location"), carried);
    },
  );
});

describe("signing out", () => {
  it("logout ignores any redirect target in its query or form and always sends to /login", async () => {
    const cookie = await signIn(await createUser());
    const answer = await send("/logout?redirectTo=//evil.example", {
      cookie,
      body: new URLSearchParams({ redirectTo: "https://evil.example" }),
    });
    expect(answer.status).toBe(302);
    expect(answer.headers.get("location")).toBe("/login");
  });
});
