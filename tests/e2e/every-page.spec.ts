import { expect, test, type APIRequestContext, type APIResponse, type Page } from "@playwright/test";
import { createPersonAsAdmin, createTaskAsAdmin, E2E_ADMIN, expectAccessible, hydrated, signIn, uniqueEmail } from "./support.ts";

/**
 * Every page, at a phone's widths and a laptop's, light and dark, with JavaScript on and off (the
 * two projects): no page scrolls sideways, every primary control is a 44×44 px tap target on a
 * phone, chart text is at least 12 px, and axe finds nothing serious (decision 0032). The content is real and unkind: words
 * longer than a phone is wide, titles far over the flash message's 60 characters.
 *
 * A new page is one line in PAGES.
 */

/** Who looks at a page: nobody signed in, the admin, or a member (for what members may not see). */
type Viewer = "signed-out" | "admin" | "member";

type Seed = {
  taskId: string;
  personId: string;
  member: { email: string; password: string };
  tokenId: string;
  commentTaskId: string;
  commentId: string;
  /** The paths of a live invitation and a live password-reset link (for the member). */
  invitePath: string;
  resetPath: string;
};

type PageCase = {
  name: string;
  as: Viewer;
  /** The address; or `open` reaches the page by doing something (a form sent, a conflict made). */
  path?: (seed: Seed) => string;
  open?: (page: Page, seed: Seed, request: APIRequestContext) => Promise<void>;
  /** The HTTP status the page answers with, when not 200. */
  status?: number;
};

const PAGES: PageCase[] = [
  { name: "login", as: "signed-out", path: () => "/login" },
  { name: "API docs", as: "signed-out", path: () => "/api/docs" },
  { name: "not found, signed out", as: "signed-out", path: () => "/this/does/not/exist", status: 404 },
  { name: "an invitation link", as: "signed-out", path: ({ invitePath }) => invitePath },
  { name: "an unknown invitation link", as: "signed-out", path: () => "/invite/no-such-secret", status: 404 },
  { name: "a password-reset link", as: "signed-out", path: ({ resetPath }) => resetPath },
  { name: "dashboard", as: "admin", path: () => "/" },
  { name: "tasks", as: "admin", path: () => "/tasks" },
  { name: "tasks, filtered", as: "admin", path: () => "/tasks?status=TODO&overdue=true&q=Supercalifragilistic" },
  { name: "tasks, sorted by due date", as: "admin", path: () => "/tasks?sort=-due" },
  { name: "board", as: "admin", path: () => "/tasks/board" },
  { name: "board, filtered", as: "admin", path: () => "/tasks/board?assignee=none&overdue=false" },
  { name: "a task", as: "admin", path: ({ taskId }) => `/tasks/${taskId}` },
  { name: "a task's delete step", as: "admin", path: ({ taskId }) => `/tasks/${taskId}?confirm=delete#delete-confirm` },
  { name: "a task's edit conflict", as: "admin", open: openConflict },
  { name: "new task", as: "admin", path: () => "/tasks/new" },
  { name: "team", as: "admin", path: () => "/users" },
  { name: "a person", as: "admin", path: ({ personId }) => `/users/${personId}` },
  { name: "a person's deactivate step", as: "admin", path: ({ personId }) => `/users/${personId}?confirm=deactivate#deactivate-confirm` },
  { name: "new person", as: "admin", path: () => "/users/new" },
  { name: "invite a person", as: "admin", path: () => "/users/invite" },
  { name: "settings", as: "admin", path: () => "/settings" },
  { name: "tokens", as: "admin", path: () => "/settings/tokens" },
  { name: "a token's revoke step", as: "admin", path: ({ tokenId }) => `/settings/tokens?confirm=${tokenId}#revoke-confirm` },
  { name: "not found, signed in", as: "admin", path: () => "/this/does/not/exist", status: 404 },
  { name: "a task that does not exist", as: "admin", path: () => "/tasks/no-such-task", status: 404 },
  { name: "inbox", as: "member", path: () => "/inbox" },
  { name: "a task with a comment", as: "member", path: ({ commentTaskId }) => `/tasks/${commentTaskId}` },
  {
    name: "a comment's delete step",
    as: "member",
    path: ({ commentTaskId, commentId }) => `/tasks/${commentTaskId}?delete-comment=${commentId}#delete-comment-confirm`,
  },
  { name: "forbidden (new person, as a member)", as: "member", path: () => "/users/new", status: 403 },
];

/** Phones: 320 (the narrowest WCAG 1.4.10 asks for) and 390 px; and a laptop. */
const WIDTHS = [320, 390, 1366] as const;
const PHONE = 390;

/**
 * A primary control (decision 0032): a button, a submit or button input, a link styled as a
 * button (.button) anywhere on the page, and every link in a navigation landmark (the main
 * navigation, pagination, the inbox's filter) except the API reference's table of contents,
 * which is a list of in-page links like any other text. Inline links in text are not.
 */
const PRIMARY_CONTROLS = 'button, input[type="submit"], input[type="button"], a.button, nav a';
const NOT_PRIMARY = ".api-docs__toc";
const TARGET = 44;


