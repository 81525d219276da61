import { beforeAll, describe, expect, it } from "vitest";
import { db } from "#services/db/client.ts";
import { createToken } from "#services/tokens.ts";
import { api, personWithToken } from "#tests/api/support.ts";
import { signIn } from "#tests/support/http.ts";
import { getPage, send, unescapeHtml } from "./support.ts";

/**
 * Text an attacker types (markup, SQL, template syntax, Unicode that reorders or stacks, control
 * characters) as task titles, descriptions, person names and token names, through both doors.
 * It is stored and returned exactly as typed, and every HTML page that shows it shows it as text:
 * the raw markup never reaches a page unescaped.
 */
const PAYLOADS: [string, string][] = [
  ["a script element", "<script>alert(1)</script>"],
  ["an attribute break-out", `"><img src=x onerror=alert(1)>`],
  ["SQL that drops a table", `'); DROP TABLE "Task";--`],
  ["Bobby Tables", "Robert'); --"],
  ["emoji with ZWJ sequences", "👨‍👩‍👧‍👦 family, 🏳️‍🌈 flag, 👩🏽‍💻 coder"],
  ["right-to-left text and U+202E", "مرحبا بالعالم שלום \u202Egnp.exe"],
  ["stacked combining characters", "Z\u0337\u0322\u0348a\u0335\u0327l\u0338\u032Dg\u0336\u0353o e\u0301"],
  ["control characters", "bell\u0007 esc\u001b[31m red del\u007f bs\u0008 nul-free"],
  ["template syntax", "{{7*7}} ${7*7} #{7*7} <%= 7*7 %>"],
];

/** Markup that would run or render if any page put the text in unescaped. */
const RAW_MARKUP = ["<script>alert(1)", "<img src=x", "onerror=alert(1)>"];

function expectNoRawMarkup(html: string, where: string) {
  for (const raw of RAW_MARKUP) expect(html.includes(raw), `${where} contains ${raw} unescaped`).toBe(false);
  // Nor a NUL byte (React 18's stream padding, app/entry.server.tsx): it garbles the text next to it.
  expect(html.includes("\u0000"), `${where} contains a NUL byte`).toBe(false);
}

/** Shown as text: present once the HTML escaping is undone, never as markup. */
function expectShownEscaped(html: string, text: string, where: string) {
  expectNoRawMarkup(html, where);
  expect(unescapeHtml(html).includes(text), `${where} shows the text as typed`).toBe(true);
}

const pageTitle = (html: string) => unescapeHtml(/<title>([^<]*)<\/title>/.exec(html)?.[1] ?? "");

/** Session cookie plus whatever the redirect set (the flash), as the browser would send them next. */
function withSetCookies(cookie: string, headers: Headers) {
  return [cookie, ...headers.getSetCookie().map((value) => value.split(";")[0]!)].join("; ");
}

const past = "2020-01-02";
let counter = 0;
const uniqueEmail = () => `inject-${Date.now()}-${++counter}@injection.test`;

// One admin adds the people named with each payload (the shared server's team stays small).
let admin: Awaited<ReturnType<typeof personWithToken>>["user"];
let adminToken: string;
beforeAll(async () => {
  ({ user: admin, token: adminToken } = await personWithToken("ADMIN"));
});

