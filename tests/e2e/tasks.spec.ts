import { expect, test, type APIRequestContext, type Browser, type Page, type TestInfo } from "@playwright/test";
import { createPersonAsAdmin, E2E_ADMIN, signIn, uniqueEmail } from "./support.ts";

/** A label unique to this test and project, so parallel runs never see each other's tasks. */
const unique = (testInfo: TestInfo, label: string) => `${label} ${testInfo.project.name} ${testInfo.workerIndex} ${Date.now()}`;

/**
 * With JavaScript on, waits until Remix has taken over the page, so that a click is handled by
 * the app (fetchers, focus) and not by the browser's plain form post it falls back to.
 */
async function ready(page: Page, testInfo: TestInfo) {
  if (testInfo.project.name !== "js-on") return;
  await page.waitForLoadState("networkidle");
  await page.waitForFunction(() => "__remixRouter" in window);
}

/** Arranges a task through the create form over plain HTTP as the admin; returns its id. */
async function createTaskAsAdmin(request: APIRequestContext, fields: Record<string, string>) {
  await request.post("/login", { form: { email: E2E_ADMIN.email, password: E2E_ADMIN.password }, maxRedirects: 0 });
  const response = await request.post("/tasks/new", { form: { status: "TODO", ...fields }, maxRedirects: 0 });
  expect(response.status()).toBe(302);
  return response.headers()["location"]!.replace("/tasks/", "");
}

/** A second browser with this project's settings (JavaScript on or off), signed in as someone. */
async function signedInContext(browser: Browser, testInfo: TestInfo, email: string, password: string) {
  const context = await browser.newContext({
    baseURL: testInfo.project.use.baseURL,
    javaScriptEnabled: testInfo.project.use.javaScriptEnabled,
  });
  const page = await context.newPage();
  await signIn(page, email, password);
  return { context, page };
}

test("a person creates a task after a validation error that kept what was typed", async ({ page }, testInfo) => {
  const title = unique(testInfo, "Plan the launch");
  await signIn(page);
  await page.getByRole("link", { name: "Tasks", exact: true }).click();
  await page.getByRole("link", { name: "New task" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "New task" })).toBeVisible();
  await ready(page, testInfo);

  await page.getByLabel("Description (optional)").fill("Line one\nLine two");
  await page.getByLabel("Status").selectOption("IN_PROGRESS");
  await page.getByLabel("Due date (optional)").fill("2031-05-01");
  await page.getByRole("button", { name: "Create task" }).click();

  await expect(page.getByRole("alert")).toContainText("Give the task a title.");
  await expect(page.getByLabel("Title")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Description (optional)")).toHaveValue("Line one\nLine two");
  await expect(page.getByLabel("Status")).toHaveValue("IN_PROGRESS");
  await expect(page.getByLabel("Due date (optional)")).toHaveValue("2031-05-01");
  if (testInfo.project.name === "js-on") await expect(page.getByLabel("Title")).toBeFocused();

  await page.getByLabel("Title").fill(title);
  await page.getByRole("button", { name: "Create task" }).click();
  await expect(page).toHaveURL(/\/tasks\/[a-z0-9-]+$/);
  await expect(page.getByRole("status")).toHaveText(`The task “${title}” was created.`);
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(page.locator(".task-description")).toHaveText("Line one\nLine two");
  await expect(page.locator(".activity")).toContainText("Admin created this task");
});