/** EVERY_PAGE_SHOTS=<folder> saves a full-page screenshot of each page (JavaScript on), to look at the layouts. */
const SHOTS = process.env.EVERY_PAGE_SHOTS;
const slug = (name: string) => name.toLowerCase().replace(/[^a-z0-9]+/g, "-");

const LONG_WORD = "Supercalifragilisticexpialidocious-antidisestablishmentarianism-pneumonoultramicroscopicsilicovolcanoconiosis";

// Twenty-odd pages, each loaded and checked by axe (a few seconds a page with JavaScript off).
test.describe.configure({ timeout: 360_000 });

test.describe("the checks themselves", () => {
  test.use({ viewport: { width: 320, height: 800 } });
  test("find a button too small to tap and an element wider than the window", async ({ page }) => {
    await page.goto("/login");
    await hydrated(page, test.info());
    expect(await smallControlsOf(page)).toEqual([]);
    expect(await overflowOf(page)).toEqual([]);
    // Evaluate can change the page with JavaScript off too (only timers are held back, see support.ts).
    await page.evaluate(() => {
      const button = document.querySelector<HTMLElement>('button[type="submit"]')!;
      button.style.minHeight = "0";
      button.style.height = "30px";
      document.querySelector<HTMLElement>("h1")!.style.width = "500px";
    });
    expect(await smallControlsOf(page)).toEqual([expect.stringMatching(/^“Sign in” \d+×30$/)]);
    expect(await overflowOf(page)).toEqual([expect.stringContaining("h1")]);
  });
});

for (const colorScheme of ["light", "dark"] as const) {
  test.describe(`in ${colorScheme}`, () => {
    test.use({ colorScheme });
    for (const width of WIDTHS) {
      test.describe(`at ${width} px`, () => {
        test.use({ viewport: { width, height: 800 } });

        test(`every page fits, has tap-sized controls and passes axe (${colorScheme}, ${width} px)`, async ({ page, request }) => {
          const seed = await seedContent(request);
          const problems: string[] = [];
          let viewer: Viewer | null = null;
          for (const entry of PAGES) {
            if (entry.as !== viewer) {
              await page.context().clearCookies();
              if (entry.as === "admin") await signIn(page);
              if (entry.as === "member") await signIn(page, seed.member.email, seed.member.password);
              viewer = entry.as;
            }
            await openPage(page, entry, seed, request, problems);
            problems.push(...(await overflowOf(page)).map((what) => `${entry.name}: wider than the window: ${what}`));
            if (width <= PHONE) problems.push(...(await smallControlsOf(page)).map((what) => `${entry.name}: tap target under 44×44 px: ${what}`));
            problems.push(...(await tinySvgTextOf(page)).map((what) => `${entry.name}: SVG text under 12 px: ${what}`));
            // Screenshots wait for a frame, which never comes with JavaScript off (see support.ts).
            if (SHOTS && test.info().project.use.javaScriptEnabled) await page.screenshot({ path: `${SHOTS}/${test.info().project.name}-${colorScheme}-${width}-${slug(entry.name)}.png`, timeout: 15_000 }).catch(() => undefined);
            await expectAccessible(page, `${entry.name} (${colorScheme}, ${width} px)`);
          }
          expect(problems).toEqual([]);
        });
      });
    }
  });
}

async function openPage(page: Page, entry: PageCase, seed: Seed, request: APIRequestContext, problems: string[]) {
  if (entry.open) {
    await entry.open(page, seed, request);
  } else {
    const response = await page.goto(entry.path!(seed));
    if (response?.status() !== (entry.status ?? 200)) problems.push(`${entry.name}: answered ${response?.status()}, not ${entry.status ?? 200}`);
  }
  await expect(page.getByRole("heading", { level: 1 }).first()).toBeVisible();
  await hydrated(page, test.info());
}

/** What sticks out past the right edge, when the page scrolls sideways: the innermost elements. */
async function overflowOf(page: Page) {
  return page.evaluate(() => {
    const width = window.innerWidth;
    if (document.scrollingElement!.scrollWidth <= width) return [];
    const wide = [...document.body.querySelectorAll("*")].filter((element) => element.getBoundingClientRect().right > width + 0.5);
    const innermost = wide.filter((element) => !wide.some((other) => other !== element && element.contains(other)));
    const describe = (element: Element) => `${element.tagName.toLowerCase()}${element.className ? `.${String(element.className).replaceAll(" ", ".")}` : ""}`;
    return [`${document.scrollingElement!.scrollWidth} px on ${width}: ${innermost.slice(0, 5).map(describe).join(", ")}`];
  });
}

async function smallControlsOf(page: Page) {
  return page.evaluate(
    ({ selector, excluded, target }) =>
      [...document.querySelectorAll<HTMLElement>(selector)]
        .filter((control) => !control.closest(excluded) && control.getClientRects().length > 0 && getComputedStyle(control).visibility !== "hidden")
        .map((control) => ({ control, box: control.getBoundingClientRect() }))
        // Hidden the accessible way (.visually-hidden, 1×1 px) is not a target either.
        .filter(({ box }) => box.width > 1 && box.height > 1)
        .filter(({ box }) => box.width < target - 0.5 || box.height < target - 0.5)
        .map(({ control, box }) => `“${(control.textContent || control.getAttribute("value") || "").trim()}” ${Math.round(box.width)}×${Math.round(box.height)}`),
    { selector: PRIMARY_CONTROLS, excluded: NOT_PRIMARY, target: TARGET },
  );
}

