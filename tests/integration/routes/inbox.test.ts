import { describe, expect, it } from "vitest";
import { createComment } from "#services/comments.ts";
import { db } from "#services/db/client.ts";
import { countUnread, listNotifications } from "#services/notifications.ts";
import { createTask } from "#services/tasks.ts";
import * as inbox from "#app/routes/inbox.tsx";
import * as openOne from "#app/routes/inbox.$id.ts";
import * as layout from "#app/routes/signed-in-layout.tsx";
import * as suggestions from "#app/routes/people.suggestions.ts";
import * as taskPage from "#app/routes/tasks.$id.tsx";
import { createUser, databaseSnapshot } from "#tests/support/factories.ts";
import { flashOf, getRequest, postForm, run, signIn } from "#tests/support/http.ts";

/** Grace is assigned two tasks by Cora and mentioned in a comment by Oli. */
async function graceHasNews() {
  const cora = await createUser({ name: "Cora Creator" });
  const oli = await createUser({ name: "Oli Other" });
  const grace = await createUser({ name: "Grace Hopper" });
  const first = await createTask(cora.actor, { title: "First", assigneeId: grace.id });
  const second = await createTask(cora.actor, { title: "Second" });
  const comment = await createComment(oli.actor, second.id, { body: "@Grace Hopper have a look" });
  return { grace, cora, oli, first, second, comment, cookie: await signIn(grace) };
}

type Item = { id: string; kind: string; read: boolean; task: { title: string } };

describe("the unread count in the navigation", () => {
  it("is in the frame's data on every signed-in page, without JavaScript", async () => {
    const { cookie, grace } = await graceHasNews();
    const result = await run(layout.loader, getRequest("/tasks", { cookie }));
    expect(result.data).toMatchObject({ me: { name: "Grace Hopper", unread: "2" } });
    await db.notification.updateMany({ where: { recipientId: grace.id }, data: { readAt: new Date() } });
    expect((await run(layout.loader, getRequest("/tasks", { cookie }))).data).toMatchObject({ me: { unread: "0" } });
  });
});

describe("the inbox (/inbox)", () => {
  it("lists the person's notifications newest first; ?show=unread only the unread", async () => {
    const { cookie, grace } = await graceHasNews();
    const all = (await run(inbox.loader, getRequest("/inbox", { cookie }))).data as { items: Item[] };
    expect(all.items.map((item) => [item.kind, item.task.title, item.read])).toEqual([
      ["mentioned", "Second", false],
      ["assigned", "First", false],
    ]);
    await db.notification.update({ where: { id: all.items[0]!.id }, data: { readAt: new Date() } });
    const unread = (await run(inbox.loader, getRequest("/inbox?show=unread", { cookie }))).data as { items: Item[]; unreadOnly: boolean };
    expect(unread).toMatchObject({ unreadOnly: true, items: [{ kind: "assigned" }] });
    expect(await countUnread(grace.actor)).toBe(1);
  });

  it("marks one read with a form, back to the same view with a flash", async () => {
    const { cookie, grace } = await graceHasNews();
    const [mention] = (await listNotifications(grace.actor)).items;
    const result = await run(inbox.action, postForm("/inbox?show=unread", { intent: "read", id: mention!.id }, { cookie }));
    expect(result).toRedirectTo("/inbox?show=unread");
    expect(await flashOf(result.headers)).toBe("Marked read.");
    expect(await countUnread(grace.actor)).toBe(1);
  });

  it("marks all read with a form, saying how many", async () => {
    const { cookie, grace } = await graceHasNews();
    const result = await run(inbox.action, postForm("/inbox", { intent: "read-all" }, { cookie }));
    expect(result).toRedirectTo("/inbox");
    expect(await flashOf(result.headers)).toBe("2 notifications marked read.");
    expect(await countUnread(grace.actor)).toBe(0);
  });

  it("changes nothing for another person's notification or an empty id", async () => {
    const { grace } = await graceHasNews();
    const [mention] = (await listNotifications(grace.actor)).items;
    const stranger = await signIn(await createUser());
    const before = await databaseSnapshot();
    await run(inbox.action, postForm("/inbox", { intent: "read", id: mention!.id }, { cookie: stranger }));
    const refused = await run(inbox.action, postForm("/inbox", { intent: "read" }, { cookie: stranger }));
    expect(refused.status).toBe(400);
    expect(await databaseSnapshot()).toEqual(before);
  });

  it("sends a visitor who is not signed in to the login page", async () => {
    const result = await run(inbox.loader, getRequest("/inbox"));
    expect(result.status).toBe(302);
    expect(result.headers.get("Location")).toMatch(/^\/login/);
  });
});

describe("following a notification (/inbox/:id)", () => {
  it("marks it read and goes to the task, at the comment when there is one", async () => {
    const { cookie, grace, first, second, comment } = await graceHasNews();
    const [mention, assigned] = (await listNotifications(grace.actor)).items;
    expect(await run(openOne.loader, getRequest(`/inbox/${mention!.id}`, { cookie }), { id: mention!.id })).toRedirectTo(
      `/tasks/${second.id}#comment-${comment.id}`,
    );
    expect(await run(openOne.loader, getRequest(`/inbox/${assigned!.id}`, { cookie }), { id: assigned!.id })).toRedirectTo(`/tasks/${first.id}`);
    expect(await countUnread(grace.actor)).toBe(0);
  });

  it("is 404 for someone else's notification, and leaves it unread", async () => {
    const { grace } = await graceHasNews();
    const [mention] = (await listNotifications(grace.actor)).items;
    const stranger = await signIn(await createUser());
    const result = await run(openOne.loader, getRequest(`/inbox/${mention!.id}`, { cookie: stranger }), { id: mention!.id });
    expect(result.status).toBe(404);
    expect(await countUnread(grace.actor)).toBe(2);
  });
});

describe("mentions on the task page and the completion", () => {
  it("renders the description's and the comments' mentions as links to the person", async () => {
    const { cookie, second, grace, cora } = await graceHasNews();
    const described = await createTask(cora.actor, { title: "Described", description: "*Ask* @Grace Hopper" });
    const page = (await run(taskPage.loader, getRequest(`/tasks/${second.id}`, { cookie }), { id: second.id })).data as {
      comments: { html: string }[];
    };
    expect(page.comments[0]!.html).toContain(`<a href="/users/${grace.id}" class="mention">@Grace Hopper</a>`);
    const other = (await run(taskPage.loader, getRequest(`/tasks/${described.id}`, { cookie }), { id: described.id })).data as {
      descriptionHtml: string;
    };
    expect(other.descriptionHtml).toBe(`<p><em>Ask</em> <a href="/users/${grace.id}" class="mention">@Grace Hopper</a></p>\n`);
  });

  it("suggests people to a signed-in person only", async () => {
    const { cookie, grace } = await graceHasNews();
    const response = await suggestions.loader({ request: getRequest("/people/suggestions?q=grac", { cookie }), params: {}, context: {} });
    expect(await response.json()).toEqual([{ id: grace.id, name: "Grace Hopper", email: grace.email, handle: "Grace Hopper" }]);
    const anonymous = await run(suggestions.loader, getRequest("/people/suggestions?q=grac"));
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("Location")).toMatch(/^\/login/);
  });
});
