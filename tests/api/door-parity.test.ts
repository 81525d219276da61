import { describe, expect, it } from "vitest";
import { db } from "#services/db/client.ts";
import { HTTP_ADMIN } from "#tests/support/http-server.ts";
import { fieldErrorsIn, postForm, signInByForm } from "./form-door.ts";
import { api, personWithToken, uniqueEmail } from "./support.ts";

describe("the two doors", () => {
  it("create the same user and the same activity through the form and through the API", async () => {
    const admin = await db.user.findUniqueOrThrow({ where: { email: HTTP_ADMIN.email } });
    const { createToken } = await import("#services/tokens.ts");
    const { secret } = await createToken({ id: admin.id, role: admin.role, name: admin.name, email: admin.email }, { name: "parity", scopes: ["write"] });
    const cookie = await signInByForm();

    const viaForm = { name: "Door Parity", email: uniqueEmail("form"), role: "ADMIN", password: "a long enough password" };
    const viaApi = { ...viaForm, email: uniqueEmail("api") };
    expect((await postForm("/users/new", cookie, viaForm)).status).toBe(302);
    expect((await api("/api/users", { method: "POST", token: secret, json: viaApi })).status).toBe(201);

    const shape = async (email: string) => {
      const { id, email: _email, createdAt: _c, updatedAt: _u, passwordHash, ...user } = await db.user.findUniqueOrThrow({ where: { email } });
      const activity = await db.activity.findMany({ where: { subjectId: id }, select: { action: true, actorId: true, subjectType: true, subjectName: true, details: true } });
      return { user: { ...user, hasHash: passwordHash.startsWith("$argon2id$") }, activity: activity.map((a) => ({ ...a, details: JSON.parse(a.details) })) };
    };
    const formResult = await shape(viaForm.email);
    const apiResult = await shape(viaApi.email);
    expect(apiResult.user).toEqual(formResult.user);
    expect(apiResult.activity.map(({ details: { email: _e, ...rest }, ...a }) => ({ ...a, details: rest }))).toEqual(
      formResult.activity.map(({ details: { email: _e, ...rest }, ...a }) => ({ ...a, details: rest })),
    );
    expect(formResult.activity).toHaveLength(1);
    expect(formResult.activity[0]).toMatchObject({ action: "user.created", actorId: admin.id });
  });

  it("give the same validation messages for the same bad input", async () => {
    const { token } = await personWithToken("ADMIN");
    const cookie = await signInByForm();
    const bad = { name: "", email: "not-an-email", role: "BOSS", password: "short" };

    const formResponse = await postForm("/users/new", cookie, bad);
    expect(formResponse.status).toBe(400);
    const formErrors = fieldErrorsIn(await formResponse.text());

    const apiResponse = await api("/api/users", { method: "POST", token, json: bad });
    expect(apiResponse.status).toBe(422);
    const apiErrors = Object.fromEntries(
      apiResponse.body.errors.map((error: { pointer: string; detail: string }) => [error.pointer.slice(1), error.detail]),
    );
    expect(Object.keys(formErrors).sort()).toEqual(["email", "name", "password", "role"]);
    expect(apiErrors).toEqual(formErrors);
  });
});
