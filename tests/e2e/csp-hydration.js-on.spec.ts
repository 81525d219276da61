import { expect, test } from "@playwright/test";
import { collectCspViolations, signIn } from "./support.ts";

/**
 * Needs JavaScript, so only the js-on project runs files named *.js-on.spec.ts
 * (playwright.config.ts); the nonce policy itself is checked in both by csp.spec.ts.
 */

test("with the policy enforced, the page hydrates and its scripts work", async ({ page }) => {
  const violations = collectCspViolations(page);
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  await page.goto("/login");
  // A failed submit moves focus to the first invalid field: only hydrated React does that.
  await page.getByLabel("Password").fill("anything");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByLabel("Email")).toBeFocused();
  await expect(page.getByLabel("Password")).toHaveValue("");
  // Client-side navigation works too (the sign-in form, then a link, without a full load).
  await signIn(page);
  await page.getByRole("link", { name: "Tasks", exact: true }).first().click();
  await expect(page).toHaveURL(/\/tasks$/);
  expect(violations).toEqual([]);
  expect(errors).toEqual([]);
});
