import { expect, test, type Page, type TestInfo } from "@playwright/test";
import { formatInstant } from "#app/time/format.ts";
import { createPersonAsAdmin, createTaskAsAdmin, hydrated, signIn, uniqueEmail } from "./support.ts";

/**
 * Issue 14, times in the person's own zone and format (decision 0031). The browser says it is in
 * Tokyo and speaks German: with JavaScript its first page stores that, and times show in it;
 * without, everything stays UTC in the ISO format until the person chooses in Settings.
 */
test.use({ timezoneId: "Asia/Tokyo", locale: "de-DE" });

const unique = (testInfo: TestInfo, label: string) => `${label} ${testInfo.project.name} ${testInfo.workerIndex} ${Date.now()}`;

async function newPerson(page: Page, request: Parameters<typeof createPersonAsAdmin>[0], testInfo: TestInfo) {
  const person = await createPersonAsAdmin(request, { name: unique(testInfo, "Zoe"), email: uniqueEmail(testInfo, "zone") });
  await signIn(page, person.email, person.password);
  return person;
}

/** The "Created by" line's time: its instant (dateTime) and what it says. */
async function createdTime(page: Page) {
  const time = page.locator(".details dd").filter({ hasText: "Admin," }).locator("time");
  return { iso: (await time.getAttribute("datetime"))!, text: time };
}

test("the first page sets the zone from the browser with JavaScript; without, times stay in UTC", async ({ page, request }, testInfo) => {
  const id = await createTaskAsAdmin(request, { title: unique(testInfo, "Zoned"), dueDate: "2031-05-01" });
  await newPerson(page, request, testInfo);
  const withJs = testInfo.project.use.javaScriptEnabled;

  // The dashboard names the zone its chart counts days in: Tokyo once the browser's zone is stored.
  await expect(page.getByText(withJs ? "by day in Asia/Tokyo" : "by day in UTC")).toBeVisible();

  await page.goto(`/tasks/${id}`);
  await hydrated(page, testInfo);
  const { iso, text } = await createdTime(page);
  if (withJs) {
    await expect(text).toContainText(formatInstant(iso, { timeZone: "Asia/Tokyo", locale: "de-DE" }));
    await expect(text).toHaveAttribute("title", formatInstant(iso, { timeZone: "Asia/Tokyo", locale: "de-DE" }, true));
    // A due date is a day: 1 May everywhere, written the person's way.
    await expect(page.locator(".details time[datetime='2031-05-01']")).toHaveText("1. Mai 2031");
  } else {
    await expect(text).toContainText(formatInstant(iso, { timeZone: "UTC", locale: "ISO" }, true));
    await expect(page.locator(".details time[datetime='2031-05-01']")).toHaveText("2031-05-01");
  }

  await page.goto("/settings");
  await expect(page.getByLabel("Time zone", { exact: true })).toHaveValue(withJs ? "Asia/Tokyo" : "");
});

test("changing the setting changes what a task page shows; a zone that is not one is refused", async ({ page, request }, testInfo) => {
  const id = await createTaskAsAdmin(request, { title: unique(testInfo, "Moved"), dueDate: "2031-05-01" });
  await newPerson(page, request, testInfo);
  await expect(page.getByText(/by day in /)).toBeVisible();

  await page.goto("/settings");
  await hydrated(page, testInfo);
  await page.getByLabel("Time zone", { exact: true }).fill("Mars/Olympus_Mons");
  await page.getByRole("button", { name: "Save time zone and format" }).click();
  await expect(page.getByText("“Mars/Olympus_Mons” is not a time zone Tandem knows.", { exact: false }).last()).toBeVisible();
  await expect(page.getByLabel("Time zone", { exact: true })).toHaveValue("Mars/Olympus_Mons");

  await page.getByLabel("Time zone", { exact: true }).fill("America/New_York");
  await page.getByLabel("Date format", { exact: true }).selectOption("en-GB");
  await page.getByRole("button", { name: "Save time zone and format" }).click();
  await expect(page.getByRole("status")).toHaveText("Times now show in America/New_York.");

  await page.setViewportSize({ width: 320, height: 800 });
  await page.goto(`/tasks/${id}`);
  await hydrated(page, testInfo);
  const { iso, text } = await createdTime(page);
  await expect(text).toContainText(formatInstant(iso, { timeZone: "America/New_York", locale: "en-GB" }));
  await expect(page.locator(".details time[datetime='2031-05-01']")).toHaveText("1 May 2031");
  // At 320 px no time or date is broken across two lines: each is one box. A time shown both ways
  // ("3 hours ago (1 May 2031, 10:00)") may put its two parts on two lines, each part whole.
  const boxes = await page
    .locator("time.when:not(.when--both), .when--both .when__part")
    .evaluateAll((times) => times.map((time) => time.getClientRects().length));
  expect(boxes.length).toBeGreaterThan(2);
  expect(boxes).toEqual(boxes.map(() => 1));
});