test("a person filters the list, and the filters live in the URL", async ({ page, request }, testInfo) => {
  const tag = unique(testInfo, "filter").replaceAll(" ", "-");
  await createTaskAsAdmin(request, { title: `${tag} overdue one`, dueDate: "2020-01-01" });
  await createTaskAsAdmin(request, { title: `${tag} done one`, status: "DONE" });
  await createTaskAsAdmin(request, { title: `${tag} future one`, dueDate: "2099-01-01" });
  await signIn(page);
  await page.goto("/tasks");
  await ready(page, testInfo);

  const filters = page.getByRole("search", { name: "Filter tasks" });
  await filters.getByLabel("Search").fill(tag);
  await filters.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(new RegExp(`q=${tag}`));
  await expect(page.getByRole("row").filter({ hasText: tag })).toHaveCount(3);
  // The day is written in the viewer's format (decision 0031: with JavaScript, the browser's language's).
  const overdueRow = page.getByRole("row", { name: new RegExp(`${tag} overdue one`) });
  await expect(overdueRow.locator("time[datetime='2020-01-01']")).toBeVisible();
  await expect(overdueRow).toContainText("Overdue");
  await expect(page.getByRole("row", { name: new RegExp(`${tag} future one`) })).not.toContainText("Overdue");

  await filters.getByLabel("Only overdue").check();
  await filters.getByLabel("Assignee").selectOption("none");
  await filters.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/overdue=true/);
  await expect(page.getByRole("row").filter({ hasText: tag })).toHaveCount(1);
  await expect(page.getByRole("row").filter({ hasText: tag })).toContainText(`${tag} overdue one`);

  // The URL alone gives the same list, with the fields filled in.
  await page.goto(`/tasks?status=DONE&q=${tag}`);
  await expect(page.getByRole("row").filter({ hasText: tag })).toHaveCount(1);
  await expect(page.getByRole("search").getByLabel("Status")).toHaveValue("DONE");
  await expect(page.getByRole("search").getByLabel("Search")).toHaveValue(tag);

  await page.goto("/tasks?status=LATER");
  await expect(page.getByRole("alert")).toContainText("Status must be To do, In progress or Done.");
});

test("a person changes a task's status from the list", async ({ page, request }, testInfo) => {
  const title = unique(testInfo, "Status");
  await createTaskAsAdmin(request, { title });
  await signIn(page);
  await page.goto(`/tasks?q=${encodeURIComponent(title)}`);
  await ready(page, testInfo);

  const row = page.getByRole("row", { name: new RegExp(title) });
  const posted = page.waitForRequest((sent) => sent.method() === "POST");
  await row.getByLabel(`New status for “${title}”`).selectOption("DONE");
  // With JavaScript choosing sends it; without, the form's Set button does.
  if (testInfo.project.name === "js-off") await row.getByRole("button", { name: `Set status of “${title}”` }).click();
  // With JavaScript a fetcher sends it (Remix's .data request); without, the browser posts the form.
  expect(new URL((await posted).url()).pathname).toBe(testInfo.project.name === "js-on" ? "/tasks.data" : "/tasks");
  await expect(row.locator(".status-control__now")).toHaveText("Done");
  await expect(page.getByRole("status").filter({ hasText: "is now done" })).toHaveText(`“${title}” is now done.`);
  expect(new URL(page.url()).searchParams.get("q")).toBe(title);

  await page.reload();
  await expect(page.getByRole("row", { name: new RegExp(title) }).locator(".status-control__now")).toHaveText("Done");
});

