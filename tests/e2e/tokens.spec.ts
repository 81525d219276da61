import { expect, test } from "@playwright/test";
import { E2E_ADMIN, signIn } from "./support.ts";

test("a person creates an API token, uses it once shown, and revokes it after confirming", async ({ page, request }, testInfo) => {
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
  const answer = page.waitForResponse(
    (response) => response.request().method() === "POST" && new URL(response.url()).pathname.startsWith("/settings/tokens"),
  );
  await page.getByRole("button", { name: "Create token" }).click();
  const response = await answer;
  expect(response.status()).toBe(200);

  // Shown once, on the page, in a read-only field; never cached, never in a cookie.
  const secretField = page.getByLabel("Token secret");
  await expect(secretField).toHaveValue(/^tdm_[A-Za-z0-9_-]{43}$/);
  await expect(secretField).not.toBeEditable();
  await expect(page.getByText("it will not be shown again")).toBeVisible();
  const secret = await secretField.inputValue();
  const headers = await response.allHeaders();
  expect(headers["cache-control"]).toBe("no-store");
  expect(headers["set-cookie"] ?? "").not.toContain(secret);
  if (testInfo.project.name === "js-on") await expect(secretField).toBeFocused();

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
