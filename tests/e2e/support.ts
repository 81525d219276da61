import { expect, test, type APIRequestContext, type BrowserContext, type Page, type TestInfo } from "@playwright/test";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { E2E_ADMIN } from "../../playwright.config.ts";

export { E2E_ADMIN };
export const PASSWORD = "a good long password";

/** A unique email per test and project, so parallel tests never collide. */
export function uniqueEmail(testInfo: TestInfo, label: string) {
  return `${label}-${testInfo.project.name}-${testInfo.workerIndex}-${Date.now()}@e2e.test`;
}

export async function signIn(page: Page, email = E2E_ADMIN.email, password = E2E_ADMIN.password) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("button", { name: "Sign out", exact: true })).toBeVisible();
}

/** Arranges a person through the admin's form over plain HTTP (its own cookie jar). */
export async function createPersonAsAdmin(request: APIRequestContext, fields: { name: string; email: string; role?: string }) {
  await request.post("/login", { form: { email: E2E_ADMIN.email, password: E2E_ADMIN.password }, maxRedirects: 0 });
  const response = await request.post("/users/new", {
    form: { role: "MEMBER", password: PASSWORD, ...fields },
    maxRedirects: 0,
  });
  expect(response.status()).toBe(302);
  const team = await (await request.get("/users")).text();
  const id = new RegExp(`href="/users/([^"]+)">${fields.name}<`).exec(team)?.[1];
  if (!id) throw new Error(`Could not find ${fields.name} on the team page`);
  return { id, ...fields, password: PASSWORD };
}

/** Collects the browser's Content-Security-Policy violation reports from the console. */
export function collectCspViolations(page: Page) {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (message.text().includes("Content Security Policy")) violations.push(message.text());
  });
  return violations;
}

/**
 * With JavaScript on, waits until Remix has taken over the page, so what is then checked or
 * pressed is the hydrated app, not the server's HTML it replaces.
 */
export async function hydrated(page: Page, testInfo: TestInfo) {
  if (!testInfo.project.use.javaScriptEnabled) return;
  await page.waitForLoadState("networkidle");
  await page.waitForFunction(() => "__remixRouter" in window);
}

/** Arranges a task through the create form over plain HTTP as the admin; returns its id. */
export async function createTaskAsAdmin(request: APIRequestContext, fields: Record<string, string>) {
  await request.post("/login", { form: { email: E2E_ADMIN.email, password: E2E_ADMIN.password }, maxRedirects: 0 });
  const response = await request.post("/tasks/new", { form: { status: "TODO", ...fields }, maxRedirects: 0 });
  expect(response.status()).toBe(302);
  return response.headers()["location"]!.replace("/tasks/", "");
}

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

/** The page's HTML as a browser without JavaScript shows it: no scripts, <noscript> content shown. */
function asSeenWithoutScripts(html: string) {
  return html.replace(/<script\b[^>]*>[\s\S]*?<\/script>/gi, "").replace(/<\/?noscript\b[^>]*>/gi, "");
}

/**
 * Runs axe-core on what the page shows now and returns its serious and critical violations,
 * one readable line each.
 *
 * With JavaScript off, Chromium still runs Playwright's evaluate but never fires a timer,
 * message or animation-frame callback in that page, and axe.run schedules its work with them:
 * it would wait forever (this, not the CSP, is why @axe-core/playwright hung here). So the
 * page's current HTML, without its scripts, is served at the same URL to a second page that
 * runs scripts but loads none of the app's (its stylesheet still loads, for contrast), and
 * axe checks that copy: the server-rendered page a person without JavaScript gets.
 */
export async function seriousA11yViolations(page: Page) {
  let target = page;
  let scratch: BrowserContext | undefined;
  if (test.info().project.use.javaScriptEnabled === false) {
    const [url, html] = [page.url(), await page.content()];
    // The copy is seen as the page is: the same window size and colour scheme (contrast differs in dark).
    const dark = await page.evaluate(() => matchMedia("(prefers-color-scheme: dark)").matches);
    scratch = await page.context().browser()!.newContext({
      javaScriptEnabled: true,
      colorScheme: dark ? "dark" : "light",
      viewport: page.viewportSize(),
    });
    target = await scratch.newPage();
    await target.route("**/*", (route) => {
      const request = route.request();
      if (request.isNavigationRequest() && request.url() === url) {
        return route.fulfill({ status: 200, contentType: "text/html; charset=utf-8", body: asSeenWithoutScripts(html) });
      }
      return request.resourceType() === "script" ? route.abort() : route.continue();
    });
    await target.goto(url, { waitUntil: "load" });
    // Contrast is judged on the styled page: the copy must have the app's stylesheet.
    const styled = await target.evaluate(() =>
      [...document.querySelectorAll<HTMLLinkElement>('link[rel="stylesheet"]')].every((link) => (link.sheet?.cssRules.length ?? 0) > 0),
    );
    expect(styled, "the stylesheet loaded in the copy of the page").toBe(true);
  }
  try {
    await target.evaluate(AXE_SOURCE);
    const results = await target.evaluate(() =>
      (window as unknown as { axe: typeof import("axe-core") }).axe.run(document, { resultTypes: ["violations"] }),
    );
    return results.violations
      .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
      .map((violation) => `${violation.id} (${violation.impact}): ${violation.help} at ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`);
  } finally {
    await scratch?.close();
  }
}

/** Checks what the page shows now; soft, so one run lists every page that fails. */
export async function expectAccessible(page: Page, what: string) {
  await hydrated(page, test.info());
  expect.soft(await seriousA11yViolations(page), `${what} (${page.url()})`).toEqual([]);
}
