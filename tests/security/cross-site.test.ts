import { describe, expect, it } from "vitest";
import { databaseSnapshot } from "../support/factories.ts";
import { api, baseUrl } from "../api/support.ts";
import { arrangeTeam, rawRequest, send, UI_ACTIONS } from "./support.ts";

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