/** Text drawn in an SVG (chart labels) that scaling shrank below 12 px. */
async function tinySvgTextOf(page: Page) {
  return page.evaluate(() =>
    [...document.querySelectorAll("svg text")]
      .map((text) => ({ text, box: text.getBoundingClientRect() }))
      .filter(({ box }) => box.height > 0 && box.height < 12)
      .map(({ text, box }) => `“${text.textContent}” ${box.height.toFixed(1)} px tall`),
  );
}

/**
 * A task with a title far over 60 characters and words wider than a phone, overdue, assigned to a
 * person whose name and email are as unkind; a comment of theirs on a task of theirs; a token.
 */
async function seedContent(request: APIRequestContext): Promise<Seed> {
  const stamp = `${test.info().project.name}-${test.info().workerIndex}-${Date.now()}`;
  const person = await createPersonAsAdmin(request, {
    name: `Maximiliane Wolkenkratzerbewohnerin-Oberhausen-Rheinhausen ${stamp}`,
    email: uniqueEmail(test.info(), "an-exceptionally-long-local-part-of-an-email-address"),
  });
  const taskId = await createTaskAsAdmin(request, {
    title: `${LONG_WORD} and then a title that goes on well past sixty characters ${stamp}`,
    description: `A description with ${LONG_WORD} in it, and https://example.com/a/very/long/path/that/does/not/break/anywhere/${LONG_WORD}`,
    assigneeId: person.id,
    dueDate: "2020-01-01",
  });
  await createTaskAsAdmin(request, { title: `Done already ${stamp}`, status: "DONE" });
  const commentTaskId = await createTaskAsAdmin(request, { title: `Talked about ${stamp}`, assigneeId: person.id });
  await request.post("/logout", { maxRedirects: 0 });
  await request.post("/login", { form: { email: person.email, password: person.password }, maxRedirects: 0 });
  const commented = await request.post(`/tasks/${commentTaskId}`, {
    form: { intent: "comment", body: `A comment with ${LONG_WORD}${LONG_WORD} and @admin in it` },
    maxRedirects: 0,
  });
  expect(commented.status()).toBe(302);
  const commentId = /#comment-(.+)$/.exec(commented.headers()["location"] ?? "")?.[1];
  if (!commentId) throw new Error("The new comment's address did not name it");
  await request.post("/logout", { maxRedirects: 0 });
  await request.post("/login", { form: { email: E2E_ADMIN.email, password: E2E_ADMIN.password }, maxRedirects: 0 });
  const created = await request.post("/settings/tokens", { form: { intent: "create", name: `Token ${LONG_WORD.slice(0, 60)}`, scopes: "read" } });
  expect(created.status()).toBe(200);
  const tokens = await (await request.get("/settings/tokens")).text();
  const tokenId = /\?confirm=([^"#&]+)#revoke-confirm/.exec(tokens)?.[1];
  if (!tokenId) throw new Error("The token's revoke link was not on the tokens page");
  const invitePath = await linkPathFrom(
    await request.post("/users/invite", { form: { intent: "invite", name: `Newcomer ${LONG_WORD.slice(0, 40)}`, email: uniqueEmail(test.info(), "invited"), role: "MEMBER" } }),
    "invite",
  );
  const resetPath = await linkPathFrom(await request.post(`/users/${person.id}`, { form: { intent: "reset-link" } }), "reset");
  return { taskId, personId: person.id, member: person, tokenId, commentTaskId, commentId, invitePath, resetPath };
}

/** A one-time link's path, from the page the form's redirect showed it on (once). */
async function linkPathFrom(shown: APIResponse, kind: "invite" | "reset"): Promise<string> {
  expect(shown.status()).toBe(200);
  const path = new RegExp(`/${kind}/[A-Za-z0-9_-]+`).exec(await shown.text())?.[0];
  if (!path) throw new Error(`No /${kind}/ link on the page after making one`);
  return path;
}

/** Someone else saves the task while this page shows it: saving then shows the two versions side by side. */
async function openConflict(page: Page, { taskId }: Seed, request: APIRequestContext) {
  await page.goto(`/tasks/${taskId}`);
  await hydrated(page, test.info());
  const version = await page.locator('input[name="version"]').first().inputValue();
  const title = await page.getByLabel("Title").inputValue();
  const saved = await request.post(`/tasks/${taskId}`, {
    form: { intent: "update", version, title: `${title} (theirs)`, description: `Theirs: ${LONG_WORD}`, status: "IN_PROGRESS", assigneeId: "", dueDate: "" },
    maxRedirects: 0,
  });
  expect(saved.status()).toBe(302);
  await page.getByLabel("Title").fill(`${title} (mine, with ${LONG_WORD})`);
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("heading", { name: "Compare before you save again" })).toBeVisible();
}
