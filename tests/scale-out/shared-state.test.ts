import { describe, expect, it } from "vitest";
import { createUser } from "#tests/support/factories.ts";
import { SCALE_OUT } from "./cluster-setup.ts";
import { instanceUrl, postForm, seededAdmin, send, setCookies } from "./support.ts";

// Two instances, reached directly, so each step lands on the instance the test names.
describe("what one instance does, the other knows", () => {
  it("a flash message set by one instance is shown by the other", async () => {
    const { cookie } = await seededAdmin();
    const [one, two] = [instanceUrl(0), instanceUrl(1)];

    const created = await postForm(one, "/tasks/new", { title: "Made on instance one", description: "", status: "TODO", assigneeId: "", dueDate: "" }, cookie);
    expect(created.status).toBe(302);
    const flash = setCookies(created).find((pair) => pair.startsWith("tandem_flash="));
    expect(flash).toBeDefined();

    const shown = await send(`${two}${created.headers.location}`, { headers: { Cookie: `${cookie}; ${flash}` } });
    expect(shown.status).toBe(200);
    expect(shown.text).toMatch(/class="flash flash--success"/);
    expect(shown.text).toContain("Made on instance one");
  });

  it("a token made on one instance has its secret shown once by the other, after the redirect", async () => {
    const { cookie } = await seededAdmin();
    const [one, two] = [instanceUrl(0), instanceUrl(1)];

    const created = await postForm(one, "/settings/tokens", { intent: "create", name: `across ${Date.now()}`, scopes: "read" }, cookie);
    expect(created.status).toBe(302);

    const shown = await send(`${two}/settings/tokens`, { headers: { Cookie: cookie } });
    const secret = /tdm_[A-Za-z0-9_-]{43}/.exec(shown.text)?.[0];
    expect(secret, "the secret on the other instance's page").toBeDefined();
    expect((await send(`${one}/api/me`, { headers: { Authorization: `Bearer ${secret}` } })).status).toBe(200);
    const again = await send(`${one}/settings/tokens`, { headers: { Cookie: cookie } });
    expect(again.text).not.toContain(secret);
  });

  it("a session signed out on one instance is refused by the other on its next request", async () => {
    const { cookie } = await seededAdmin();
    const [one, two] = [instanceUrl(0), instanceUrl(1)];
    expect((await send(`${two}/tasks`, { headers: { Cookie: cookie } })).status).toBe(200);

    const out = await postForm(one, "/logout", {}, cookie);
    expect(out.status).toBe(302);

    const after = await send(`${two}/tasks`, { headers: { Cookie: cookie } });
    expect(after.status).toBe(302);
    expect(after.headers.location).toMatch(/^\/login/);
  });

  it("the login throttle counts one account's failures on both instances together", async () => {
    const victim = await createUser({ email: `victim-${Date.now()}@scale-out.test` });
    // Five wrong guesses (the default limit per account), alternating between the instances.
    for (let i = 0; i < 5; i++) {
      const guess = await postForm(instanceUrl(i % 2), "/login", { email: victim.email, password: `guess ${i}` }, "");
      expect(guess.status).toBe(401);
    }
    // Now even the right password is refused, on either instance, before it is checked.
    for (const index of [0, 1]) {
      const locked = await postForm(instanceUrl(index), "/login", { email: victim.email, password: victim.password }, "");
      expect(locked.status).toBe(429);
      expect(locked.headers["retry-after"]).toMatch(/^\d+$/);
    }
  });

  it(`the API rate limit holds in total: ${SCALE_OUT.rateLimit} requests a minute across both instances, not each`, async () => {
    const { bearer } = await seededAdmin();
    const answers = [];
    for (let i = 0; i < SCALE_OUT.rateLimit + 40; i++) {
      answers.push(await send(`${instanceUrl(i % 2)}/api/me`, { headers: bearer }));
    }
    const statuses = answers.map((answer) => answer.status);
    expect(statuses.filter((status) => status === 200)).toHaveLength(SCALE_OUT.rateLimit);
    expect(statuses.filter((status) => status === 429)).toHaveLength(40);
    // The 101st was the first refused, whichever instance it reached.
    expect(statuses.indexOf(429)).toBe(SCALE_OUT.rateLimit);
    expect(answers.at(-1)!.headers["retry-after"]).toMatch(/^\d+$/);
  });
});
