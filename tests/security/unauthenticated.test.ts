import { describe, expect, it } from "vitest";
import { db } from "#services/db/client.ts";
import { databaseSnapshot } from "#tests/support/factories.ts";
import { arrangeTeam, send, type Team, UI_ACTIONS } from "./support.ts";

/**
 * Someone with no session (or a forged one) calls every loader and action directly: pages,
 * Remix single-fetch `.data` requests and the older `?_data=` form. They must learn nothing
 * and change nothing; pages send them to /login and back afterwards.
 */

/** What a leak would contain: the people, the task and the token the team holds (ids are no secret: the caller sent them). */
function secretsOf(team: Team) {
  return [team.admin.email, team.member.email, team.admin.name, team.task.title, team.token.name, team.token.prefix];
}

function expectNothingOf(team: Team, text: string, label: string) {
  for (const secret of secretsOf(team)) expect(text, `${label} leaks ${secret}`).not.toContain(secret);
}

const pages = (team: Team) => [
  "/",
  "/tasks",
  "/tasks?status=TODO&q=guarded",
  "/tasks/new",
  "/tasks/board",
  "/tasks/board?assignee=me&q=guarded",
  `/tasks/${team.task.id}`,
  "/users",
  "/users/new",
  "/users/invite",
  `/users/${team.admin.id}`,
  "/settings",
  "/settings/tokens",
];

describe("without a session", () => {
  it("every page redirects to /login, with redirectTo back to the page, and shows nothing", async () => {
    const team = await arrangeTeam();
    for (const path of pages(team)) {
      const answer = await send(path, { method: "GET", origin: false });
      expect(answer.status, path).toBe(302);
      const location = answer.headers.get("location")!;
      expect(location, path).toBe(path === "/" ? "/login" : `/login?${new URLSearchParams({ redirectTo: path })}`);
      expectNothingOf(team, answer.text, path);
    }
  });

  it("a forged or revoked session cookie counts as none", async () => {
    const team = await arrangeTeam();
    const forged = [
      "tandem_session=" + encodeURIComponent(btoa(JSON.stringify("not-a-session-token"))),
      "tandem_session=garbage",
      // The hash the database keeps is not the token: presenting it must not work.
      "tandem_session=" + encodeURIComponent(btoa(JSON.stringify((await db.session.findFirstOrThrow({ where: { userId: team.admin.id } })).id))),
    ];
    for (const cookie of forged) {
      const answer = await send("/users", { method: "GET", origin: false, cookie });
      expect(answer.status, cookie).toBe(302);
      expect(answer.headers.get("location")).toMatch(/^\/login/);
      expectNothingOf(team, answer.text, cookie);
    }
  });

  describe.each(UI_ACTIONS.filter((action) => action.name !== "sign in"))(
    "the action to $name",
    (action) => {
      it("changes nothing and sends the caller to /login", async () => {
        const team = await arrangeTeam();
        const { path, form } = action.request(team);
        const before = await databaseSnapshot();
        const answer = await send(path, { form });
        expect(answer.status, answer.text).toBe(302);
        expect(answer.headers.get("location")).toMatch(/^\/login/);
        expectNothingOf(team, answer.text, path);
        expect(await databaseSnapshot()).toEqual(before);
      });
    },
  );

  it("single-fetch .data and ?_data= loaders give no data, whatever route they name", async () => {
    const team = await arrangeTeam();
    const paths = [
      "/_root.data",
      "/_root.data?_route=root",
      "/_root.data?_route=routes%2Fhome",
      "/users.data",
      "/users.data?_route=routes%2Fusers",
      "/users.data?_route=root",
      `/users/${team.admin.id}.data?_route=routes%2Fusers.%24id`,
      "/tasks.data",
      "/tasks.data?_route=routes%2Ftasks",
      "/tasks.data?_route=routes%2Fsigned-in-layout",
      `/tasks/${team.task.id}.data`,
      `/tasks/${team.task.id}.data?_route=routes%2Ftasks.%24id`,
      "/settings.data",
      "/settings/tokens.data",
      "/settings/tokens.data?_route=routes%2Fsettings.tokens",
      "/users?_data=routes%2Fusers",
      `/tasks/${team.task.id}?_data=routes%2Ftasks.%24id`,
      "/settings/tokens?_data=routes%2Fsettings.tokens",
      "/?_data=routes%2Fhome",
    ];
    for (const path of paths) {
      const answer = await send(path, { method: "GET", origin: false });
      // A single-fetch redirect (202 with the target in the body) or a ?_data redirect (204 X-Remix-Redirect).
      expect([202, 204], `${path} → ${answer.status}: ${answer.text}`).toContain(answer.status);
      const target = answer.status === 204 ? answer.headers.get("x-remix-redirect") : answer.text;
      expect(target, path).toContain("/login");
      expectNothingOf(team, answer.text, path);
    }
  });

  it("single-fetch .data and ?_data= actions change nothing", async () => {
    const team = await arrangeTeam();
    const before = await databaseSnapshot();
    const posts: [string, Record<string, string>][] = [
      ["/tasks/new.data", { title: "Planted by fetch" }],
      ["/tasks/new.data?_route=routes%2Ftasks.new", { title: "Planted by fetch" }],
      ["/tasks/new?_data=routes%2Ftasks.new", { title: "Planted by fetch" }],
      [`/tasks/${team.task.id}.data`, { intent: "delete", version: String(team.task.version) }],
      ["/tasks.data", { intent: "status", taskId: team.task.id, status: "DONE", version: String(team.task.version) }],
      ["/users/new.data", { name: "Planted", email: "planted-by-fetch@evil.test", role: "ADMIN", password: "planted password 123" }],
      [`/users/${team.member.id}.data`, { intent: "update", role: "ADMIN" }],
      [`/users/${team.member.id}.data`, { intent: "deactivate" }],
      ["/settings/tokens.data", { intent: "create", name: "planted", scopes: "write" }],
      ["/settings/tokens.data", { intent: "revoke", tokenId: team.token.id }],
      ["/settings.data", { intent: "sign-out-everywhere" }],
      ["/_root.data", { intent: "create", name: "planted", scopes: "write" }],
    ];
    for (const [path, form] of posts) {
      const answer = await send(path, { form });
      expect(answer.status, `${path} → ${answer.status}: ${answer.text}`).not.toBe(200);
      expectNothingOf(team, answer.text, path);
    }
    expect(await databaseSnapshot()).toEqual(before);
  });
});
