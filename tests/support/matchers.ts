import { expect } from "vitest";

/**
 * The assertions every layer of tests makes about answers, once: a redirect and where to, and a
 * problem+json error (RFC 9457) with its status. They take any answer with a status and headers
 * (a fetch Response, a loader's thrown Response, the HTTP suites' parsed answers); the problem's
 * body is checked when the answer carries it parsed (`body`) or as text (`text`).
 */
type Answer = { status: number; headers: Headers; body?: unknown; text?: string };

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

function isAnswer(value: unknown): value is Answer {
  return typeof value === "object" && value !== null && typeof (value as Answer).status === "number" && (value as Answer).headers instanceof Headers;
}

expect.extend({
  toRedirectTo(received: unknown, expected: string | RegExp) {
    if (!isAnswer(received)) return { pass: false, message: () => `expected an answer with a status and headers, got ${this.utils.printReceived(received)}` };
    const location = received.headers.get("location");
    const where = location !== null && (typeof expected === "string" ? location === expected : expected.test(location));
    return {
      pass: REDIRECTS.has(received.status) && where,
      message: () =>
        `expected ${this.isNot ? "no " : "a "}redirect to ${this.utils.printExpected(expected)}, ` +
        `got ${received.status} with Location ${this.utils.printReceived(location)}${received.text ? `:\n${received.text.slice(0, 300)}` : ""}`,
    };
  },

  toBeProblem(received: unknown, status: number) {
    if (!isAnswer(received)) return { pass: false, message: () => `expected an answer with a status and headers, got ${this.utils.printReceived(received)}` };
    const type = received.headers.get("content-type") ?? "";
    let body = received.body;
    if (body === undefined && typeof received.text === "string") body = JSON.parse(received.text || "null");
    const problem = body as { status?: unknown; title?: unknown; detail?: unknown; type?: unknown } | undefined;
    const failures = [
      received.status !== status && `status ${received.status}`,
      !/^application\/problem\+json/.test(type) && `content-type ${JSON.stringify(type)}`,
      problem !== undefined && problem?.status !== status && `body status ${JSON.stringify(problem?.status)}`,
      problem !== undefined && (typeof problem?.title !== "string" || typeof problem?.detail !== "string") && "no title or detail",
      problem !== undefined && typeof problem?.type !== "string" && "no type",
    ].filter(Boolean);
    return {
      pass: failures.length === 0,
      message: () =>
        this.isNot
          ? `expected anything but a ${status} problem`
          : `expected a ${status} problem+json, but: ${failures.join(", ")}${received.text ? `\n${received.text.slice(0, 500)}` : ""}`,
    };
  },
});

declare module "vitest" {
  interface Assertion<T> {
    /** A 301/302/303/307/308 whose Location is this path (or matches it). */
    toRedirectTo(expected: string | RegExp): T;
    /** An RFC 9457 problem+json with this status, and a type, title and detail when the body is at hand. */
    toBeProblem(status: number): T;
  }
}
