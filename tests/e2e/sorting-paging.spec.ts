import { expect, test, type Page, type TestInfo } from "@playwright/test";
import { createTaskAsAdmin, hydrated, seriousA11yViolations, signIn } from "./support.ts";

// Issue 14, part 2: sorting the task list, paging it forwards and back with a count, and a status
// change in one step whose row, once out of the filter, is confirmed where it was. JS on and off.

/** A tag unique to this test and project, usable in a URL as it is. */
const tag = (testInfo: TestInfo, label: string) => `${label}-${testInfo.project.name}-${testInfo.workerIndex}-${Date.now()}`;

const position = (page: Page) => page.getByRole("navigation", { name: "Pages" }).locator(".pager__position");
const taskTitles = (page: Page) => page.locator("tbody tr:not(.row--moved) td:first-child a");

test("a person sorts the list by due date and pages through it, forwards and back, with the count", async ({ page, request }, testInfo) => {
  const word = tag(testInfo, "sort");
  // 22 tasks: due on days 22 down to 3 of January, in the order they are made; the first two without a due date.
  for (let i = 0; i < 22; i++) {
    const dueDate = i < 2 ? "" : `2031-01-${String(24 - i).padStart(2, "0")}`;
    await createTaskAsAdmin(request, { title: `${word} ${String(i).padStart(2, "0")}`, dueDate });
  }
  await signIn(page);
  await page.goto(`/tasks?q=${word}`);
  await hydrated(page, testInfo);
  await expect(position(page)).toHaveText("1–20 of 22, newest first");
  await expect(taskTitles(page).first()).toHaveText(`${word} 21`);

  const filters = page.getByRole("search", { name: "Filter tasks" });
  await filters.getByLabel("Sort by").selectOption({ label: "Due date, soonest first" });
  await filters.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/sort=due/);
  await expect(position(page)).toHaveText("1–20 of 22, due date, soonest first");
  await expect(taskTitles(page).first()).toHaveText(`${word} 21`);
  // By the value, not the words: with JavaScript the person's format comes from the browser (decision 0031).
  await expect(taskTitles(page).first().locator("xpath=ancestor::tr").locator('time[datetime="2031-01-03"]')).toBeVisible();
  await expect(filters.getByLabel("Sort by")).toHaveValue("due");

  await page.getByRole("link", { name: "Next page" }).click();
  await expect(position(page)).toHaveText("21–22 of 22, due date, soonest first");
  // The tasks without a due date come last.
  await expect(taskTitles(page)).toHaveText([`${word} 00`, `${word} 01`].sort());
  await expect(page.getByRole("link", { name: "Next page" })).toHaveCount(0);

  await page.getByRole("link", { name: "Previous page" }).click();
  await expect(position(page)).toHaveText("1–20 of 22, due date, soonest first");
  await expect(taskTitles(page).first()).toHaveText(`${word} 21`);
  await expect(page.getByRole("link", { name: "Previous page" })).toHaveCount(0);

  // Latest first: the dated ones from the end of the month, and still the undated last.
  await page.goto(`/tasks?q=${word}&sort=-due`);
  await expect(taskTitles(page).first()).toHaveText(`${word} 02`);
});

test("a status change takes one step, and a row that leaves the filter is confirmed in its place", async ({ page, request }, testInfo) => {
  test.setTimeout(60_000); // axe loads half a megabyte of script into the page
  const word = tag(testInfo, "move");
  for (const name of ["first", "second", "third"]) await createTaskAsAdmin(request, { title: `${word} ${name}` });
  await signIn(page);
  await page.goto(`/tasks?q=${word}&status=TODO`);
  await hydrated(page, testInfo);
  await expect(taskTitles(page)).toHaveText([`${word} third`, `${word} second`, `${word} first`]);

  const title = `${word} second`;
  const row = page.getByRole("row", { name: new RegExp(title) });
  const setButton = row.getByRole("button", { name: `Set status of “${title}”` });
  await row.getByLabel(`New status for “${title}”`).selectOption("DONE");
  if (testInfo.project.name === "js-off") await setButton.click();
  else await expect(setButton).toHaveCount(0); // choosing was the whole step

  const moved = page.locator("tbody tr").nth(1);
  await expect(moved).toHaveText(`“${title}” moved to Done — it no longer matches this filter. Open it`);
  await expect(moved).toHaveAttribute("id", /^task-/);
  expect(new URL(page.url()).hash).toBe(`#${await moved.getAttribute("id")}`);
  await expect(taskTitles(page)).toHaveText([`${word} third`, `${word} first`]);
  // The confirmation, the pager and the Sort by select pass axe, as the rest of the list does.
  await hydrated(page, testInfo);
  expect(await seriousA11yViolations(page)).toEqual([]);

  await moved.getByRole("link", { name: "Open it" }).click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(page.locator(".status-control__now, .status").first()).toContainText("Done");
});

test("a refused status change goes back to the stored status and says why", async ({ page, request }, testInfo) => {
  const word = tag(testInfo, "refused");
  const title = `${word} task`;
  const id = await createTaskAsAdmin(request, { title });
  await signIn(page);
  await page.goto(`/tasks?q=${word}`);
  await hydrated(page, testInfo);
  // Someone else moves it on meanwhile (the admin's other session), so the row's version is stale.
  const other = await request.post("/tasks", { form: { intent: "status", taskId: id, version: "1", status: "IN_PROGRESS" }, maxRedirects: 0 });
  expect(other.status()).toBe(302);

  const row = page.getByRole("row", { name: new RegExp(title) });
  await row.getByLabel(`New status for “${title}”`).selectOption("DONE");
  if (testInfo.project.name === "js-off") await row.getByRole("button", { name: `Set status of “${title}”` }).click();
  const refused = page.getByRole("row", { name: new RegExp(title) });
  await expect(refused.getByRole("alert")).toHaveText("The status was not changed: This task was changed by someone else since you opened it.");
  // With JavaScript the list is read again: the row shows what is stored now.
  if (testInfo.project.name === "js-on") await expect(refused.locator(".status-control__now")).toHaveText("In progress");
});

test("a filter address with a value the list does not take says so in the words of the form", async ({ page }) => {
  await signIn(page);
  await page.goto("/tasks?status=nope&sort=sideways");
  const alert = page.getByRole("alert");
  await expect(alert).toContainText("Status must be To do, In progress or Done.");
  await expect(alert).toContainText("Sort by must be one of: Newest first, Oldest first");
  await expect(alert).not.toContainText("IN_PROGRESS");
});
