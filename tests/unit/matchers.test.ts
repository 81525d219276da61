import { describe, expect, it } from "vitest";

// The shared matchers (tests/support/matchers.ts) must fail when they should, or every test using them asserts less than it says.
const answer = (status: number, headers: Record<string, string>, text?: string) => ({ status, headers: new Headers(headers), text });

describe("toRedirectTo", () => {
  it("passes a redirect to that place, and fails another status or another place", () => {
    expect(answer(302, { Location: "/tasks" })).toRedirectTo("/tasks");
    expect(answer(303, { Location: "/tasks/1" })).toRedirectTo(/^\/tasks\/\d+$/);
    expect(() => expect(answer(200, { Location: "/tasks" })).toRedirectTo("/tasks")).toThrow(/redirect to/);
    expect(() => expect(answer(302, { Location: "/login" })).toRedirectTo("/tasks")).toThrow(/\/login/);
  });
});

describe("toBeProblem", () => {
  const problem = (status: number) => JSON.stringify({ type: "/api/docs#problem-x", title: "X", status, detail: "Why." });
  it("passes a problem+json of that status, and fails a wrong status, type or body", () => {
    expect(answer(422, { "Content-Type": "application/problem+json" }, problem(422))).toBeProblem(422);
    expect(() => expect(answer(400, { "Content-Type": "application/problem+json" }, problem(400))).toBeProblem(422)).toThrow(/status 400/);
    expect(() => expect(answer(422, { "Content-Type": "application/json" }, problem(422))).toBeProblem(422)).toThrow(/content-type/);
    expect(() => expect(answer(422, { "Content-Type": "application/problem+json" }, "{}")).toBeProblem(422)).toThrow(/title or detail/);
  });
});
