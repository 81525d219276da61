import { describe, expect, it } from "vitest";
import { db } from "#services/db/client.ts";
import { createUser } from "#tests/support/factories.ts";
import { api, expectProblem, personWithToken, uniqueEmail } from "./support.ts";

const person = () => ({ email: uniqueEmail("person"), name: "Ada Lovelace", role: "MEMBER", password: "a long enough password" });

describe("GET /api/users", () => {
  it("walks the whole team with cursors, with no duplicates and no gaps", async () => {
    const { token } = await personWithToken("MEMBER", ["read"]);
    for (let i = 0; i < 7; i++) await createUser({ name: `Walker ${String(i).padStart(2, "0")}` });
    const everyone = await db.user.findMany({ select: { id: true } });

    // Several pages, but few enough requests to stay under the shared server's per-token rate
    // limit however many people the other files have added.
    const limit = Math.max(3, Math.ceil(everyone.length / 20));
    const seen: string[] = [];
    let path: string | null = `/api/users?limit=${limit}`;
    while (path) {
      const response = await api(path, { token });
      expect(response.status).toBe(200);
      expect(response.body.data.length).toBeLessThanOrEqual(limit);
      seen.push(...response.body.data.map((user: { id: string }) => user.id));
      const link = response.headers.get("link");
      if (response.body.nextCursor) {
        expect(link).toBe(`</api/users?limit=${limit}&cursor=${response.body.nextCursor}>; rel="next"`);
        path = link!.slice(1, link!.indexOf(">"));
      } else {
        expect(link).toBeNull();
        path = null;
      }
    }
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual(expect.arrayContaining(everyone.map((user) => user.id)));
  });

  it("refuses an altered cursor and an out-of-range limit with 400", async () => {
    const { token } = await personWithToken("MEMBER", ["read"]);
    const first = await api("/api/users?limit=1", { token });
    const cursor: string = first.body.nextCursor;
    const altered = (cursor[0] === "A" ? "B" : "A") + cursor.slice(1);
    expectProblem(await api(`/api/users?cursor=${altered}`, { token }), 400);
    expectProblem(await api("/api/users?cursor=not-a-cursor", { token }), 400);
    expectProblem(await api("/api/users?limit=101", { token }), 400);
    expectProblem(await api("/api/users?limit=0", { token }), 400);
  });
});

describe("POST /api/users", () => {
  it("creates a person: 201 with Location, ETag and the object, never the password", async () => {
    const { token } = await personWithToken("ADMIN");
    const input = person();
    const response = await api("/api/users", { method: "POST", token, json: input });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ email: input.email, name: input.name, role: "MEMBER", active: true, version: 1 });
    expect(response.text).not.toContain(input.password);
    expect(response.headers.get("location")).toBe(`/api/users/${response.body.id}`);
    expect(response.headers.get("etag")).toBe('"v1"');
    const fetched = await api(response.headers.get("location")!, { token });
    expect(fetched.body).toEqual(response.body);
  });

  it("answers 422 with a pointer per broken field", async () => {
    const { token } = await personWithToken("ADMIN");
    const response = await api("/api/users", { method: "POST", token, json: { email: "nope", name: "", password: "short" } });
    expectProblem(response, 422);
    expect(response.body.errors).toEqual(
      expect.arrayContaining([
        { pointer: "/email", detail: "Enter a valid email address, like name@example.com." },
        { pointer: "/name", detail: "Enter a name." },
        { pointer: "/password", detail: "Password must be at least 12 characters." },
      ]),
    );
  });

  it("answers 409 when the email is taken in any case", async () => {
    const { token } = await personWithToken("ADMIN");
    const input = person();
    await api("/api/users", { method: "POST", token, json: input });
    const again = await api("/api/users", { method: "POST", token, json: { ...input, email: input.email.toUpperCase() } });
    expectProblem(again, 409);
    expect(again.body.errors).toEqual([{ pointer: "/email", detail: "A user with this email already exists." }]);
  });

  it("refuses a member with 403, writing nothing", async () => {
    const { token } = await personWithToken("MEMBER");
    const input = person();
    expectProblem(await api("/api/users", { method: "POST", token, json: input }), 403);
    expect(await db.user.count({ where: { email: input.email } })).toBe(0);
  });

  it("ignores fields it does not take (id, active, version)", async () => {
    const { token } = await personWithToken("ADMIN");
    const response = await api("/api/users", {
      method: "POST",
      token,
      json: { ...person(), id: "chosen", active: false, version: 99, passwordHash: "x" },
    });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ active: true, version: 1 });
    expect(response.body.id).not.toBe("chosen");
  });
});

