import { expect, test } from "@playwright/test";
import { createPersonAsAdmin, E2E_ADMIN, PASSWORD, signIn, uniqueEmail } from "./support.ts";

test("a person signs in and signs out", async ({ page }) => {
  await signIn(page);
  await expect(page.getByRole("heading", { name: "Welcome, Admin" })).toBeVisible();
  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByRole("status")).toHaveText("You have signed out.");
  await page.goto("/users");
  await expect(page).toHaveURL(/\/login\?redirectTo=%2Fusers$/);
});

test("a wrong password is refused with the email kept", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("Email").fill(E2E_ADMIN.email);
  await page.getByLabel("Password").fill("not the right password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert")).toContainText("Email or password is incorrect.");
  await expect(page.getByLabel("Email")).toHaveValue(E2E_ADMIN.email);
  await expect(page.getByLabel("Password")).toHaveValue("");
});

test("the admin adds a person after a validation error that kept what was typed", async ({ page }, testInfo) => {
  const email = uniqueEmail(testInfo, "new");
  const name = `New Person ${testInfo.project.name} ${Date.now()}`;
  await signIn(page);
  await page.goto("/users");
  await page.getByRole("link", { name: "Add a person" }).click();

  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Email").fill("not-an-email");
  await page.getByLabel("Role").selectOption("ADMIN");
  await page.getByLabel("Password", { exact: true }).fill("short");
  await page.getByRole("button", { name: "Add person" }).click();

  const summary = page.getByRole("alert");
  await expect(summary).toContainText("There is a problem");
  await expect(summary).toContainText("Enter a valid email address");
  await expect(summary).toContainText("Password must be at least 12 characters.");
  await expect(page.getByLabel("Name")).toHaveValue(name);
  await expect(page.getByLabel("Email")).toHaveValue("not-an-email");
  await expect(page.getByLabel("Role")).toHaveValue("ADMIN");
  await expect(page.getByLabel("Password", { exact: true })).toHaveValue("");
  await expect(page.getByLabel("Email")).toHaveAttribute("aria-invalid", "true");
  if (testInfo.project.name === "js-on") await expect(page.getByLabel("Email")).toBeFocused();

  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await page.getByRole("button", { name: "Add person" }).click();

  await expect(page).toHaveURL(/\/users$/);
  await expect(page.getByRole("status")).toHaveText(`${name} was added to the team.`);
  const row = page.getByRole("row", { name: new RegExp(email) });
  await expect(row).toContainText("Admin");
  await expect(row).toContainText("Active");
});

test("the admin deactivates a person after confirming", async ({ page, request }, testInfo) => {
  const person = await createPersonAsAdmin(request, {
    name: `Leaver ${testInfo.project.name} ${Date.now()}`,
    email: uniqueEmail(testInfo, "leaver"),
  });
  await signIn(page);
  await page.goto(`/users/${person.id}`);
  await page.getByRole("link", { name: "Deactivate…" }).click();
  await expect(page.getByText(/will be signed out everywhere/)).toBeVisible();
  await page.getByRole("button", { name: `Yes, deactivate ${person.name}` }).click();

  await expect(page.getByRole("status")).toHaveText(`${person.name} was deactivated and signed out.`);
  await expect(page.getByText("Deactivated", { exact: true })).toBeVisible();

  // Their login stops working at once, and with the right password they are told why.
  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await page.getByLabel("Email").fill(person.email);
  await page.getByLabel("Password").fill(person.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert")).toContainText("This account is deactivated. Ask an admin to reactivate it.");
  // A wrong password gets the answer every account gets.
  await page.getByLabel("Password").fill("not their password at all");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert")).toContainText("Email or password is incorrect.");
});

test("an admin changes their own password and signs in with the new one", async ({ page, request }, testInfo) => {
  // A second admin of their own, so that tests running in parallel keep the seeded admin's password.
  const person = await createPersonAsAdmin(request, {
    name: `Changer ${testInfo.project.name} ${Date.now()}`,
    email: uniqueEmail(testInfo, "changer"),
    role: "ADMIN",
  });
  const newPassword = "an even better password";
  await signIn(page, person.email, person.password);
  await page.getByRole("link", { name: "Settings" }).click();

  await page.getByLabel("Current password").fill("not my password at all");
  await page.getByLabel("New password").fill(newPassword);
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByRole("alert")).toContainText("Your current password is not correct.");

  await page.getByLabel("Current password").fill(person.password);
  await page.getByLabel("New password").fill(newPassword);
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByRole("status")).toHaveText("Your password is changed. Your other sessions were signed out.");

  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await signIn(page, person.email, newPassword);
});
