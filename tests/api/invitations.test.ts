import { describe, expect, it } from "vitest";
import { db } from "#services/db/client.ts";
import { api, baseUrl, checkAgainstDocument, expectProblem, personWithToken, uniqueEmail } from "./support.ts";

const sha256 = async (text: string) => Buffer.from(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text))).toString("hex");

describe("POST /api/invitations", () => {
  it("answers 201 with the invitation and its one-time link, keeps only the secret's hash, and lists it until revoked", async () => {
    const { token, user: admin } = await personWithToken("ADMIN", ["write"], "Api Admin");
    const email = uniqueEmail("invited");

    const created = await api("/api/invitations", { method: "POST", token, json: { email, name: "Newt", role: "MEMBER" } });

    expect(created.status).toBe(201);
    await checkAgainstDocument("POST", "/api/invitations", created);
    expect(created.headers.get("cache-control")).toBe("no-store");
    expect(created.body).toMatchObject({ email, name: "Newt", role: "MEMBER", invitedBy: { id: admin.id, name: "Api Admin" } });
    expect(created.body.link).toMatch(new RegExp(`^${baseUrl()}/invite/[A-Za-z0-9_-]{43}$`));
    const secret = created.body.link.split("/").at(-1);
    const row = await db.oneTimeLink.findUniqueOrThrow({ where: { id: created.body.id } });
    expect(row.secretHash).toBe(await sha256(secret));

    const listed = await api("/api/invitations", { token });
    expect(listed.status).toBe(200);
    await checkAgainstDocument("GET", "/api/invitations", listed);
    expect(listed.body.data.find((invitation: { id: string }) => invitation.id === created.body.id)).toBeDefined();
    expect(listed.text).not.toContain(secret);

    const again = await api("/api/invitations", { method: "POST", token, json: { email, name: "Newt" } });
    expectProblem(again, 422);
    expect(again.body.errors).toEqual([{ pointer: "/email", detail: "This email already has an invitation waiting: revoke it first to send a new one." }]);

    const revoked = await api(`/api/invitations/${created.body.id}`, { method: "DELETE", token });
    expect(revoked.status).toBe(204);
    const page = await fetch(created.body.link);
    expect(page.status).toBe(410);
    expect(await page.text()).toContain("This invitation was revoked.");
    const after = await api("/api/invitations", { token });
    expect(after.body.data.find((invitation: { id: string }) => invitation.id === created.body.id)).toBeUndefined();
  });

  it("refuses a member's token with 403 and an unknown id with 404", async () => {
    const { token } = await personWithToken("MEMBER");
    expectProblem(await api("/api/invitations", { method: "POST", token, json: { email: uniqueEmail("x"), name: "X" } }), 403);
    expectProblem(await api("/api/invitations", { token }), 403);
    const { token: adminToken } = await personWithToken("ADMIN");
    expectProblem(await api("/api/invitations/nope", { method: "DELETE", token: adminToken }), 404);
  });
});

describe("POST /api/users/{id}/password-reset", () => {
  it("answers 201 with a link that sets a new password once", async () => {
    const { token } = await personWithToken("ADMIN");
    const { user: person } = await personWithToken("MEMBER");

    const created = await api(`/api/users/${person.id}/password-reset`, { method: "POST", token });

    expect(created.status).toBe(201);
    await checkAgainstDocument("POST", "/api/users/{id}/password-reset", created);
    expect(created.body.user).toEqual({ id: person.id, name: person.name, email: person.email });
    const page = await fetch(created.body.link);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("Set a new password");
  });

  it("refuses a member's token with 403 and an unknown person with 404", async () => {
    const { token, user } = await personWithToken("MEMBER");
    expectProblem(await api(`/api/users/${user.id}/password-reset`, { method: "POST", token }), 403);
    const { token: adminToken } = await personWithToken("ADMIN");
    expectProblem(await api("/api/users/nobody/password-reset", { method: "POST", token: adminToken }), 404);
  });
});
