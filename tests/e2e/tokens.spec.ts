import { expect, test } from "@playwright/test";
import { E2E_ADMIN, hydrated, signIn } from "./support.ts";

test("a person creates an API token, sees it once (not after a reload), uses it, and revokes it after confirming", async ({ page, request }, testInfo) => {
  const name = `e2e ${testInfo.project.name} ${Date.now()}`;
  await signIn(page);
  await page.getByRole("link", { name: "Settings" }).click();
  await page.getByRole("link", { name: "Manage your API tokens" }).click();
  await expect(page).toHaveURL(/\/settings\/tokens$/);
  await expect(page.getByRole("heading", { name: "API tokens", level: 1 })).toBeVisible();

  // A token needs a scope; what was typed is kept.
  await page.getByLabel("Name").fill(name);
  await page.getByRole("checkbox", { name: "Read" }).uncheck();
  await page.getByRole("button", { name: "Create token" }).click();
  await expect(page.getByRole("alert")).toContainText("Choose at least one scope.");
  await expect(page.getByLabel("Name")).toHaveValue(name);
  await expect(page.getByRole("checkbox", { name: "Read" })).not.toBeChecked();

  await page.getByRole("checkbox", { name: "Write" }).check();
  await page.getByRole("button", { name: "Create token" }).click();

  // Post/Redirect/Get: the page after the create shows the secret once, read from the session.
  await expect(page).toHaveURL(/\/settings\/tokens$/);
  await expect(page.getByRole("status").first()).toHaveText(`The token “${name}” was created.`);
  const secretField = page.getByLabel("Token secret");
  await expect(secretField).toHaveValue(/^tdm_[A-Za-z0-9_-]{43}$/);
  await expect(secretField).not.toBeEditable();
  await expect(page.getByText("it will not be shown again")).toBeVisible();
  const secret = await secretField.inputValue();
  if (testInfo.project.name === "js-on") await expect(secretField).toBeFocused();
  await expect(page.getByLabel("Name")).toHaveValue("");
  await expect(page.getByRole("link", { name: "API documentation" }).first()).toHaveAttribute("href", "/api/docs");

  // A reload makes no second token and shows the secret no more; nothing was cached.
  const reloaded = await page.reload();
  expect(reloaded?.headers()["cache-control"]).toBe("no-store");
  await expect(page.getByLabel("Token secret")).toHaveCount(0);
  expect(await page.content()).not.toContain(secret);
  await expect(page.getByRole("table", { name: "Your tokens" }).getByRole("row", { name: new RegExp(name) })).toHaveCount(1);

  const row = page.getByRole("table", { name: "Your tokens" }).getByRole("row", { name: new RegExp(name) });
  await expect(row).toContainText("read, write");
  await expect(row).toContainText("Active");
  await expect(row).toContainText(secret.slice(0, 10) + "…");

  const me = await request.get("/api/me", { headers: { Authorization: `Bearer ${secret}` } });
  expect(me.status()).toBe(200);
  expect(await me.json()).toMatchObject({ email: E2E_ADMIN.email, role: "ADMIN" });

  // An admin sees it in the team's list too, with its owner.
  const teamRow = page.getByRole("table", { name: "Everyone’s tokens" }).getByRole("row", { name: new RegExp(name) });
  await expect(teamRow).toContainText(E2E_ADMIN.email);

  await row.getByRole("link", { name: /Revoke/ }).click();
  await expect(row.getByText(/stops working at once/)).toBeVisible();
  // One confirmation only, though the token is listed twice.
  await expect(page.getByRole("button", { name: "Yes, revoke it" })).toHaveCount(1);
  await row.getByRole("button", { name: "Yes, revoke it" }).click();

  await expect(page).toHaveURL(/\/settings\/tokens$/);
  await expect(page.getByRole("status")).toHaveText(`The token “${name}” was revoked. It no longer works.`);
  await expect(row).toContainText("Revoked");
  await expect(row.getByRole("link", { name: /Revoke/ })).toHaveCount(0);
  await expect(teamRow).toContainText("Revoked");
  await expect(page.getByLabel("Token secret")).toHaveCount(0);

  const after = await request.get("/api/me", { headers: { Authorization: `Bearer ${secret}` } });
  expect(after.status()).toBe(401);
});

test("with JavaScript, the Copy button puts the new secret on the clipboard and says Copied", async ({ page, context }, testInfo) => {
  test.skip(testInfo.project.name !== "js-on", "the Copy button needs JavaScript; without it the secret is in a field one selects");
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await signIn(page);
  await page.goto("/settings/tokens");
  await hydrated(page, testInfo);
  await page.getByLabel("Name").fill(`copy ${Date.now()}`);
  await page.getByRole("button", { name: "Create token" }).click();
  const secret = await page.getByLabel("Token secret").inputValue();
  expect(secret).toMatch(/^tdm_/);

  await page.getByRole("button", { name: "Copy" }).click();

  await expect(page.getByRole("button", { name: "Copied" })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);
});

test("without JavaScript there is no Copy button, only the field to select", async ({ page }, testInfo) => {
  test.skip(testInfo.project.name !== "js-off", "checks the page as it is without JavaScript");
  await signIn(page);
  await page.goto("/settings/tokens");
  await page.getByLabel("Name").fill(`select ${Date.now()}`);
  await page.getByRole("button", { name: "Create token" }).click();
  await expect(page.getByLabel("Token secret")).toHaveValue(/^tdm_/);
  await expect(page.getByRole("button", { name: "Copy" })).toHaveCount(0);
});
