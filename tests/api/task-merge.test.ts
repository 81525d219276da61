import { describe, expect, it } from "vitest";
import { db } from "#services/db/client.ts";
import { api, expectProblem, personWithToken } from "./support.ts";

/**
 * Issue 13, part 6 through the API over real HTTP: PATCH with If-Match and base merges instead of
 * answering 412. Every answer is checked against the OpenAPI document by api().
 */
const marker = () => `m${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;

async function twoClients() {
  const ada = await personWithToken("MEMBER", ["write"], "Ada Lovelace");
  const grace = await personWithToken("ADMIN", ["write"], "Grace Hopper");
  const title = `Plan ${marker()}`;
  const created = await api("/api/tasks", { method: "POST", token: ada.token, json: { title, description: "Draft" } });
  expect(created.status, created.text).toBe(201);
  const task = created.body as { id: string; title: string };
  const base = { title, description: "Draft", status: "TODO", assigneeId: null, dueDate: null };
  return { ada, grace, task, base, title };
}

describe("PATCH /api/tasks/{id} with If-Match and base", () => {
  it("merges a change against a newer version: 200, the merged task, its ETag, and Kept-Theirs", async () => {
    const { ada, grace, task, base } = await twoClients();
    const theirs = await api(`/api/tasks/${task.id}`, { method: "PATCH", token: grace.token, json: { status: "DONE" }, headers: { "If-Match": '"v1"' } });
    expect(theirs.status).toBe(200);

    const response = await api(`/api/tasks/${task.id}`, {
      method: "PATCH",
      token: ada.token,
      json: { dueDate: "2031-03-01", base },
      headers: { "If-Match": '"v1"' },
    });

    expect(response.status, response.text).toBe(200);
    expect(response.body).toMatchObject({ status: "DONE", dueDate: "2031-03-01", title: base.title, version: 3 });
    expect(response.headers.get("etag")).toBe('"v3"');
    expect(response.headers.get("kept-theirs")).toBe("status");
  });

  it("answers 409 edit-conflict naming only the overlapping field, with the current ETag; nothing changes; a retry with that ETag saves", async () => {
    const { ada, grace, task, base } = await twoClients();
    await api(`/api/tasks/${task.id}`, { method: "PATCH", token: grace.token, json: { title: "Their plan", status: "DONE" } });

    const response = await api(`/api/tasks/${task.id}`, {
      method: "PATCH",
      token: ada.token,
      json: { title: "My plan", description: "Mine", base },
      headers: { "If-Match": '"v1"' },
    });

    expectProblem(response, 409);
    expect(response.body.type).toBe("/api/docs#problem-edit-conflict");
    expect(response.body.errors).toEqual([{ pointer: "/title", detail: 'Someone else also changed title since your base: it is "Their plan" now; you sent "My plan".' }]);
    expect(response.headers.get("etag")).toBe('"v2"');
    expect(await db.task.findUnique({ where: { id: task.id } })).toMatchObject({ title: "Their plan", description: "Draft", version: 2 });

    const retry = await api(`/api/tasks/${task.id}`, {
      method: "PATCH",
      token: ada.token,
      json: { title: "My plan", description: "Mine" },
      headers: { "If-Match": response.headers.get("etag")! },
    });
    expect(retry.status).toBe(200);
    expect(retry.body).toMatchObject({ title: "My plan", description: "Mine", status: "DONE", version: 3 });
  });

  it("still answers 412 to a stale If-Match without base", async () => {
    const { ada, grace, task } = await twoClients();
    await api(`/api/tasks/${task.id}`, { method: "PATCH", token: grace.token, json: { status: "DONE" } });
    const response = await api(`/api/tasks/${task.id}`, { method: "PATCH", token: ada.token, json: { title: "Mine" }, headers: { "If-Match": '"v1"' } });
    expectProblem(response, 412);
  });

  it("refuses a base that lacks a field being changed (422 pointing into base)", async () => {
    const { ada, task, base } = await twoClients();
    const response = await api(`/api/tasks/${task.id}`, {
      method: "PATCH",
      token: ada.token,
      json: { title: "Mine", status: "DONE", base: { title: base.title } },
      headers: { "If-Match": '"v1"' },
    });
    expectProblem(response, 422);
    expect(response.body.errors).toEqual([{ pointer: "/base/status", detail: "Send the status you started from in base, to change it." }]);
  });

  it("with a current If-Match and base, is a plain update (no Kept-Theirs)", async () => {
    const { ada, task, base } = await twoClients();
    const response = await api(`/api/tasks/${task.id}`, { method: "PATCH", token: ada.token, json: { status: "IN_PROGRESS", base }, headers: { "If-Match": '"v1"' } });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ status: "IN_PROGRESS", version: 2 });
    expect(response.headers.get("kept-theirs")).toBeNull();
  });
});
