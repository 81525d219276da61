import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { baseUrl, personWithToken } from "#tests/api/support.ts";
import { createUser } from "#tests/support/factories.ts";
import { signIn } from "#tests/support/http.ts";
import { getPage, send } from "./support.ts";
import { startServerOnCopy, type OwnServer } from "#tests/support/own-server.ts";

/**
 * The headers that make an injected script inert, a page unframeable, a file unsniffable and the
 * session cookie unreadable by scripts and unsendable cross-site, on every kind of answer.
 */
function directives(policy: string) {
  const map = new Map<string, string[]>();
  for (const part of policy.split(";")) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) map.set(name.toLowerCase(), values);
  }
  return map;
}

function expectStrictPolicy(headers: Headers, where: string) {
  expect(headers.get("content-security-policy-report-only"), where).toBeNull();
  const policy = headers.get("content-security-policy");
  expect(policy, `${where}: no enforced CSP`).toBeTruthy();
  const csp = directives(policy!);
  const scripts = csp.get("script-src") ?? csp.get("default-src")!;
  const nonces = scripts.filter((value) => /^'nonce-[A-Za-z0-9+/=]{16,}'$/.test(value));
  expect(nonces, `${where}: one nonce in script-src`).toHaveLength(1);
  // Nothing but the app itself and this response's nonce may run a script.
  expect(scripts.filter((value) => !nonces.includes(value)), where).toEqual(["'self'"]);
  expect(csp.get("object-src"), where).toEqual(["'none'"]);
  expect(csp.get("base-uri"), where).toEqual(["'none'"]);
  expect(csp.get("frame-ancestors"), where).toEqual(["'none'"]);
  return nonces[0]!.slice("'nonce-".length, -1);
}

function expectCommonHeaders(headers: Headers, where: string) {
  expect(headers.get("x-content-type-options"), `${where}: X-Content-Type-Options`).toBe("nosniff");
  expect(headers.get("referrer-policy"), `${where}: Referrer-Policy`).toMatch(/^(no-referrer|same-origin|strict-origin|strict-origin-when-cross-origin)$/);
}

describe("the Content-Security-Policy of HTML pages", () => {
  it("is enforced with a fresh nonce per response that every inline script carries, and no unsafe sources", async () => {
    const cookie = await signIn(await createUser());
    const pages = [
      await getPage("/login"),
      await getPage("/login"),
      await getPage("/tasks", { cookie }),
      await getPage("/tasks/no-such-task", { cookie }), // the error page
      await getPage("/", { cookie }),
    ];
    const nonces = pages.map((page, i) => {
      expect(page.headers.get("content-type"), `page ${i}`).toMatch(/^text\/html/);
      const nonce = expectStrictPolicy(page.headers, `page ${i}`);
      // Every script element in the page carries this response's nonce or is loaded from the app.
      for (const [tag] of page.text.matchAll(/<script\b[^>]*>/g)) {
        if (/\bsrc="\/(?!\/)/.test(tag)) continue;
        expect(tag, `page ${i}`).toContain(`nonce="${nonce}"`);
      }
      expect(page.text).toContain(`nonce="${nonce}"`);
      return nonce;
    });
    expect(new Set(nonces).size).toBe(nonces.length);
    expect(pages[3]!.status).toBe(404);
  });

  it("is there on a form page re-rendered with errors and on the 413 page", async () => {
    const cookie = await signIn(await createUser());
    const invalid = await send("/tasks/new", { cookie, body: new URLSearchParams({ title: "" }) });
    expect(invalid.status).toBe(400);
    expectStrictPolicy(invalid.headers, "a re-rendered form");
    const tooLarge = await send("/tasks/new", { cookie, body: new URLSearchParams({ title: "x", description: "d".repeat(1_100_000) }) });
    expect(tooLarge.status).toBe(413);
    expectStrictPolicy(tooLarge.headers, "the 413 page");
  });
});

describe("nosniff and Referrer-Policy on every kind of answer", () => {
  it("pages, single-fetch data, API answers (good and bad), the health check, static files, redirects and the server's own refusals all carry them", async () => {
    const { token } = await personWithToken("MEMBER", ["read"]);
    const cookie = await signIn(await createUser());
    const login = await getPage("/login");
    const asset = /<link rel="stylesheet" href="(\/assets\/[^"]+)"/.exec(login.text)?.[1];
    const script = /<script[^>]*src="(\/assets\/[^"]+\.js)"|<link rel="modulepreload" href="(\/assets\/[^"]+\.js)"/.exec(login.text);
    expect(asset, "the page links its stylesheet").toBeTruthy();
    expect(script, "the page loads a script").toBeTruthy();
    const answers: [string, Promise<{ headers: Headers; status: number }>][] = [
      ["the login page", Promise.resolve(login)],
      ["a signed-in page", getPage("/tasks", { cookie })],
      ["a 404 page", getPage("/no/such/page")],
      ["single-fetch data", getPage("/tasks.data", { cookie })],
      ["an API answer", fetch(`${baseUrl()}/api/me`, { headers: { Authorization: `Bearer ${token}` } })],
      ["an API 401", fetch(`${baseUrl()}/api/me`)],
      ["an API 404", fetch(`${baseUrl()}/api/no/such/thing`, { headers: { Authorization: `Bearer ${token}` } })],
      ["the OpenAPI document", fetch(`${baseUrl()}/api/openapi.json`)],
      ["the health check", fetch(`${baseUrl()}/healthz`)],
      ["the stylesheet", fetch(`${baseUrl()}${asset}`)],
      ["a script", fetch(`${baseUrl()}${script![1] ?? script![2]}`)],
      ["the favicon", fetch(`${baseUrl()}/favicon.svg`)],
      // Remix's redirects skip entry.server, and these refusals come from the server before Remix.
      ["a redirect to sign in", fetch(`${baseUrl()}/tasks`, { redirect: "manual" })],
      ["a page refusing PUT", fetch(`${baseUrl()}/tasks/new`, { method: "PUT", headers: { Cookie: cookie } })],
      [
        "a refused cross-site post",
        fetch(`${baseUrl()}/tasks/new`, { method: "POST", headers: { Cookie: cookie, Origin: "https://evil.example" }, body: new URLSearchParams({ title: "x" }) }),
      ],
    ];
    for (const [where, pending] of answers) {
      const answer = await pending;
      expect(answer.status, where).toBeLessThan(500);
      expectCommonHeaders(answer.headers, where);
    }
  });
});

