import { expect, test } from "@playwright/test";
import { E2E_ADMIN, PASSWORD, uniqueEmail } from "./support.ts";

test("a cross-site form post is refused with 403 and writes nothing", async ({ request }, testInfo) => {
  await request.post("/login", { form: { email: E2E_ADMIN.email, password: E2E_ADMIN.password }, maxRedirects: 0 });
  const email = uniqueEmail(testInfo, "csrf");
  for (const origin of ["https://evil.example", "null"]) {
    const response = await request.post("/users/new", {
      headers: { Origin: origin },
      form: { name: "Planted", email, role: "ADMIN", password: PASSWORD },
      maxRedirects: 0,
    });
    expect(response.status(), `Origin: ${origin}`).toBe(403);
    expect(await response.text()).toContain("sent from another site");
  }
  const team = await (await request.get("/users")).text();
  expect(team).not.toContain(email);
  // The same post from the site itself goes through: the check is about the origin, not the form.
  const sameSite = await request.post("/users/new", {
    headers: { Origin: new URL(testInfo.project.use.baseURL!).origin },
    form: { name: "Planted", email, role: "MEMBER", password: PASSWORD },
    maxRedirects: 0,
  });
  expect(sameSite.status()).toBe(302);
});

test("pages carry the security headers and no stack trace on errors", async ({ request }) => {
  const page = await request.get("/login");
  expect(page.headers()["x-content-type-options"]).toBe("nosniff");
  expect(page.headers()["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(page.headers()["x-frame-options"]).toBe("DENY");
  expect(page.headers()["content-security-policy"]).toContain("frame-ancestors 'none'");
  // The rest of the policy and its nonce: tests/e2e/csp.spec.ts.

  const missing = await request.get("/no/such/page");
  expect(missing.status()).toBe(404);
  expect(await missing.text()).not.toMatch(/at [\w.]+ \(|node_modules/);
});
