import { beforeEach, describe, expect, it } from "vitest";
import { statementsDuring } from "#services/db/statements.ts";
import { databaseProvider } from "#services/db/url.ts";
import { createToken } from "#services/tokens.ts";
import * as root from "#app/root.tsx";
import * as signedInLayout from "#app/routes/signed-in-layout.tsx";
import * as tasksPage from "#app/routes/tasks.tsx";
import * as boardPage from "#app/routes/tasks.board.tsx";
import * as dashboardPage from "#app/routes/home.tsx";
import * as apiTasks from "#app/routes/api.tasks.ts";
import * as apiTask from "#app/routes/api.tasks.$id.ts";
import * as apiTaskComments from "#app/routes/api.tasks.$id.comments.ts";
import * as apiTaskRelease from "#app/routes/api.tasks.$id.release.ts";
import * as apiTaskTake from "#app/routes/api.tasks.$id.take.ts";
import * as taskPage from "#app/routes/tasks.$id.tsx";
import { createComment } from "#services/comments.ts";
import { createAdmin, createTaskRow, createUser } from "#tests/support/factories.ts";
import { args, getRequest, signIn } from "#tests/support/http.ts";

/**
 * What each hot endpoint may send to the database, in SQL statements (transaction control
 * included). A request's cost is mostly its statement count (docs/decisions/0014-performance.md),
 * so a change that adds one fails here, deterministically, with the statements listed; a change
 * that saves one should lower the budget. Counted in steady state: the token's last-used time and
 * the session's sliding expiry were written by an earlier request, as they are for all but one
 * request a minute (a day for sessions).
 */
// On PostgreSQL every API request also counts itself in the shared rate limit (one upsert); on
// SQLite that count is in memory (services/rate-limit.ts).
const RATE_LIMIT = databaseProvider() === "postgres" ? 1 : 0;

const BUDGET = {
  apiList: 2 + RATE_LIMIT, // the token with its owner; the page of tasks with names
  apiRead: 2 + RATE_LIMIT, // the token; the task
  apiCreate: 5 + RATE_LIMIT, // the token; BEGIN, the task, its activity, COMMIT
  apiUpdate: 6 + RATE_LIMIT, // the token; the task as it is; BEGIN, the guarded update, its activity, COMMIT
  apiTake: 6 + RATE_LIMIT, // the token; the task as it is; BEGIN, the guarded update, its activity, COMMIT (take and release alike)
  apiComments: 2 + RATE_LIMIT, // the token; the page of a task's comments with their authors' names
  // Every signed-in page: the session (once for the layout and the page) and the unread count in the navigation.
  // The frame's two; the people for the filter, the page of tasks, and its count ("21–40 of 300",
  // issue 14: one COUNT with the filters, which also counts the rows before the page). After a
  // status change that took a task out of the list, one more reads that task, to confirm it in its place.
  tasksPage: 5,
  boardPage: 4, // the frame's two; the people for the filter, the board (counts and cards per status in one statement)
  // The frame's two; the task, its activity, the people for the edit form, its comments with their
  // authors; and here the task once more, because these test tasks have no activity
  // (listTaskActivity then tells a task without any from an unknown id). A real task has: 6.
  taskPage: 7,
  dashboard: 7, // the frame's two; counts, my tasks, overdue, completions, activity
};

let bearer: Record<string, string>;
let cookie: string;
let taskId: string;

beforeEach(async () => {
  const admin = await createAdmin({ name: "Ada" });
  const member = await createUser({ name: "Grace" });
  for (let i = 0; i < 25; i++) {
    const task = await createTaskRow(admin, { title: `Task ${i}`, assigneeId: i % 2 ? member.id : null, dueDate: i % 3 ? null : "2020-01-01" });
    taskId = task.id;
  }
  for (let i = 0; i < 5; i++) await createComment(i % 2 ? member.actor : admin.actor, taskId, { body: `Comment ${i}` });
  const { secret } = await createToken(admin, { name: "budget", scopes: ["write"] });
  bearer = { Authorization: `Bearer ${secret}` };
  cookie = await signIn(admin);
  // Steady state: the first use writes the token's last-used time.
  await apiTasks.loader(args(apiRequest("/api/tasks?limit=1")));
});

function apiRequest(path: string, init: { method?: string; body?: unknown; headers?: Record<string, string> } = {}) {
  return new Request(new URL(path, "http://tandem.test"), {
    method: init.method ?? "GET",
    headers: { ...bearer, ...(init.body ? { "Content-Type": "application/json" } : {}), ...init.headers },
    body: init.body ? JSON.stringify(init.body) : undefined,
  });
}

/** A page as Remix serves it: the loaders of the root, the signed-in frame and the page, side by side. */
function page(loader: (a: ReturnType<typeof args>) => Promise<unknown>, path: string, params: Record<string, string> = {}) {
  const request = getRequest(path, { cookie });
  return Promise.all([root.loader(args(request)), signedInLayout.loader(args(request)), loader(args(request, params))]);
}

async function expectWithinBudget(budget: number, work: () => Promise<unknown>) {
  const { result, statements } = await statementsDuring(work);
  const status = result instanceof Response ? result.status : 200;
  expect(status, "the request itself must succeed").toBeLessThan(400);
  expect(statements.length, `${statements.length} statements:\n${statements.join("\n")}`).toBeLessThanOrEqual(budget);
  return statements;
}

