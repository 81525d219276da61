import { describe, expect, it } from "vitest";
import { createTask } from "#services/tasks.ts";
import { createUser } from "#tests/support/factories.ts";
import { signIn } from "#tests/support/http.ts";
import { getPage, send } from "./support.ts";

/**
 * Comments and descriptions are Markdown, rendered to a small safe subset on the server
 * (services/markdown.ts, decision 0024). What an attacker writes there, posted through the form
 * door of the production server, reaches the task page harmless: no script, no event handler, no
 * frame, no javascript: link, no image fetched from another origin; and the page's
 * Content-Security-Policy is the same as on any other page.
 */
const ATTACKS: [string, string][] = [
  ["a script element", "<script>alert('comment')</script>"],
  ["a javascript: link", "[click me](javascript:alert('comment')) and <javascript:alert(1)>"],
  ["a data: link", "[open](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)"],
  ["an img with onerror", `<img src=x onerror="alert('comment')">`],
  ["an iframe", `<iframe src="https://evil.example/frame"></iframe>`],
  ["an image from another origin", "![tracking pixel](https://evil.example/pixel.png)"],
  ["an attribute break-out in a link title", `[x](https://ok.example "t\\" onmouseover=\\"alert(1)")`],
];

/** The markup a browser would act on, anywhere in the part of the page the comments are in. */
function expectHarmless(html: string, where: string) {
  expect(html, where).not.toMatch(/<script(?![^>]*\bnonce=)[^>]*>[^<]*alert/i);
  expect(html, where).not.toMatch(/<img\b/i);
  expect(html, where).not.toMatch(/<iframe\b/i);
  expect(html, where).not.toMatch(/\shref="(?:javascript|data):/i);
  // An event handler attribute on any element (quoted attribute values, where it is only text, left out).
  for (const [tag] of html.matchAll(/<[a-z][^>]*>/gi)) expect(tag.replace(/"[^"]*"/g, '""'), where).not.toMatch(/\son[a-z]+\s*=/i);
  expect(html, where).not.toMatch(/evil\.example\/pixel\.png"[^>]*\bsrc=|\bsrc="https:\/\/evil/i);
}

const withoutNonce = (policy: string | null) => policy?.replace(/'nonce-[^']+'/g, "'nonce'");

describe("Markdown in comments and descriptions renders harmless", () => {
  it.each(ATTACKS)("%s", async (_label, attack) => {
    const author = await createUser({ name: "Mallory" });
    const task = await createTask(author.actor, { title: "Markdown target", description: attack });
    const cookie = await signIn(author);

    const posted = await send(`/tasks/${task.id}`, { cookie, form: { intent: "comment", body: attack } });
    expect(posted.status, posted.text).toBe(302);

    const page = await getPage(`/tasks/${task.id}`, { cookie });
    expect(page.status).toBe(200);
    const comments = page.text.slice(page.text.indexOf('id="activity-heading"'));
    expect(comments).toContain('class="comment__body markdown"');
    expectHarmless(comments, "the comment");
    const description = /<div class="task-description markdown">([\s\S]*?)<\/div>/.exec(page.text)?.[1];
    expect(description, "the description is rendered").toBeDefined();
    expectHarmless(description!, "the description");
  });

  it("keeps what is allowed: links to http(s) with rel=\"noopener nofollow ugc\", the image as a link", async () => {
    const author = await createUser();
    const task = await createTask(author.actor, { title: "Links" });
    const cookie = await signIn(author);
    await send(`/tasks/${task.id}`, { cookie, form: { intent: "comment", body: "See [the docs](https://example.com/docs) ![cat](https://other.example/cat.png)" } });

    const page = await getPage(`/tasks/${task.id}`, { cookie });
    expect(page.text).toContain('<a href="https://example.com/docs" rel="noopener nofollow ugc">the docs</a>');
    expect(page.text).toContain('!<a href="https://other.example/cat.png" rel="noopener nofollow ugc">cat</a>');
  });

  it("leaves the page's Content-Security-Policy as it is on every other page", async () => {
    const author = await createUser();
    const task = await createTask(author.actor, { title: "CSP", description: "*hello*" });
    const cookie = await signIn(author);
    await send(`/tasks/${task.id}`, { cookie, form: { intent: "comment", body: "<style>body{display:none}</style> *hi*" } });

    const page = await getPage(`/tasks/${task.id}`, { cookie });
    const other = await getPage("/tasks", { cookie });
    expect(page.headers.get("content-security-policy")).toBeTruthy();
    expect(withoutNonce(page.headers.get("content-security-policy"))).toBe(withoutNonce(other.headers.get("content-security-policy")));
    expect(page.headers.get("content-security-policy-report-only")).toBeNull();
    // No inline style came in with the comment.
    expect(page.text).not.toMatch(/<style\b/i);
    expect(page.text).not.toMatch(/<[a-z][^>]*\sstyle=/i);
  });
});