/** The session cookie a sign-in set. */
async function signInOver(base: string, email: string, password: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${base}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", ...headers },
    body: new URLSearchParams({ email, password }),
  });
  expect(response.status).toBe(302);
  const cookie = response.headers.getSetCookie().find((value) => /tandem_session=/.test(value));
  expect(cookie).toBeTruthy();
  return { cookie: cookie!, attributes: cookie!.split(";").slice(1).map((part) => part.trim().toLowerCase()), headers: response.headers };
}

describe("the session cookie", () => {
  it("over plain HTTP is HttpOnly, SameSite=Lax, Path=/, host-only, and not Secure (so a LAN address still signs in)", async () => {
    const user = await createUser();
    const { cookie, attributes, headers } = await signInOver(baseUrl(), user.email, user.password);
    expect(cookie).toMatch(/^tandem_session=/);
    expect(attributes).toContain("httponly");
    expect(attributes).toContain("samesite=lax");
    expect(attributes).toContain("path=/");
    expect(attributes).not.toContain("secure");
    expect(attributes.some((part) => part.startsWith("domain="))).toBe(false);
    expect(headers.get("set-cookie")).not.toMatch(/domain=/i);
    const page = await getPage("/settings", { cookie: cookie.split(";")[0] });
    expect(page.status).toBe(200);
    expect(page.headers.get("strict-transport-security")).toBeNull();
  });

  it("without TRUST_PROXY, X-Forwarded-Proto: https changes nothing", async () => {
    const user = await createUser();
    const { cookie, attributes } = await signInOver(baseUrl(), user.email, user.password, { "X-Forwarded-Proto": "https" });
    expect(cookie).toMatch(/^tandem_session=/);
    expect(attributes).not.toContain("secure");
    const page = await getPage("/settings", { cookie: cookie.split(";")[0], headers: { "X-Forwarded-Proto": "https" } });
    expect(page.status).toBe(200);
    expect(page.headers.get("strict-transport-security")).toBeNull();
  });

  describe("behind a trusted proxy (TRUST_PROXY=1)", () => {
    let server: OwnServer;
    let user: Awaited<ReturnType<typeof createUser>>;

    beforeAll(async () => {
      user = await createUser();
      server = await startServerOnCopy(2, { TRUST_PROXY: "1" });
    }, 90_000);

    afterAll(async () => {
      await server?.stop();
    });

    it("a request the proxy marks X-Forwarded-Proto: https gets a __Host- cookie with Secure and no Domain, and pages get HSTS", async () => {
      const { cookie, attributes, headers } = await signInOver(server.base, user.email, user.password, { "X-Forwarded-Proto": "https" });
      expect(cookie).toMatch(/^__Host-tandem_session=/);
      expect(attributes).toContain("secure");
      expect(attributes).toContain("httponly");
      expect(attributes).toContain("samesite=lax");
      expect(attributes).toContain("path=/");
      expect(attributes.some((part) => part.startsWith("domain="))).toBe(false);
      expect(headers.get("set-cookie")).not.toMatch(/domain=/i);
      // That cookie is the session over HTTPS, and the pages there carry HSTS; the plain name is not read there.
      const secure = cookie.split(";")[0]!;
      const page = await fetch(`${server.base}/settings`, { redirect: "manual", headers: { Cookie: secure, "X-Forwarded-Proto": "https" } });
      expect(page.status).toBe(200);
      expect(page.headers.get("strict-transport-security")).toMatch(/max-age=\d+/);
      const plainName = secure.replace(/^__Host-/, "");
      const downgraded = await fetch(`${server.base}/settings`, { redirect: "manual", headers: { Cookie: plainName, "X-Forwarded-Proto": "https" } });
      expect(downgraded.status).toBe(302);
    });

    it("a request the proxy marks X-Forwarded-Proto: http keeps the plain cookie", async () => {
      const { cookie, attributes } = await signInOver(server.base, user.email, user.password, { "X-Forwarded-Proto": "http" });
      expect(cookie).toMatch(/^tandem_session=/);
      expect(attributes).not.toContain("secure");
    });
  });
});
