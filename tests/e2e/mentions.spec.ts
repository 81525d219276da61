import { expect, test } from "@playwright/test";
import { createPersonAsAdmin, createTaskAsAdmin, hydrated, signIn, uniqueEmail } from "./support.ts";

/**
 * Issue 13: two people in two browsers. One comments on a task mentioning the other; the other sees
 * the unread count in the navigation, opens the inbox, follows the link to the comment, and the
 * count is gone. With JavaScript on and off (the count and the inbox need none).
 */
test("a mention reaches the other person's inbox and leads them to the comment", async ({ browser, request }, testInfo) => {
  const tag = `${testInfo.project.name} ${testInfo.workerIndex} ${Date.now()}`;
  const writer = await createPersonAsAdmin(request, { name: `Wren Writer ${tag}`, email: uniqueEmail(testInfo, "writer") });
  const reader = await createPersonAsAdmin(request, { name: `Rae Reader ${tag}`, email: uniqueEmail(testInfo, "reader") });
  const title = `Mention me ${tag}`;
  const taskId = await createTaskAsAdmin(request, { title });

  const writerContext = await browser.newContext();
  const readerContext = await browser.newContext();
  try {
    const writerPage = await writerContext.newPage();
    const readerPage = await readerContext.newPage();
    await signIn(readerPage, reader.email, reader.password);
    await expect(readerPage.getByRole("link", { name: /^Inbox$/ })).toBeVisible();

    await signIn(writerPage, writer.email, writer.password);
    await writerPage.goto(`/tasks/${taskId}`);
    await hydrated(writerPage, testInfo);
    const field = writerPage.getByLabel("Add a comment");
    if (testInfo.project.use.javaScriptEnabled) {
      // The completion offers the reader after "@Rae Rea"; Enter inserts their whole name.
      await field.pressSequentially("Could you look, @Rae Rea");
      const option = writerPage.getByRole("option", { name: new RegExp(`Rae Reader ${tag}`) });
      await expect(option).toBeVisible();
      await field.press("Enter");
      await expect(field).toHaveValue(`Could you look, @${reader.name} `);
      await field.pressSequentially("please?");
    } else {
      await field.fill(`Could you look, @${reader.name} please?`);
    }
    await writerPage.getByRole("button", { name: "Post comment" }).click();
    const mention = writerPage.locator(".comment a.mention");
    await expect(mention).toHaveText(`@${reader.name}`);
    await expect(mention).toHaveAttribute("href", `/users/${reader.id}`);

    // The reader's next page shows the count; the inbox lists the mention, newest first.
    await readerPage.goto("/tasks");
    await expect(readerPage.getByRole("link", { name: /^Inbox 1 unread$/ })).toBeVisible();
    await readerPage.getByRole("link", { name: /^Inbox/ }).click();
    await expect(readerPage.getByRole("heading", { name: "Inbox", level: 1 })).toBeVisible();
    const item = readerPage.locator(".inbox__item").first();
    await expect(item).toContainText(`Wren Writer ${tag} mentioned you in a comment on ${title}`);
    await hydrated(readerPage, testInfo);
    await item.getByRole("link", { name: title }).click();

    await expect(readerPage).toHaveURL(new RegExp(`/tasks/${taskId}#comment-`));
    await expect(readerPage.getByRole("heading", { name: title, level: 1 })).toBeVisible();
    await expect(readerPage.getByRole("link", { name: /^Inbox$/ })).toBeVisible();
  } finally {
    await writerContext.close();
    await readerContext.close();
  }
});

test("the inbox marks one read and all read with forms", async ({ browser, request }, testInfo) => {
  const tag = `${testInfo.project.name} ${testInfo.workerIndex} ${Date.now()}`;
  const person = await createPersonAsAdmin(request, { name: `Ina Inbox ${tag}`, email: uniqueEmail(testInfo, "inbox") });
  for (const n of [1, 2, 3]) await createTaskAsAdmin(request, { title: `Yours ${n} ${tag}`, assigneeId: person.id });

  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await signIn(page, person.email, person.password);
    await expect(page.getByRole("link", { name: /^Inbox 3 unread$/ })).toBeVisible();
    await page.goto("/inbox");
    await hydrated(page, testInfo);
    await expect(page.locator(".inbox__item").first()).toContainText(`assigned you Yours 3 ${tag}`);

    await page.getByRole("button", { name: `Mark read: Yours 3 ${tag}` }).click();
    await expect(page.getByRole("status")).toHaveText("Marked read.");
    await expect(page.getByRole("link", { name: /^Inbox 2 unread$/ })).toBeVisible();
    await expect(page.getByRole("button", { name: `Mark read: Yours 3 ${tag}` })).toHaveCount(0);

    await hydrated(page, testInfo);
    await page.getByRole("button", { name: "Mark all read" }).click();
    await expect(page.getByRole("status")).toHaveText("2 notifications marked read.");
    await expect(page.getByRole("link", { name: /^Inbox$/ })).toBeVisible();
    await page.getByRole("link", { name: "Unread" }).click();
    await expect(page.getByText("Nothing unread.")).toBeVisible();
  } finally {
    await context.close();
  }
});