describe("statements per request", () => {
  it(`GET /api/tasks: at most ${BUDGET.apiList}`, async () => {
    await expectWithinBudget(BUDGET.apiList, () => apiTasks.loader(args(apiRequest("/api/tasks?limit=20"))));
  });

  it(`GET /api/tasks with every filter, a sort and a cursor, either way: still at most ${BUDGET.apiList}`, async () => {
    const first = await apiTasks.loader(args(apiRequest("/api/tasks?limit=2&sort=due")));
    const { nextCursor } = (await first.json()) as { nextCursor: string };
    const path = `/api/tasks?limit=20&status=TODO&assignee=none&q=task&overdue=true&sort=due&cursor=${nextCursor}`;
    await expectWithinBudget(BUDGET.apiList, () => apiTasks.loader(args(apiRequest(path))));
    const second = await apiTasks.loader(args(apiRequest(`/api/tasks?limit=2&sort=due&cursor=${nextCursor}`)));
    const prev = /<([^>]*)>; rel="prev"/.exec(second.headers.get("Link") ?? "")![1]!;
    await expectWithinBudget(BUDGET.apiList, () => apiTasks.loader(args(apiRequest(prev))));
  });

  it(`GET /api/tasks/{id}: at most ${BUDGET.apiRead}, with If-None-Match too`, async () => {
    await expectWithinBudget(BUDGET.apiRead, () => apiTask.loader(args(apiRequest(`/api/tasks/${taskId}`), { id: taskId })));
    const notModified = apiRequest(`/api/tasks/${taskId}`, { headers: { "If-None-Match": '"v1"' } });
    await expectWithinBudget(BUDGET.apiRead, () => apiTask.loader(args(notModified, { id: taskId })));
  });

  // An assignee is read to check they are active, and told in a notification (an INSERT in the same transaction).
  it(`POST /api/tasks: at most ${BUDGET.apiCreate}, with an assignee ${BUDGET.apiCreate + 2}`, async () => {
    await expectWithinBudget(BUDGET.apiCreate, () => apiTasks.action(args(apiRequest("/api/tasks", { method: "POST", body: { title: "New" } }))));
    const assignee = await createUser({ name: "Linus" });
    const body = { title: "Given", assigneeId: assignee.id };
    await expectWithinBudget(BUDGET.apiCreate + 2, () => apiTasks.action(args(apiRequest("/api/tasks", { method: "POST", body }))));
  });

  it(`PATCH /api/tasks/{id}: at most ${BUDGET.apiUpdate}`, async () => {
    const request = apiRequest(`/api/tasks/${taskId}`, { method: "PATCH", body: { status: "IN_PROGRESS" }, headers: { "If-Match": '"v1"' } });
    await expectWithinBudget(BUDGET.apiUpdate, () => apiTask.action(args(request, { id: taskId })));
  });

  it(`POST /api/tasks/{id}/take and /release: at most ${BUDGET.apiTake} each`, async () => {
    const free = await createTaskRow(await createUser(), { title: "Free" });
    const take = apiRequest(`/api/tasks/${free.id}/take`, { method: "POST", headers: { "If-Match": '"v1"' } });
    await expectWithinBudget(BUDGET.apiTake, () => apiTaskTake.action(args(take, { id: free.id })));
    const release = apiRequest(`/api/tasks/${free.id}/release`, { method: "POST", headers: { "If-Match": '"v2"' } });
    await expectWithinBudget(BUDGET.apiTake, () => apiTaskRelease.action(args(release, { id: free.id })));
  });

  it(`GET /api/tasks/{id}/comments: at most ${BUDGET.apiComments}`, async () => {
    await expectWithinBudget(BUDGET.apiComments, () => apiTaskComments.loader(args(apiRequest(`/api/tasks/${taskId}/comments`), { id: taskId })));
  });

  it(`a task's page, with its activity and comments: at most ${BUDGET.taskPage}`, async () => {
    await expectWithinBudget(BUDGET.taskPage, () => page(taskPage.loader, `/tasks/${taskId}`, { id: taskId }));
  });

  it(`the tasks page: at most ${BUDGET.tasksPage}`, async () => {
    await expectWithinBudget(BUDGET.tasksPage, () => page(tasksPage.loader, "/tasks"));
    await expectWithinBudget(BUDGET.tasksPage, () => page(tasksPage.loader, "/tasks?sort=-due&status=TODO&overdue=true"));
    // The changed task is not among the DONE ones: read once more, to confirm it in its place.
    await expectWithinBudget(BUDGET.tasksPage + 1, () => page(tasksPage.loader, `/tasks?status=DONE&changed=${taskId}`));
  });

  it(`the board, with every filter too: at most ${BUDGET.boardPage}`, async () => {
    await expectWithinBudget(BUDGET.boardPage, () => page(boardPage.loader, "/tasks/board"));
    await expectWithinBudget(BUDGET.boardPage, () => page(boardPage.loader, "/tasks/board?status=TODO&assignee=none&q=task&overdue=true"));
  });

  it(`the dashboard: at most ${BUDGET.dashboard}`, async () => {
    await expectWithinBudget(BUDGET.dashboard, () => page(dashboardPage.loader, "/"));
  });
});
