import { expect, test, type Browser, type TestInfo } from "@playwright/test";
import { createPersonAsAdmin, hydrated, PASSWORD, seriousA11yViolations, signIn, uniqueEmail } from "./support.ts";

/** Someone else's browser (the newcomer's), with JavaScript as this project has it. */
async function otherBrowser(browser: Browser, testInfo: TestInfo) {
  const context = await browser.newContext({ javaScriptEnabled: testInfo.project.use.javaScriptEnabled, baseURL: testInfo.project.use.baseURL });
  return { context, page: await context.newPage() };
}

test("an admin invites a newcomer, who opens the link elsewhere, chooses a password and is signed in", async ({ page, browser }, testInfo) => {
  const email = uniqueEmail(testInfo, "invited");
  const name = `Invited ${testInfo.project.name} ${Date.now()}`;
  await signIn(page);
  await page.goto("/users");
  await page.getByRole("link", { name: "Invite a person" }).click();
  await expect(page.getByRole("heading", { name: "Invite a person", level: 1 })).toBeVisible();
  await hydrated(page, testInfo);
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Make the invitation link" }).click();

  await expect(page).toHaveURL(/\/users$/);
  await expect(page.getByRole("status").first()).toHaveText(`The invitation for ${email} is ready: pass the link on.`);
  const link = await page.getByLabel("One-time link").inputValue();
  expect(link).toMatch(/\/invite\/[A-Za-z0-9_-]{43}$/);
  await expect(page.getByRole("table", { name: "Invitations waiting" }).getByRole("row", { name: new RegExp(email) })).toBeVisible();
  expect(await seriousA11yViolations(page), "the team page with a link to pass on").toEqual([]);

  const newcomer = await otherBrowser(browser, testInfo);
  await newcomer.page.goto(link);
  await expect(newcomer.page.getByRole("heading", { name: "Join Tandem" })).toBeVisible();
  await expect(newcomer.page.getByText(`invited you as ${email}`)).toBeVisible();
  await expect(newcomer.page.getByLabel("Your name")).toHaveValue(name);
  expect(await seriousA11yViolations(newcomer.page), "the invitation page").toEqual([]);
  await hydrated(newcomer.page, testInfo);
  await newcomer.page.getByLabel("Choose a password").fill("short");
  await newcomer.page.getByRole("button", { name: "Join Tandem" }).click();
  await expect(newcomer.page.getByRole("alert")).toContainText("Password must be at least 12 characters.");
  await newcomer.page.getByLabel("Choose a password").fill(PASSWORD);
  // With JavaScript the first page posts the browser's time zone (the newcomer has none yet); the
  // welcome must outlast that post and the reload of the page's data it brings.
  const browserTime = testInfo.project.use.javaScriptEnabled
    ? newcomer.page.waitForResponse((response) => response.request().method() === "POST" && new URL(response.url()).pathname.startsWith("/settings"))
    : null;
  await newcomer.page.getByRole("button", { name: "Join Tandem" }).click();
  if (browserTime) {
    await browserTime;
    // …and the data the page loads again after it (no request for half a second).
    await newcomer.page.waitForLoadState("networkidle");
  }

  await expect(newcomer.page.getByRole("status").first()).toHaveText(`Welcome to Tandem, ${name}.`);
  await expect(newcomer.page.getByRole("button", { name: "Sign out", exact: true })).toBeVisible();

  // The link is used up; the admin's page lists the newcomer and no longer the invitation (nor the link).
  await newcomer.page.goto(link);
  await expect(newcomer.page.getByRole("alert")).toContainText("already used");
  await newcomer.context.close();
  await page.reload();
  await expect(page.getByLabel("One-time link")).toHaveCount(0);
  await expect(page.getByRole("table", { name: "Everyone on the team" }).getByRole("row", { name: new RegExp(email) })).toBeVisible();
  await expect(page.getByRole("table", { name: "Invitations waiting" }).getByRole("row", { name: new RegExp(email) })).toHaveCount(0);
});

test("an admin revokes an invitation after confirming, and its link says so", async ({ page, browser }, testInfo) => {
  const email = uniqueEmail(testInfo, "revoked");
  await signIn(page);
  await page.goto("/users/invite");
  await page.getByLabel("Name").fill("Not Coming");
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Make the invitation link" }).click();
  const link = await page.getByLabel("One-time link").inputValue();

  const row = page.getByRole("table", { name: "Invitations waiting" }).getByRole("row", { name: new RegExp(email) });
  await row.getByRole("link", { name: /^Revoke the invitation for/ }).click();
  await expect(row.getByText("stops working at once")).toBeVisible();
  await row.getByRole("button", { name: "Yes, revoke it" }).click();
  await expect(page.getByRole("status").first()).toHaveText(`The invitation for ${email} was revoked: its link no longer works.`);
  await expect(page.getByRole("table", { name: "Invitations waiting" }).getByRole("row", { name: new RegExp(email) })).toHaveCount(0);

  const newcomer = await otherBrowser(browser, testInfo);
  const answer = await newcomer.page.goto(link);
  expect(answer?.status()).toBe(410);
  await expect(newcomer.page.getByRole("heading", { name: "This invitation cannot be used" })).toBeVisible();
  await expect(newcomer.page.getByRole("alert")).toContainText("This invitation was revoked.");
  expect(await seriousA11yViolations(newcomer.page), "a dead link's page").toEqual([]);
  await newcomer.context.close();
});

test("an admin makes a password-reset link; the person sets a new password with it and their other session ends", async ({ page, browser, request }, testInfo) => {
  const person = await createPersonAsAdmin(request, { name: `Resetting ${testInfo.project.name} ${Date.now()}`, email: uniqueEmail(testInfo, "reset") });
  const theirs = await otherBrowser(browser, testInfo);
  await signIn(theirs.page, person.email, person.password);

  await signIn(page);
  await page.goto(`/users/${person.id}`);
  await page.getByRole("button", { name: "Make a password-reset link" }).click();
  await expect(page.getByRole("status").first()).toHaveText(`The password-reset link for ${person.name} is ready: pass it on.`);
  const link = await page.getByLabel("One-time link").inputValue();
  expect(link).toMatch(/\/reset\/[A-Za-z0-9_-]{43}$/);

  const elsewhere = await otherBrowser(browser, testInfo);
  await elsewhere.page.goto(link);
  await expect(elsewhere.page.getByRole("heading", { name: "Set a new password" })).toBeVisible();
  await elsewhere.page.getByLabel("New password").fill("a brand new password of mine");
  await elsewhere.page.getByRole("button", { name: "Set my password" }).click();
  await expect(elsewhere.page.getByRole("status").first()).toHaveText("Your new password is set. You are signed in here and signed out everywhere else.");
  await expect(elsewhere.page.getByRole("button", { name: "Sign out", exact: true })).toBeVisible();

  await theirs.page.goto("/tasks");
  await expect(theirs.page).toHaveURL(/\/login/);
  await elsewhere.context.close();
  await theirs.context.close();
});
