import { expect, test } from "@playwright/test";
import { createPersonAsAdmin, createTaskAsAdmin, expectAccessible, hydrated, seriousA11yViolations, signIn, uniqueEmail } from "./support.ts";

/**
 * axe-core on every kind of page, in both projects: with JavaScript on it checks the hydrated
 * page, with JavaScript off the server-rendered HTML (support.ts says how). Only serious and
 * critical violations fail: those block people (no name for a control, unreadable contrast,
 * errors a screen reader cannot find); lesser ones are advice.
 */

// Each check loads axe-core (half a megabyte of script) into the page afresh: a few seconds a page.
test.describe.configure({ timeout: 120_000 });

const unique = (label: string) => `${label} ${test.info().project.name} ${test.info().workerIndex} ${Date.now()}`;

test("the check itself finds a field that lost its label, with JavaScript on and off", async ({ page }) => {
  await page.goto("/login");
  await hydrated(page, test.info());
  // Evaluate can still change the DOM with JavaScript off (only timers are held back), and
  // the check reads what the page shows now.
  await page.evaluate(() => document.querySelector('label[for="field-email"]')?.remove());
  const violations = await seriousA11yViolations(page);
  expect(violations.some((line) => line.startsWith("label (critical)") && line.includes("#field-email"))).toBe(true);
});

test("the signed-out pages have no serious or critical violations: login, its errors, API docs, not found", async ({ page }) => {
  await page.goto("/login");
  await expectAccessible(page, "login");

  await page.getByLabel("Email").fill("nobody@e2e.test");
  await page.getByLabel("Password").fill("not the password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert")).toBeVisible();
  await expectAccessible(page, "login with a refused sign-in");

  await page.getByLabel("Email").fill("");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByLabel("Email")).toHaveAttribute("aria-invalid", "true");
  await expectAccessible(page, "login with field errors");

  await page.goto("/api/docs");
  await expectAccessible(page, "API docs");

  await page.goto("/no-such-page");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("This page does not exist");
  await expectAccessible(page, "not found, signed out");
});

test("the dashboard, the task list and the board with filters have no serious or critical violations", async ({ page, request }) => {
  const tag = unique("a11y-list").replaceAll(" ", "-");
  await createTaskAsAdmin(request, { title: `${tag} overdue`, dueDate: "2020-01-01" });
  await createTaskAsAdmin(request, { title: `${tag} started`, status: "IN_PROGRESS" });
  await createTaskAsAdmin(request, { title: `${tag} done`, status: "DONE" });
  await signIn(page);
  await expectAccessible(page, "dashboard with charts");

  await page.goto("/tasks");
  await expectAccessible(page, "task list");
  await page.goto(`/tasks?status=TODO&assignee=none&overdue=true&q=${tag}`);
  await expect(page.getByRole("row").filter({ hasText: tag })).toHaveCount(1);
  await expectAccessible(page, "task list, filtered");
  await page.goto(`/tasks?q=no-task-matches-${tag}`);
  await expectAccessible(page, "task list, nothing found");
  await page.goto("/tasks?status=LATER");
  await expect(page.getByRole("alert")).toBeVisible();
  await expectAccessible(page, "task list with a filter error");

  await page.goto("/tasks/board");
  await expectAccessible(page, "board");
  await page.goto(`/tasks/board?assignee=none&q=${tag}`);
  await expect(page.getByRole("listitem").filter({ hasText: tag })).toHaveCount(3);
  await expectAccessible(page, "board, filtered");
  await page.goto("/tasks/board?status=LATER");
  await expect(page.getByRole("alert")).toBeVisible();
  await expectAccessible(page, "board with a filter error");

  await page.goto("/no-such-page");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("This page does not exist");
  await expectAccessible(page, "not found, signed in");
  await page.goto("/tasks/no-such-task");
  await expectAccessible(page, "a task that does not exist");
});

