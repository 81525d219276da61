import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "#services/db/client.ts";
import { databaseSnapshot } from "#tests/support/factories.ts";
import { api, baseUrl } from "#tests/api/support.ts";
import { arrangeTeam, rawRequest, send, startServerOnSharedDatabase, UI_ACTIONS } from "./support.ts";

/**
 * A page on another site can make the browser post any of Tandem's forms with the victim's
 * cookie (SameSite=Lax keeps it off cross-site POSTs in today's browsers, but not in every
 * browser or for a freshly set cookie). Each UI action is tried with the form its own page
 * would send, so a refusal can only come from the Origin or the method.
 */
describe("cross-site form posts", () => {
  describe.each(UI_ACTIONS)("to $name", (action) => {
    it("with a foreign Origin or Origin: null is refused with 403 and writes nothing, while the same form from Tandem works", async () => {
      const team = await arrangeTeam();
      const { path, form, cookie } = action.request(team);
      const before = await databaseSnapshot();

      const own = new URL(baseUrl());
      // Another port on the same host is the same site, so SameSite=Lax cookies do go along.
      const foreign = ["https://evil.example", "null", `http://${own.hostname}:1`, `http://${own.host}.evil.example`];
      for (const origin of foreign) {
        const answer = await send(path, { origin, cookie, form });
        expect(answer.status, `Origin ${origin}`).toBe(403);
        expect(answer.headers.get("content-type")).toMatch(/^text\/plain/);
        expect(answer.text).toContain("nothing was changed");
      }
      expect(await databaseSnapshot()).toEqual(before);

      // The control: the very same form from Tandem's own origin does change something.
      const sameSite = await send(path, { cookie, form });
      expect(sameSite.status, sameSite.text).toBeLessThan(400);
      expect(await databaseSnapshot()).not.toEqual(before);
    });
  });

  it("through the single-fetch .data and ?_data= endpoints is refused alike", async () => {
    const team = await arrangeTeam();
    const before = await databaseSnapshot();
    for (const path of ["/tasks/new.data", "/tasks/new?_data=routes%2Ftasks.new", "/tasks/new.data?_route=routes%2Ftasks.new"]) {
      const answer = await send(path, { origin: "https://evil.example", cookie: team.adminCookie, form: { title: "Planted by fetch" } });
      expect(answer.status, path).toBe(403);
    }
    expect(await databaseSnapshot()).toEqual(before);
  });

  it("with dot segments that start like an API path (/api/../tasks/new) is still a page post, and refused", async () => {
    const team = await arrangeTeam();
    const before = await databaseSnapshot();
    for (const path of ["/api/../tasks/new", "/api/%2e%2e/tasks/new", "/API/../tasks/new"]) {
      const answer = await rawRequest(path, {
        method: "POST",
        headers: { Origin: "https://evil.example", Cookie: team.adminCookie, "Content-Type": "application/x-www-form-urlencoded" },
        body: "title=Planted+through+the+API+prefix",
      });
      expect(answer.status, path).toBe(403);
    }
    expect(await databaseSnapshot()).toEqual(before);
  });
});

/**
 * Fetch Metadata: browsers say where a request comes from in `Sec-Fetch-Site`, which no page can
 * set or remove, and send it on every request, a form post without `Origin` included. When it is
 * there it decides (as Go's CrossOriginProtection and OWASP's CSRF guidance do): `same-origin` and
 * `none` (the person typed or bookmarked the address) go through; `cross-site` never does, and
 * `same-site` (another port or subdomain of the same site) only when ALLOWED_SAME_SITE is on.
 */