test("a person edits a task", async ({ page, request }, testInfo) => {
  const title = unique(testInfo, "Edit me");
  const id = await createTaskAsAdmin(request, { title, dueDate: "2031-01-01" });
  await signIn(page);
  await page.goto(`/tasks/${id}`);
  await ready(page, testInfo);

  await page.getByLabel("Title").fill(`${title} (edited)`);
  await page.getByLabel("Due date (optional)").fill("");
  await page.getByRole("button", { name: "Save changes" }).click();

  await expect(page.getByRole("status")).toHaveText(`Saved changes to “${title} (edited)”.`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`${title} (edited)`);
  await expect(page.getByLabel("Due date (optional)")).toHaveValue("");
  await expect(page.locator(".details")).toContainText("Due—");
  await expect(page.locator(".activity")).toContainText(`Admin renamed this from “${title}” to “${title} (edited)” and removed the due date`);
  await expect(page.locator(".activity").getByRole("link", { name: "Admin" }).first()).toHaveAttribute("href", /^\/users\//);
});

test("THE STALE EDIT: the second person to save sees the conflict, keeps their typing, and saves knowingly", async ({ browser, request }, testInfo) => {
  const title = unique(testInfo, "Shared");
  const member = await createPersonAsAdmin(request, { name: `Mia ${testInfo.project.name} ${Date.now()}`, email: uniqueEmail(testInfo, "mia") });
  const id = await createTaskAsAdmin(request, { title, description: "The first words", assigneeId: member.id });

  const first = await signedInContext(browser, testInfo, E2E_ADMIN.email, E2E_ADMIN.password);
  const second = await signedInContext(browser, testInfo, member.email, member.password);
  try {
    await first.page.goto(`/tasks/${id}`);
    await second.page.goto(`/tasks/${id}`);
    await ready(first.page, testInfo);
    await ready(second.page, testInfo);

    await first.page.getByLabel("Title").fill(`${title} by admin`);
    await first.page.getByRole("button", { name: "Save changes" }).click();
    await expect(first.page.getByRole("status")).toHaveText(`Saved changes to “${title} by admin”.`);

    await second.page.getByLabel("Title").fill(`${title} by Mia`);
    await second.page.getByLabel("Description (optional)").fill("Mia's words");
    await second.page.getByLabel("Status").selectOption("IN_PROGRESS");
    await second.page.getByRole("button", { name: "Save changes" }).click();

    await expect(second.page.getByRole("alert")).toContainText("This task was changed by someone else since you opened it.");
    await expect(second.page.getByLabel("Title")).toHaveValue(`${title} by Mia`);
    await expect(second.page.getByLabel("Description (optional)")).toHaveValue("Mia's words");
    await expect(second.page.getByLabel("Status")).toHaveValue("IN_PROGRESS");
    const compare = second.page.getByRole("table", { name: "Stored now and your version, field by field" });
    await expect(compare.getByRole("row", { name: /^Title/ })).toContainText(`${title} by admin`);
    await expect(compare.getByRole("row", { name: /^Title/ })).toContainText(`${title} by Mia`);
    await expect(second.page.getByRole("heading", { level: 1 })).toHaveText(`${title} by admin`);

    await second.page.getByRole("button", { name: "Save my version" }).click();
    await expect(second.page.getByRole("status")).toHaveText(`Saved changes to “${title} by Mia”.`);
    await expect(second.page.getByRole("heading", { level: 1 })).toHaveText(`${title} by Mia`);
    await expect(second.page.getByLabel("Description (optional)")).toHaveValue("Mia's words");

    await first.page.reload();
    await expect(first.page.getByRole("heading", { level: 1 })).toHaveText(`${title} by Mia`);
  } finally {
    await first.context.close();
    await second.context.close();
  }
});

test("a person deletes a task after confirming", async ({ page, request }, testInfo) => {
  const title = unique(testInfo, "Doomed");
  const id = await createTaskAsAdmin(request, { title });
  await signIn(page);
  await page.goto(`/tasks/${id}`);
  await ready(page, testInfo);

  await page.getByRole("link", { name: "Delete…" }).click();
  await expect(page).toHaveURL(/\?confirm=delete#delete-confirm$/);
  // The page opens at the panel, and the panel has the focus (the link's fragment, or the effect with JavaScript).
  await expect(page.locator("#delete-confirm")).toBeFocused();
  await expect(page.getByText("will be removed for everyone")).toBeVisible();
  await page.getByRole("button", { name: "Yes, delete this task" }).click();

  await expect(page).toHaveURL(/\/tasks$/);
  await expect(page.getByRole("status")).toHaveText(`The task “${title}” was deleted.`);
  await page.goto(`/tasks/${id}`);
  await ready(page, testInfo);
  await expect(page.getByRole("heading", { name: "This page does not exist" })).toBeVisible();
  // The error page keeps the signed-in frame: the navigation is still there to leave by.
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Tasks" })).toBeVisible();
});
