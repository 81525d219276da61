import { expect, test, type Locator, type Page } from "@playwright/test";
import { E2E_ADMIN, hydrated } from "./support.ts";

/**
 * Someone who cannot use a mouse gets through sign-in and task creation with the keyboard
 * alone (no click, no element.focus()), in both projects, sees where focus is at every stop,
 * and hears about a failed submit where their focus lands.
 */

/** What is focused now: its tag, id, accessible text, and whether a focus indicator is drawn. */
function focused(page: Page) {
  return page.evaluate(() => {
    const element = document.activeElement as HTMLElement | null;
    if (!element || element === document.body) return null;
    const style = getComputedStyle(element);
    // The ring must be seen, not merely set: at least 2px and 3:1 against the background around it (WCAG 1.4.11).
    const rgb = (colour: string) => (colour.match(/[\d.]+/g) ?? []).map(Number);
    const luminance = (colour: string) => {
      const [r, g, b] = rgb(colour).map((c) => (c / 255 <= 0.03928 ? c / 255 / 12.92 : ((c / 255 + 0.055) / 1.055) ** 2.4));
      return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
    };
    let around = element.parentElement;
    while (around && (rgb(getComputedStyle(around).backgroundColor)[3] ?? 1) === 0) around = around.parentElement;
    const background = around ? getComputedStyle(around).backgroundColor : "rgb(255, 255, 255)";
    const [lighter, darker] = [luminance(style.outlineColor), luminance(background)].sort((a, b) => b - a);
    const contrast = (lighter! + 0.05) / (darker! + 0.05);
    const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2 && contrast >= 3;
    return {
      tag: element.tagName.toLowerCase(),
      id: element.id,
      text: (element.getAttribute("aria-label") ?? element.textContent ?? "").trim().slice(0, 60),
      contrast: Math.round(contrast * 10) / 10,
      indicator: outline,
    };
  });
}

/** Whether the locator's element is the one that has focus. */
const hasFocus = (target: Locator) => target.evaluate((element) => element === document.activeElement);

/**
 * Presses `key` (Tab or Shift+Tab) until `target` has focus, and checks at every stop on the way
 * that the focused control draws a visible indicator. Fails after `limit` presses.
 */
async function tabTo(page: Page, target: Locator, key: "Tab" | "Shift+Tab" = "Tab", limit = 30) {
  for (let presses = 0; presses < limit; presses++) {
    await page.keyboard.press(key);
    const now = await focused(page);
    if (now) expect(now.indicator, `a visible focus indicator on ${JSON.stringify(now)}`).toBe(true);
    if (await hasFocus(target)) return;
  }
  throw new Error(`${key} ${limit} times never reached ${target}`);
}

/** After a refused submit: the errors are announced, tied to their fields, and focus is on one of them. */
async function expectAnnouncedErrors(page: Page, field: Locator, message: string) {
  const summary = page.getByRole("alert");
  await expect(summary).toContainText(message);
  await expect(field).toHaveAttribute("aria-invalid", "true");
  // The field's description names the element that shows this message.
  const describedBy = (await field.getAttribute("aria-describedby"))?.split(" ") ?? [];
  const texts = await Promise.all(describedBy.map((id) => page.locator(`[id="${id}"]`).textContent()));
  expect(texts, `aria-describedby=${describedBy.join(" ")}`).toContain(message);
  // Focus lands on the first invalid field (JavaScript) or the summary above it (server-rendered autofocus).
  await expect.poll(async () => (await hasFocus(field)) || (await hasFocus(summary))).toBe(true);
  expect((await focused(page))?.indicator, "focus after the submit is visible").toBe(true);
}

test("a person signs in and creates a task with the keyboard alone, seeing focus and errors", async ({ page }, testInfo) => {
  // Dozens of key presses, each checked for a visible focus ring: on a busy 2-core machine this took
  // 22 of its 30 s without JavaScript, so it gets three times the room (it waits on what the page shows).
  test.slow();
  const title = `Keyboard task ${testInfo.project.name} ${Date.now()}`;
  await page.goto("/login");
  await hydrated(page, testInfo);

  // A wrong password first: the refusal is announced where focus lands.
  await tabTo(page, page.getByLabel("Email"));
  await page.keyboard.type(E2E_ADMIN.email);
  await tabTo(page, page.getByLabel("Password"));
  await page.keyboard.type("not the password at all");
  await page.keyboard.press("Enter");
  await expect(page.getByRole("alert")).toContainText("Email or password is incorrect.");
  await expect.poll(() => hasFocus(page.getByRole("alert"))).toBe(true);
  expect((await focused(page))?.indicator, "focus on the summary is visible").toBe(true);

  await tabTo(page, page.getByLabel("Password"));
  await page.keyboard.type(E2E_ADMIN.password);
  await tabTo(page, page.getByRole("button", { name: "Sign in" }));
  await page.keyboard.press("Space");
  await expect(page.getByRole("button", { name: "Sign out", exact: true })).toBeVisible();
  await hydrated(page, testInfo);

  // The first stop on a signed-in page is the skip link, shown while focused; it moves focus past the menu.
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to content" });
  expect(await hasFocus(skip)).toBe(true);
  await expect(skip).toBeInViewport();
  await page.keyboard.press("Enter");
  await expect.poll(() => hasFocus(page.getByRole("main"))).toBe(true);

  // Back up into the menu, to Tasks, then New task.
  await tabTo(page, page.getByRole("link", { name: "Tasks", exact: true }), "Shift+Tab");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/tasks$/);
  await hydrated(page, testInfo);
  await tabTo(page, page.getByRole("link", { name: "New task" }));
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1, name: "New task" })).toBeVisible();
  await hydrated(page, testInfo);

  // Submitting without a title is refused, and said so.
  const titleField = page.getByLabel("Title");
  await tabTo(page, page.getByRole("button", { name: "Create task" }));
  await page.keyboard.press("Enter");
  await expectAnnouncedErrors(page, titleField, "Give the task a title.");

  // From the summary (no JavaScript) its link leads to the field; with JavaScript focus is there already.
  if (!(await hasFocus(titleField))) {
    await tabTo(page, page.getByRole("link", { name: "Give the task a title." }));
    await page.keyboard.press("Enter");
    await expect.poll(() => hasFocus(titleField)).toBe(true);
  }
  await page.keyboard.type(title);
  await tabTo(page, page.getByLabel("Description (optional)"));
  await page.keyboard.type("Typed, not clicked.");
  await tabTo(page, page.getByLabel("Status"));
  await page.keyboard.press("ArrowDown");
  await expect(page.getByLabel("Status")).toHaveValue("IN_PROGRESS");
  await tabTo(page, page.getByRole("button", { name: "Create task" }));
  await page.keyboard.press("Enter");

  await expect(page).toHaveURL(/\/tasks\/[a-z0-9-]+$/);
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(page.getByRole("status")).toHaveText(`The task “${title}” was created.`);
  await expect(page.locator(".task-description")).toHaveText("Typed, not clicked.");
  await expect(page.locator(".details")).toContainText("In progress");
});
