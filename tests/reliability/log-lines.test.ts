import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServerOnCopy, type OwnServer } from "#tests/support/own-server.ts";

/**
 * The server's log has one line per request, whoever writes it: morgan for pages and files, the
 * API's own line (with its request id) for /api and /healthz. A line twice doubles what an
 * operator counts, and /healthz is asked every few seconds by every proxy.
 */
describe("the request log", () => {
  let server: OwnServer;
  beforeAll(async () => {
    server = await startServerOnCopy(7);
  }, 90_000);
  afterAll(() => server?.stop());

  const linesAbout = (path: string) => server.output().split("\n").filter((line) => new RegExp(`\\s${path.replace(/[/.]/g, "\\$&")}\\s`).test(line));

  it.each(["/healthz", "/login", "/api/me"])("has exactly one line for GET %s", async (path) => {
    const before = linesAbout(path).length;
    await (await fetch(`${server.base}${path}`)).text();
    // The line is written as the answer finishes: wait for it, then make sure no second one follows the next request.
    await expect.poll(() => linesAbout(path).length, { timeout: 10_000 }).toBe(before + 1);
    await (await fetch(`${server.base}/favicon.svg`)).text();
    await expect.poll(() => linesAbout("/favicon.svg").length, { timeout: 10_000 }).toBeGreaterThan(0);
    expect(linesAbout(path).length).toBe(before + 1);
  });
});