test("the task pages have no serious or critical violations: new, errors, edit, delete step, conflict", async ({ page, request }) => {
  const title = unique("A11y task");
  const id = await createTaskAsAdmin(request, { title, description: "Some words", dueDate: "2030-01-01" });
  await signIn(page);

  await page.goto("/tasks/new");
  await expectAccessible(page, "new task");
  await page.getByRole("button", { name: "Create task" }).click();
  await expect(page.getByLabel("Title")).toHaveAttribute("aria-invalid", "true");
  await expectAccessible(page, "new task with errors");

  await page.goto(`/tasks/${id}`);
  await expectAccessible(page, "task page with its edit form");
  await page.getByLabel("Title").fill("");
  await page.getByLabel("Due date (optional)").fill("");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByLabel("Title")).toHaveAttribute("aria-invalid", "true");
  await expectAccessible(page, "task edit with errors");

  await page.goto(`/tasks/${id}?confirm=delete`);
  await expectAccessible(page, "task delete confirmation");

  // Someone else saves meanwhile, so this page's save meets a newer version: the conflict form.
  await page.goto(`/tasks/${id}`);
  await hydrated(page, test.info());
  const saved = await request.post(`/tasks/${id}`, {
    form: { intent: "update", version: "1", title: `${title} (theirs)`, description: "", status: "DONE", assigneeId: "", dueDate: "" },
    maxRedirects: 0,
  });
  expect(saved.status()).toBe(302);
  await page.getByLabel("Title").fill(`${title} (mine)`);
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("heading", { name: "Compare before you save again" })).toBeVisible();
  await expectAccessible(page, "task conflict form");
});

test("the team pages have no serious or critical violations: list, new person, errors, person, deactivate step", async ({ page, request }) => {
  const person = await createPersonAsAdmin(request, { name: unique("A11y person"), email: uniqueEmail(test.info(), "a11y") });
  await signIn(page);

  await page.goto("/users");
  await expectAccessible(page, "team");
  await page.goto("/users/new");
  await expectAccessible(page, "new person");
  await page.getByRole("button", { name: "Add person" }).click();
  await expect(page.getByLabel("Name")).toHaveAttribute("aria-invalid", "true");
  await expectAccessible(page, "new person with errors");
  await page.goto("/users/invite");
  await expectAccessible(page, "invite a person");

  await page.goto(`/users/${person.id}`);
  await expectAccessible(page, "person page");
  await page.getByLabel("New password").fill("short");
  await page.getByRole("button", { name: "Set password" }).click();
  await expect(page.getByLabel("New password")).toHaveAttribute("aria-invalid", "true");
  await expectAccessible(page, "person page with a password error");
  await page.goto(`/users/${person.id}?confirm=deactivate`);
  await expectAccessible(page, "deactivate confirmation");
});

test("the settings pages have no serious or critical violations: settings, errors, tokens, a new secret, revoke step", async ({ page }) => {
  await signIn(page);
  await page.goto("/settings");
  await expectAccessible(page, "settings");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByLabel("Current password")).toHaveAttribute("aria-invalid", "true");
  await expectAccessible(page, "settings with errors");

  await page.goto("/settings/tokens");
  await expectAccessible(page, "tokens");
  await page.getByRole("button", { name: "Create token" }).click();
  await expect(page.getByRole("alert")).toBeVisible();
  await expectAccessible(page, "tokens with errors");
  await page.getByLabel("Name").fill(unique("a11y token"));
  await page.getByLabel("Read").check();
  await page.getByRole("button", { name: "Create token" }).click();
  await expect(page.getByLabel("Token secret")).toBeVisible();
  await expectAccessible(page, "a new token's secret");
  await page.getByRole("link", { name: /^Revoke/ }).first().click();
  await expect(page.getByRole("button", { name: /Yes, revoke/ })).toBeVisible();
  await expectAccessible(page, "token revoke confirmation");
});

test("the inbox has no serious or critical violations: with unread and read items, and empty", async ({ page, request }) => {
  const person = await createPersonAsAdmin(request, { name: unique("A11y inbox"), email: uniqueEmail(test.info(), "a11y-inbox") });
  for (const n of [1, 2]) await createTaskAsAdmin(request, { title: unique(`A11y news ${n}`), assigneeId: person.id });
  await signIn(page, person.email, person.password);

  await page.goto("/inbox");
  await page.getByRole("button", { name: /^Mark read:/ }).first().click();
  await expect(page.getByRole("status")).toHaveText("Marked read.");
  await expectAccessible(page, "inbox");
  await page.goto("/inbox?show=unread");
  await page.getByRole("button", { name: "Mark all read" }).click();
  await expect(page.getByText("Nothing unread.")).toBeVisible();
  await expectAccessible(page, "empty inbox");
});