describe.each(PAYLOADS)("%s typed everywhere text goes", (_label, payload) => {
  it("is stored verbatim and shown escaped through the API and the forms", async () => {

    // A person named with it through the API, and one through the form.
    const apiEmail = uniqueEmail();
    const apiPerson = await api("/api/users", {
      method: "POST",
      token: adminToken,
      json: { email: apiEmail, name: payload, role: "ADMIN", password: "a long enough password" },
    });
    expect(apiPerson.status, apiPerson.text).toBe(201);
    expect(apiPerson.body.name).toBe(payload);
    expect((await db.user.findUniqueOrThrow({ where: { id: apiPerson.body.id } })).name).toBe(payload);

    const adminCookie = await signIn(admin);
    const formEmail = uniqueEmail();
    const added = await send("/users/new", {
      cookie: adminCookie,
      body: new URLSearchParams({ email: formEmail, name: payload, role: "ADMIN", password: "a long enough password" }),
    });
    expect(added.status, added.text).toBe(302);
    const formPerson = await db.user.findUniqueOrThrow({ where: { email: formEmail } });
    expect(formPerson.name).toBe(payload);
    const flashAdded = await getPage(added.headers.get("location")!, { cookie: withSetCookies(adminCookie, added.headers) });
    expect(flashAdded.text).toMatch(/class="flash flash--success"/);
    expectShownEscaped(flashAdded.text, `${payload} was added to the team.`, "the people list with its flash");

    // The named people act: one through the API, one through the forms.
    const apiActor = { id: apiPerson.body.id, role: "ADMIN" as const, name: payload, email: apiEmail };
    const { secret } = await createToken(apiActor, { name: "injection", scopes: ["write"] });
    const apiTask = await api("/api/tasks", {
      method: "POST",
      token: secret,
      json: { title: payload, description: payload, assigneeId: apiActor.id, dueDate: past },
    });
    expect(apiTask.status, apiTask.text).toBe(201);
    expect(apiTask.body).toMatchObject({ title: payload, description: payload });
    const readBack = await api(`/api/tasks/${apiTask.body.id}`, { token: secret });
    expect(readBack.body).toMatchObject({ title: payload, description: payload });
    const apiRow = await db.task.findUniqueOrThrow({ where: { id: apiTask.body.id } });
    expect([apiRow.title, apiRow.description]).toEqual([payload, payload]);

    const cookie = await signIn(formPerson);
    const created = await send("/tasks/new", {
      cookie,
      body: new URLSearchParams({ title: payload, description: payload, status: "TODO", assigneeId: formPerson.id, dueDate: past }),
    });
    expect(created.status, created.text).toBe(302);
    const taskPath = created.headers.get("location")!;
    const formRow = await db.task.findUniqueOrThrow({ where: { id: taskPath.split("/").at(-1)! } });
    expect([formRow.title, formRow.description]).toEqual([payload, payload]);
    const afterCreate = await getPage(taskPath, { cookie: withSetCookies(cookie, created.headers) });
    expectShownEscaped(afterCreate.text, `The task “${payload}” was created.`, "the task page with its flash");
    expect(pageTitle(afterCreate.text)).toBe(`${payload} · Tandem`);

    // An edit through the form (flash after update), and a status change from the list (flash, and a bar in the chart).
    const updated = await send(taskPath, {
      cookie,
      body: new URLSearchParams({ intent: "update", version: String(formRow.version), title: payload, description: `${payload}\n${payload}`, status: "TODO", assigneeId: formPerson.id, dueDate: past }),
    });
    expect(updated.status, updated.text).toBe(302);
    expect((await db.task.findUniqueOrThrow({ where: { id: formRow.id } })).description).toBe(`${payload}\n${payload}`);
    const afterUpdate = await getPage(taskPath, { cookie: withSetCookies(cookie, updated.headers) });
    expectShownEscaped(afterUpdate.text, `Saved changes to “${payload}”.`, "the task page after an edit");
    const done = await send("/tasks", {
      cookie,
      body: new URLSearchParams({ intent: "status", taskId: apiRow.id, version: String(apiRow.version), status: "DONE" }),
    });
    expect(done.status, done.text).toBe(302);
    const afterStatus = await getPage(done.headers.get("location")!, { cookie: withSetCookies(cookie, done.headers) });
    expectShownEscaped(afterStatus.text, `“${payload}” is now done.`, "the task list after a status change");

    // A token named with it: its name is on the page that shows the secret and in the flash after revoking.
    const tokenCreated = await send("/settings/tokens", { cookie, body: new URLSearchParams({ intent: "create", name: payload, scopes: "read" }) });
    expect(tokenCreated.status, tokenCreated.text).toBe(302);
    const tokenShown = await getPage("/settings/tokens", { cookie: withSetCookies(cookie, tokenCreated.headers) });
    expectShownEscaped(tokenShown.text, payload, "the page showing a new token");
    const tokenRow = await db.apiToken.findFirstOrThrow({ where: { userId: formPerson.id } });
    expect(tokenRow.name).toBe(payload);
    const revoked = await send("/settings/tokens", { cookie, body: new URLSearchParams({ intent: "revoke", tokenId: tokenRow.id }) });
    expect(revoked.status, revoked.text).toBe(302);
    const afterRevoke = await getPage("/settings/tokens", { cookie: withSetCookies(cookie, revoked.headers) });
    expectShownEscaped(afterRevoke.text, `The token “${payload}” was revoked. It no longer works.`, "the tokens page after revoking");

    // Every page the text appears on, as the person whose name it is (their name is in the top bar too).
    const pages: [string, string[]][] = [
      ["/", [payload]], // greeting, your tasks, overdue tasks, recent activity, the SVG charts
      ["/tasks", [payload]],
      [`/tasks?q=${encodeURIComponent(payload)}`, [payload]],
      [taskPath, [payload, `${payload}\n${payload}`]],
      [`/tasks/${apiRow.id}`, [payload]],
      ["/users", [payload]],
      [`/users/${formPerson.id}`, [payload]],
      [`/users/${apiActor.id}`, [payload]],
      ["/settings", [payload]],
      ["/settings/tokens", [payload]],
      [`/tasks/${encodeURIComponent(payload)}`, []], // a 404 page for an id made of it
    ];
    for (const [path, shown] of pages) {
      const page = await getPage(path, { cookie });
      expect([200, 404], `${path} answered ${page.status}`).toContain(page.status);
      expectNoRawMarkup(page.text, path);
      for (const text of shown) expectShownEscaped(page.text, text, path);
    }
    const dashboard = await getPage("/", { cookie });
    expect(dashboard.text).toContain("<svg");
    expect(pageTitle((await getPage(`/users/${formPerson.id}`, { cookie })).text)).toBe(`${payload} · Tandem`);

    // The API gives it back byte for byte wherever it returns it.
    const listed = await api(`/api/tasks?assignee=me`, { token: secret });
    expect(listed.body.data.map((task: { title: string }) => task.title)).toContain(payload);
    const person = await api(`/api/users/${formPerson.id}`, { token: secret });
    expect(person.body.name).toBe(payload);
    expect(Buffer.from(JSON.stringify(readBack.body.title))).toEqual(Buffer.from(JSON.stringify(payload)));
    // Thirty-odd requests, with two Argon2 hashes: generous for a busy 2-core machine.
  }, 90_000);
});

describe("SQL in search and filters", () => {
  it("a search for SQL is a search: nothing breaks, nothing is dropped, and matching is literal", async () => {
    const { user, token } = await personWithToken("MEMBER", ["read"]);
    const before = await db.task.count();
    for (const q of [`' OR '1'='1`, `%' OR 1=1; --`, `"); DROP TABLE "Task";--`, "%", "_"]) {
      const response = await api(`/api/tasks?q=${encodeURIComponent(q)}`, { token });
      expect(response.status, q).toBe(200);
      for (const task of response.body.data as { title: string; description: string }[]) {
        expect(`${task.title}\n${task.description}`.toLocaleLowerCase("und"), `"${q}" matched a task without it`).toContain(q.toLocaleLowerCase("und"));
      }
      const page = await getPage(`/tasks?q=${encodeURIComponent(q)}`, { cookie: await signIn(user) });
      expect(page.status).toBe(200);
    }
    expect(await db.task.count()).toBe(before);
  });
});