describe("cross-site form posts by Fetch Metadata (Sec-Fetch-Site)", () => {
  describe.each(UI_ACTIONS)("to $name", (action) => {
    it("cross-site, same-site or an unknown value is refused with 403 and writes nothing, with or without an Origin; same-origin and none go through", async () => {
      const team = await arrangeTeam();
      const { path, form, cookie } = action.request(team);
      const before = await databaseSnapshot();
      for (const site of ["cross-site", "same-site", "no-idea"]) {
        // Without Origin (what the attack sent), and with Tandem's own Origin: the header decides.
        for (const origin of [false, undefined] as const) {
          const answer = await send(path, { origin, cookie, form, headers: { "Sec-Fetch-Site": site } });
          const label = `Sec-Fetch-Site: ${site}, ${origin === false ? "no Origin" : "own Origin"}`;
          expect(answer.status, label).toBe(403);
          expect(answer.headers.get("content-type"), label).toMatch(/^text\/plain/);
          expect(answer.text, label).toContain("nothing was changed");
        }
      }
      expect(await databaseSnapshot()).toEqual(before);

      const sameOrigin = await send(path, { origin: false, cookie, form, headers: { "Sec-Fetch-Site": "same-origin" } });
      expect(sameOrigin.status, sameOrigin.text).toBeLessThan(400);
      expect(await databaseSnapshot()).not.toEqual(before);
    });

    it("Sec-Fetch-Site: none (an address typed by the person) goes through, even with a stale foreign Origin", async () => {
      const team = await arrangeTeam();
      const { path, form, cookie } = action.request(team);
      const before = await databaseSnapshot();
      const answer = await send(path, { origin: "null", cookie, form, headers: { "Sec-Fetch-Site": "none" } });
      expect(answer.status, answer.text).toBeLessThan(400);
      expect(await databaseSnapshot()).not.toEqual(before);
    });
  });

  it("the API is left to its bearer tokens: Sec-Fetch-Site: cross-site does not refuse a token's POST", async () => {
    const team = await arrangeTeam();
    const created = await api("/api/tasks", { method: "POST", token: team.secret, json: { title: "From a script" }, headers: { "Sec-Fetch-Site": "cross-site" } });
    expect(created.status).toBe(201);
  });

  it("a GET with Sec-Fetch-Site: cross-site (a link from another site) still opens the page", async () => {
    const team = await arrangeTeam();
    const answer = await send("/tasks", { method: "GET", origin: false, cookie: team.adminCookie, headers: { "Sec-Fetch-Site": "cross-site" } });
    expect(answer.status).toBe(200);
  });

  describe("with ALLOWED_SAME_SITE=1", () => {
    let server: Awaited<ReturnType<typeof startServerOnSharedDatabase>>;
    beforeAll(async () => {
      server = await startServerOnSharedDatabase(7, { ALLOWED_SAME_SITE: "1" });
    }, 60_000);
    afterAll(async () => {
      await server?.stop();
    });

    it("a same-site form post goes through (from another port of the same host too), a cross-site one is still refused", async () => {
      const team = await arrangeTeam();
      const own = new URL(server.base);
      const post = (site: string, origin: string, title: string) =>
        fetch(`${server.base}/tasks/new`, {
          method: "POST",
          redirect: "manual",
          headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: team.adminCookie, "Sec-Fetch-Site": site, Origin: origin },
          body: new URLSearchParams({ title }),
        });
      const before = await databaseSnapshot();
      for (const origin of ["https://evil.example", `http://${own.hostname}:1`]) {
        expect((await post("cross-site", origin, "Planted cross-site")).status, origin).toBe(403);
      }
      expect(await databaseSnapshot()).toEqual(before);

      const sibling = await post("same-site", `http://${own.hostname}:1`, "Posted from a sibling");
      expect(sibling.status, await sibling.text()).toBe(302);
      const titles = (await db.task.findMany({ where: { creatorId: team.admin.id }, select: { title: true } })).map((task) => task.title);
      expect(titles).toContain("Posted from a sibling");
      expect(titles).not.toContain("Planted cross-site");
    });
  });
});

describe("methods no HTML form sends", () => {
  describe.each(UI_ACTIONS)("to $name", (action) => {
    it("PUT, PATCH and DELETE with a valid session and form are refused with 405 Allow: GET, HEAD, POST and write nothing", async () => {
      const team = await arrangeTeam();
      const { path, form, cookie } = action.request(team);
      const before = await databaseSnapshot();
      for (const method of ["PUT", "PATCH", "DELETE"]) {
        for (const origin of [undefined, false] as const) {
          const answer = await send(path, { method, origin, cookie, form });
          const label = `${method} ${path} ${origin === false ? "without Origin" : "same-site"}`;
          expect(answer.status, label).toBe(405);
          expect(answer.headers.get("allow"), label).toBe("GET, HEAD, POST");
          expect(answer.text, label).toContain("nothing was changed");
        }
      }
      expect(await databaseSnapshot()).toEqual(before);
    });
  });

  it("through the single-fetch .data endpoint (PUT /tasks/new.data) is refused alike", async () => {
    const team = await arrangeTeam();
    const before = await databaseSnapshot();
    const answer = await send("/tasks/new.data", { method: "PUT", cookie: team.adminCookie, form: { title: "Put by fetch" } });
    expect(answer.status).toBe(405);
    expect(await databaseSnapshot()).toEqual(before);
  });

  it("leaves the API its own methods: PATCH and DELETE on /api/tasks/:id still work with a token", async () => {
    const team = await arrangeTeam();
    const patched = await api(`/api/tasks/${team.task.id}`, { method: "PATCH", token: team.secret, json: { title: "Patched" } });
    expect(patched.status).toBe(200);
    const deleted = await api(`/api/tasks/${team.task.id}`, { method: "DELETE", token: team.secret });
    expect(deleted.status).toBe(204);
  });
});
