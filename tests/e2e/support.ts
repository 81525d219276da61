import { expect, type APIRequestContext, type Page, type TestInfo } from "@playwright/test";
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
