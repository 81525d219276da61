import { describe, expect, it } from "vitest";
import { db } from "#services/db/client.ts";
import { HTTP_ADMIN } from "#tests/support/http-server.ts";
import { fieldErrorsIn, postForm, signInByForm } from "./form-door.ts";
import { api, uniqueEmail } from "./support.ts";

/** Inviting through the form (/users/invite) and through the API (POST /api/invitations) ends the same. */
describe("the two doors invite alike", () => {
  async function adminToken() {
    const admin = await db.user.findUniqueOrThrow({ where: { email: HTTP_ADMIN.email } });
    const { createToken } = await import("#services/tokens.ts");
    return (await createToken({ id: admin.id, role: admin.role, name: admin.name, email: admin.email }, { name: "parity", scopes: ["write"] })).secret;
  }

  it("make the same invitation, whose link works the same", async () => {
    const token = await adminToken();
    const cookie = await signInByForm();
    const viaForm = { name: "Door Parity", email: uniqueEmail("form"), role: "ADMIN" };
    const viaApi = { ...viaForm, email: uniqueEmail("api") };

    const form = await postForm("/users/invite", cookie, { intent: "invite", ...viaForm });
    expect(form.status).toBe(302);
    expect(form.headers.get("location")).toBe("/users");
    expect((await api("/api/invitations", { method: "POST", token, json: viaApi })).status).toBe(201);

    const shape = async (email: string) => {
      const { id: _id, email: _email, secretHash, createdAt, expiresAt, ...row } = await db.oneTimeLink.findFirstOrThrow({ where: { email } });
      return { ...row, hashed: /^[0-9a-f]{64}$/.test(secretHash), lifetime: expiresAt.getTime() - createdAt.getTime() };
    };
    expect(await shape(viaApi.email)).toEqual(await shape(viaForm.email));
    expect(await shape(viaForm.email)).toMatchObject({ kind: "invitation", role: "ADMIN", hashed: true, lifetime: 7 * 24 * 60 * 60 * 1000 });
  });

  it("give the same messages for the same bad input, and for an email already invited", async () => {
    const token = await adminToken();
    const cookie = await signInByForm();
    const errorsOf = async (fields: Record<string, string>) => {
      const form = await postForm("/users/invite", cookie, { intent: "invite", ...fields });
      expect(form.status).toBe(400);
      const viaApi = await api("/api/invitations", { method: "POST", token, json: fields });
      expect(viaApi.status).toBe(422);
      const apiErrors = Object.fromEntries(viaApi.body.errors.map((error: { pointer: string; detail: string }) => [error.pointer.slice(1), error.detail]));
      return { form: fieldErrorsIn(await form.text()), api: apiErrors };
    };

    const bad = await errorsOf({ name: "", email: "not-an-email", role: "BOSS" });
    expect(Object.keys(bad.form).sort()).toEqual(["email", "name", "role"]);
    expect(bad.api).toEqual(bad.form);

    const email = uniqueEmail("twice");
    expect((await api("/api/invitations", { method: "POST", token, json: { email, name: "Twice" } })).status).toBe(201);
    const twice = await errorsOf({ name: "Twice", email });
    expect(twice.form).toEqual({ email: "This email already has an invitation waiting: revoke it first to send a new one." });
    expect(twice.api).toEqual(twice.form);
  });
});
