import { describe, expect, it } from "vitest";
import { createComment } from "#services/comments.ts";
import { db } from "#services/db/client.ts";
import { createTask } from "#services/tasks.ts";
import { createToken } from "#services/tokens.ts";
import { createUser, TEST_PASSWORD } from "#tests/support/factories.ts";
import { postForm, signInByForm } from "./form-door.ts";
import { api, expectProblem, personWithToken, uniqueEmail } from "./support.ts";

/** A person with a write token who is assigned `count` tasks by someone else. */
async function personWithNews(count: number) {
  const { user, token } = await personWithToken("MEMBER", ["write"], "Noa Notified");
  const boss = await createUser({ name: "Bo Boss" });
  const tasks = [];
  for (let i = 1; i <= count; i++) tasks.push(await createTask(boss.actor, { title: `Job ${i}`, assigneeId: user.id }));
  return { user, token, boss, tasks };
}

describe("GET /api/notifications", () => {
  it("lists the token owner's own notifications, newest first, a page at a time with a Link to the next", async () => {
    const { token, tasks } = await personWithNews(3);
    await personWithNews(1); // someone else's news stays theirs

    const first = await api("/api/notifications?limit=2", { token });
    expect(first.status).toBe(200);
    expect(first.body.data.map((note: { task: { id: string } }) => note.task.id)).toEqual([tasks[2]!.id, tasks[1]!.id]);
    expect(first.body.data[0]).toMatchObject({ kind: "assigned", actor: { name: "Bo Boss" }, commentId: null, read: false, readAt: null });
    expect(first.headers.get("link")).toBe(`</api/notifications?limit=2&cursor=${first.body.nextCursor}>; rel="next"`);

    const second = await api(`/api/notifications?limit=2&cursor=${first.body.nextCursor}`, { token });
    expect(second.body).toMatchObject({ data: [{ task: { id: tasks[0]!.id } }], nextCursor: null });
  });

  it("gives the unread ones only with unread=true, and refuses another value with 400", async () => {
    const { token, user, boss, tasks } = await personWithNews(2);
    await db.notification.updateMany({ where: { recipientId: user.id, taskId: tasks[0]!.id }, data: { readAt: new Date() } });
    // By email: every test here makes a "Noa Notified", and a name two people share mentions nobody.
    const comment = await createComment(boss.actor, tasks[1]!.id, { body: `@${user.email} see this` });

    const unread = await api("/api/notifications?unread=true", { token });
    expect(unread.body.data.map((note: { kind: string }) => note.kind)).toEqual(["mentioned", "assigned"]);
    expect(unread.body.data[0]).toMatchObject({ commentId: comment.id, task: { id: tasks[1]!.id, title: "Job 2" } });
    const read = await api("/api/notifications?unread=false", { token });
    expect(read.body.data).toMatchObject([{ read: true, task: { id: tasks[0]!.id } }]);
    expect(read.body.data[0].readAt).toEqual(expect.any(String));

    expectProblem(await api("/api/notifications?unread=yes", { token }), 400);
    expectProblem(await api("/api/notifications?unread=true&unread=false", { token }), 400);
  });

  it("needs a token", async () => {
    expectProblem(await api("/api/notifications"), 401);
  });
});

describe("POST /api/notifications/read", () => {
  it("marks the named ones read, ignoring ids that are not the owner's, and says how many remain", async () => {
    const { token, user } = await personWithNews(3);
    const other = await personWithNews(1);
    const mine = await db.notification.findMany({ where: { recipientId: user.id }, orderBy: { createdAt: "asc" } });
    const theirs = await db.notification.findFirstOrThrow({ where: { recipientId: other.user.id } });

    const response = await api("/api/notifications/read", { method: "POST", token, json: { ids: [mine[0]!.id, theirs.id, "unknown"] } });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ marked: 1, unread: 2 });
    expect((await db.notification.findUniqueOrThrow({ where: { id: theirs.id } })).readAt).toBeNull();

    const again = await api("/api/notifications/read", { method: "POST", token, json: { ids: [mine[0]!.id] } });
    expect(again.body).toEqual({ marked: 0, unread: 2 });
  });

  it("marks all read with all: true", async () => {
    const { token } = await personWithNews(2);
    expect((await api("/api/notifications/read", { method: "POST", token, json: { all: true } })).body).toEqual({ marked: 2, unread: 0 });
    expect((await api("/api/notifications?unread=true", { token })).body.data).toEqual([]);
  });

  it("refuses a body with neither, both, or an empty list (422), and a read-only token (403), changing nothing", async () => {
    const { token, user } = await personWithNews(1);
    for (const json of [{}, { ids: [] }, { ids: ["x"], all: true }, { all: "yes" }]) {
      expectProblem(await api("/api/notifications/read", { method: "POST", token, json }), 422);
    }
    const { secret } = await createToken(user.actor, { name: "read only", scopes: ["read"] });
    expectProblem(await api("/api/notifications/read", { method: "POST", token: secret, json: { all: true } }), 403);
    expect(await db.notification.count({ where: { recipientId: user.id, readAt: null } })).toBe(1);
  });
});

/**
 * Marking read through both doors (docs/design.md §1): the inbox's forms and the API call the same
 * markNotificationsRead, so the same notifications end up read, and nobody else's.
 */
describe("the two doors for marking notifications read", () => {
  it("mark one and mark all the same way through the inbox's forms and the API", async () => {
    const viaForm = await personWithNews(3);
    const viaApi = await personWithNews(3);
    const cookie = await signInByForm({ email: viaForm.user.email, password: TEST_PASSWORD });
    const oldest = async (userId: string) =>
      (await db.notification.findFirstOrThrow({ where: { recipientId: userId }, orderBy: { createdAt: "asc" } })).id;
    const state = async (userId: string) =>
      (await db.notification.findMany({ where: { recipientId: userId }, orderBy: { createdAt: "asc" } })).map((note) => note.readAt !== null);

    const form = await postForm("/inbox", cookie, { intent: "read", id: await oldest(viaForm.user.id) });
    expect(form.status).toBe(302);
    expect(form.headers.get("location")).toBe("/inbox");
    await api("/api/notifications/read", { method: "POST", token: viaApi.token, json: { ids: [await oldest(viaApi.user.id)] } });
    expect(await state(viaForm.user.id)).toEqual([true, false, false]);
    expect(await state(viaApi.user.id)).toEqual([true, false, false]);

    expect((await postForm("/inbox", cookie, { intent: "read-all" })).status).toBe(302);
    await api("/api/notifications/read", { method: "POST", token: viaApi.token, json: { all: true } });
    expect(await state(viaForm.user.id)).toEqual([true, true, true]);
    expect(await state(viaApi.user.id)).toEqual([true, true, true]);
  });

  it("change nothing for another person's notification through either door", async () => {
    const owner = await personWithNews(1);
    const stranger = await createUser({ name: "Stu Stranger", email: uniqueEmail("stranger") });
    const { secret } = await createToken(stranger.actor, { name: "stranger", scopes: ["write"] });
    const cookie = await signInByForm({ email: stranger.email, password: TEST_PASSWORD });
    const note = await db.notification.findFirstOrThrow({ where: { recipientId: owner.user.id } });

    expect((await postForm("/inbox", cookie, { intent: "read", id: note.id })).status).toBe(302);
    expect((await api("/api/notifications/read", { method: "POST", token: secret, json: { ids: [note.id] } })).body).toEqual({ marked: 0, unread: 0 });
    expect((await db.notification.findUniqueOrThrow({ where: { id: note.id } })).readAt).toBeNull();
  });
});
