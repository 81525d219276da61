import { expect, test } from "@playwright/test";
import { hydrated, signIn } from "./support.ts";

/** Feedback that only exists with JavaScript (decision 0032): the pending bar and dismissing a flash. */

test("a navigation that waits for the server shows the pending bar, and it goes when the page arrives", async ({ page }) => {
  await signIn(page);
  await hydrated(page, test.info());
  // The server is made slow for this one request, long past the bar's 300 ms delay.
  let release: () => void = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route("**/tasks.data*", async (route) => {
    await held;
    await route.continue();
  });
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Tasks" }).click();
  const bar = page.getByRole("progressbar", { name: "Loading the page" });
  await expect(bar).toBeVisible();
  release();
  await expect(page.getByRole("heading", { level: 1, name: "Tasks" })).toBeVisible();
  await expect(bar).toHaveCount(0);
});

test("a flash message floats over the page, and can be dismissed", async ({ page }) => {
  await signIn(page);
  await page.goto("/tasks/new");
  await hydrated(page, test.info());
  const title = `Flash ${test.info().workerIndex} ${Date.now()} with a title long enough to be cut short in the message`;
  await page.getByLabel("Title").fill(title);
  await page.getByRole("button", { name: "Create task" }).click();
  const flash = page.getByRole("status");
  await expect(flash).toHaveText(`The task “${title.slice(0, title.lastIndexOf(" ", 60))}…” was created.`);
  // Floating: the page's heading is where it is without the message.
  expect(await flash.evaluate((element) => getComputedStyle(element.parentElement!).position)).toBe("fixed");
  await page.getByRole("button", { name: "Dismiss" }).click();
  await expect(flash).toHaveCount(0);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
});
