import { expect, test, type Page, type Response } from "@playwright/test";
import { collectCspViolations, signIn } from "./support.ts";

/**
 * The enforced Content-Security-Policy (docs/decisions/0012-content-security-policy.md): set in
 * entry.server.tsx, which only a real server runs, so it is tested here against the production build.
 */

const DIRECTIVES = [
  "default-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'self'",
];

/** Checks the policy of one HTML response and that every script in its body carries its nonce. */
async function expectNoncePolicy(response: Response | null) {
  expect(response, "a navigation response").not.toBeNull();
  const policy = response!.headers()["content-security-policy"] ?? "";
  const nonce = /script-src 'self' 'nonce-([A-Za-z0-9+/=]+)'(;|$)/.exec(policy)?.[1];
  expect(nonce, `a script-src with a nonce in: ${policy}`).toBeTruthy();
  expect(Buffer.from(nonce!, "base64")).toHaveLength(16);
  for (const directive of DIRECTIVES) expect(policy.split("; ")).toContain(directive);
  expect(policy).not.toContain("unsafe-inline");
  expect(policy).not.toContain("unsafe-eval");
  expect(response!.headers()["x-content-type-options"]).toBe("nosniff");

  const html = await response!.text();
  const scripts = html.match(/<script\b[^>]*>/g) ?? [];
  expect(scripts.length, "the page has Remix's scripts").toBeGreaterThan(0);
  for (const tag of scripts) expect(tag, "every script carries the response's nonce").toContain(` nonce="${nonce}"`);
  // style-src 'self' refuses inline styles: none in the markup.
  expect(html).not.toMatch(/\sstyle="/);
  expect(html).not.toMatch(/<style\b/);
  return nonce!;
}

test("the login page sends a nonce policy and every script carries the nonce", async ({ page }) => {
  const violations = collectCspViolations(page);
  await expectNoncePolicy(await page.goto("/login"));
  expect(violations).toEqual([]);
});

test("a signed-in page sends a nonce policy and every script carries the nonce", async ({ page }) => {
  const violations = collectCspViolations(page);
  await signIn(page);
  for (const path of ["/", "/tasks", "/settings/tokens"]) await expectNoncePolicy(await page.goto(path));
  expect(violations).toEqual([]);
});

test("each response gets its own nonce", async ({ request }) => {
  const nonces = new Set<string>();
  for (let i = 0; i < 3; i++) {
    const policy = (await request.get("/login")).headers()["content-security-policy"] ?? "";
    nonces.add(/'nonce-([^']+)'/.exec(policy)?.[1] ?? "");
  }
  expect(nonces.has("")).toBe(false);
  expect(nonces.size).toBe(3);
});

test("data and API responses keep the common headers without the page policy", async ({ request }) => {
  const data = await request.get("/login.data");
  expect(data.headers()["x-content-type-options"]).toBe("nosniff");
  expect(data.headers()["content-security-policy"] ?? "").not.toContain("nonce-");
});