describe("GET and PATCH /api/users/:id", () => {
  it("reads a person with an ETag, and answers 304 to If-None-Match", async () => {
    const { token } = await personWithToken("MEMBER", ["read"]);
    const target = await createUser();
    const response = await api(`/api/users/${target.id}`, { token });
    expect(response.status).toBe(200);
    const etag = response.headers.get("etag")!;
    expect((await api(`/api/users/${target.id}`, { token, headers: { "If-None-Match": etag } })).status).toBe(304);
    expect((await api(`/api/users/${target.id}`, { token, headers: { "If-None-Match": '"v999"' } })).status).toBe(200);
  });

  it("answers 404 for someone who does not exist", async () => {
    const { token } = await personWithToken("MEMBER", ["read"]);
    expectProblem(await api("/api/users/nobody-here", { token }), 404);
  });

  it("updates with If-Match and answers the new object and ETag", async () => {
    const { token } = await personWithToken("ADMIN");
    const target = await createUser({ name: "Before" });
    const read = await api(`/api/users/${target.id}`, { token });
    const response = await api(`/api/users/${target.id}`, {
      method: "PATCH",
      token,
      json: { name: "After", role: "ADMIN" },
      headers: { "If-Match": read.headers.get("etag")! },
    });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ name: "After", role: "ADMIN", version: read.body.version + 1 });
    expect(response.headers.get("etag")).toBe(`"v${read.body.version + 1}"`);
  });

  it("refuses a stale If-Match with 412 and changes nothing", async () => {
    const { token } = await personWithToken("ADMIN");
    const target = await createUser({ name: "Unchanged" });
    const stale = `"v${target.version}"`;
    await api(`/api/users/${target.id}`, { method: "PATCH", token, json: { name: "Someone else" } });
    const response = await api(`/api/users/${target.id}`, { method: "PATCH", token, json: { name: "Mine" }, headers: { "If-Match": stale } });
    expectProblem(response, 412);
    expect((await db.user.findUnique({ where: { id: target.id } }))?.name).toBe("Someone else");
  });

  it("deactivates with active: false, and reactivates", async () => {
    const { token } = await personWithToken("ADMIN");
    const target = await createUser();
    expect((await api(`/api/users/${target.id}`, { method: "PATCH", token, json: { active: false } })).body.active).toBe(false);
    expect((await api(`/api/users/${target.id}`, { method: "PATCH", token, json: { active: true } })).body.active).toBe(true);
  });

  it("answers 422 for a string where a boolean belongs (no coercion of JSON)", async () => {
    const { token } = await personWithToken("ADMIN");
    const target = await createUser();
    const response = await api(`/api/users/${target.id}`, { method: "PATCH", token, json: { active: "false" } });
    expectProblem(response, 422);
    expect(response.body.errors).toEqual([{ pointer: "/active", detail: "Active must be true or false." }]);
  });

  it("refuses to demote the last active admin with 409", async () => {
    // The admin demotes themself while every other admin in this database is inactive:
    // arranged by deactivating all admins but this one, which this test owns alone.
    const { user, token } = await personWithToken("ADMIN");
    const others = await db.user.findMany({ where: { role: "ADMIN", active: true, id: { not: user.id } }, select: { id: true } });
    await db.user.updateMany({ where: { id: { in: others.map((o) => o.id) } }, data: { active: false } });
    try {
      const response = await api(`/api/users/${user.id}`, { method: "PATCH", token, json: { role: "MEMBER" } });
      expectProblem(response, 409);
      expect((await db.user.findUnique({ where: { id: user.id } }))?.role).toBe("ADMIN");
    } finally {
      await db.user.updateMany({ where: { id: { in: others.map((o) => o.id) } }, data: { active: true } });
    }
  });

  it("refuses a member with 403", async () => {
    const { token } = await personWithToken("MEMBER");
    const target = await createUser({ name: "Safe" });
    expectProblem(await api(`/api/users/${target.id}`, { method: "PATCH", token, json: { name: "Hacked" } }), 403);
    expect((await db.user.findUnique({ where: { id: target.id } }))?.name).toBe("Safe");
  });
});
