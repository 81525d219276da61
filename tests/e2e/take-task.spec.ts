import { expect, test, type TestInfo } from "@playwright/test";
import { createTaskAsAdmin, hydrated, signIn } from "./support.ts";

const unique = (testInfo: TestInfo, label: string) => `${label} ${testInfo.project.name} ${testInfo.workerIndex} ${Date.now()}`;

/** Issue 13, "take a task": one click on the task page and on the list, with JavaScript on and off. */
test("a person takes an unassigned task on its page, then gives it back; the activity says so", async ({ page, request }, testInfo) => {
  const title = unique(testInfo, "Take me");
  const id = await createTaskAsAdmin(request, { title });
  await signIn(page);
  await page.goto(`/tasks/${id}`);
  await hydrated(page, testInfo);

  await page.getByRole("button", { name: /^Take it/ }).click();
  await expect(page.getByRole("status")).toHaveText(`“${title}” is assigned to you now.`);
  await expect(page.locator(".details")).toContainText("AssigneeAdmin");
  await expect(page.locator(".activity")).toContainText("Admin assigned themselves");

  await hydrated(page, testInfo);
  await page.getByRole("button", { name: /^Unassign me/ }).click();
  await expect(page.getByRole("status")).toHaveText(`You are no longer assigned to “${title}”.`);
  await expect(page.locator(".activity")).toContainText("Admin unassigned themselves");
  await expect(page.getByRole("button", { name: /^Take it/ })).toBeVisible();
});

test("a person takes a task from the list and stays on the same filtered list", async ({ page, request }, testInfo) => {
  const title = unique(testInfo, "Take from list");
  await createTaskAsAdmin(request, { title });
  await signIn(page);
  const search = `/tasks?q=${encodeURIComponent(title)}`;
  await page.goto(search);
  await hydrated(page, testInfo);

  const row = page.getByRole("row", { name: new RegExp(title) });
  await row.getByRole("button", { name: /^Take it/ }).click();
  await expect(page.getByRole("status")).toHaveText(`“${title}” is assigned to you now.`);
  await expect(page).toHaveURL(new RegExp(`\\?q=`));
  await expect(page.getByRole("row", { name: new RegExp(title) })).toContainText("Admin");
  await expect(page.getByRole("row", { name: new RegExp(title) }).getByRole("button", { name: /^Unassign me/ })).toBeVisible();
});
