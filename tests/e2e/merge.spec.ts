import { expect, test, type Browser, type TestInfo } from "@playwright/test";
import { createPersonAsAdmin, createTaskAsAdmin, E2E_ADMIN, hydrated, signIn, uniqueEmail } from "./support.ts";

/**
 * Issue 13, part 6 "Merge, don't overwrite": two people (two browser contexts) edit the same task
 * from the same version, with JavaScript on and off. Changes to different fields merge without a
 * conflict screen; only a field both changed is shown as a conflict, with the typing kept.
 */
const unique = (testInfo: TestInfo, label: string) => `${label} ${testInfo.project.name} ${testInfo.workerIndex} ${Date.now()}`;

async function signedInContext(browser: Browser, testInfo: TestInfo, email: string, password: string) {
  const context = await browser.newContext({ baseURL: testInfo.project.use.baseURL, javaScriptEnabled: testInfo.project.use.javaScriptEnabled });
  const page = await context.newPage();
  await signIn(page, email, password);
  return { context, page };
}

/** The admin and Mia (the assignee, so she may edit), both with the task's page open at version 1. */
async function bothOpen(browser: Browser, request: Parameters<typeof createTaskAsAdmin>[0], testInfo: TestInfo, title: string) {
  const mia = await createPersonAsAdmin(request, { name: `Mia ${testInfo.project.name} ${Date.now()}`, email: uniqueEmail(testInfo, "mia") });
  const id = await createTaskAsAdmin(request, { title, description: "The first words", assigneeId: mia.id });
  const admin = await signedInContext(browser, testInfo, E2E_ADMIN.email, E2E_ADMIN.password);
  const member = await signedInContext(browser, testInfo, mia.email, mia.password);
  for (const { page } of [admin, member]) {
    await page.goto(`/tasks/${id}`);
    await hydrated(page, testInfo);
  }
  return { admin: admin.page, mia: member.page, close: () => Promise.all([admin.context.close(), member.context.close()]) };
}

test("a non-overlapping concurrent edit merges without a conflict screen, and says whose change was kept", async ({ browser, request }, testInfo) => {
  const title = unique(testInfo, "Merge apart");
  const { admin, mia, close } = await bothOpen(browser, request, testInfo, title);
  try {
    await admin.getByLabel("Status").selectOption("DONE");
    await admin.getByRole("button", { name: "Save changes" }).click();
    await expect(admin.getByRole("status")).toHaveText(`Saved changes to “${title}”.`);

    // Mia's form still shows version 1 and "To do"; she changes only the title.
    await mia.getByLabel("Title").fill(`${title} by Mia`);
    await mia.getByRole("button", { name: "Save changes" }).click();

    await expect(mia.getByRole("status")).toHaveText(`Saved changes to “${title} by Mia”. Kept Admin’s change to the status.`);
    await expect(mia.getByRole("heading", { level: 1 })).toHaveText(`${title} by Mia`);
    await expect(mia.getByRole("region", { name: "Compare before you save again" })).toHaveCount(0);
    await expect(mia.locator(".details")).toContainText("Done");
    await expect(mia.getByLabel("Status")).toHaveValue("DONE");

    await admin.reload();
    await expect(admin.getByRole("heading", { level: 1 })).toHaveText(`${title} by Mia`);
    await expect(admin.getByLabel("Status")).toHaveValue("DONE");
  } finally {
    await close();
  }
});

test("an overlapping concurrent edit shows only the overlapping field as a conflict, with the typing kept", async ({ browser, request }, testInfo) => {
  const title = unique(testInfo, "Merge clash");
  const { admin, mia, close } = await bothOpen(browser, request, testInfo, title);
  try {
    await admin.getByLabel("Title").fill(`${title} by admin`);
    await admin.getByLabel("Due date (optional)").fill("2031-05-01");
    await admin.getByRole("button", { name: "Save changes" }).click();
    await expect(admin.getByRole("status")).toHaveText(`Saved changes to “${title} by admin”.`);

    await mia.getByLabel("Title").fill(`${title} by Mia`);
    await mia.getByLabel("Description (optional)").fill("Mia's words");
    await mia.getByRole("button", { name: "Save changes" }).click();

    await expect(mia.getByRole("alert")).toContainText("They changed some of the same fields as you");
    const compare = mia.getByRole("table", { name: "Stored now and your version, field by field" });
    // Only the title: the header row and one field.
    await expect(compare.getByRole("row")).toHaveCount(2);
    await expect(compare.getByRole("row", { name: /^Title/ })).toContainText(`${title} by admin`);
    await expect(compare.getByRole("row", { name: /^Title/ })).toContainText(`${title} by Mia`);
    // Her typing is kept; the due date only the admin changed is in the form now.
    await expect(mia.getByLabel("Title")).toHaveValue(`${title} by Mia`);
    await expect(mia.getByLabel("Description (optional)")).toHaveValue("Mia's words");
    await expect(mia.getByLabel("Due date (optional)")).toHaveValue("2031-05-01");

    await mia.getByRole("button", { name: "Save my version" }).click();
    await expect(mia.getByRole("status")).toHaveText(`Saved changes to “${title} by Mia”.`);
    await expect(mia.getByRole("heading", { level: 1 })).toHaveText(`${title} by Mia`);
    await expect(mia.getByLabel("Description (optional)")).toHaveValue("Mia's words");
    await expect(mia.getByLabel("Due date (optional)")).toHaveValue("2031-05-01");
  } finally {
    await close();
  }
});
