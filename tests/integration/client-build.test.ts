import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";

/**
 * Server-only code must never reach the browser: no Prisma, no services, no secrets'
 * helpers. Reads every file of the client build that `npm start` made for the HTTP tests
 * (tests/support/http-server.ts), so the build checked is the one served.
 */
describe("the client build", () => {
  let shipped = "";

  beforeAll(() => {
    const dir = path.resolve("build/client");
    const files = readdirSync(dir, { recursive: true, encoding: "utf8" }).filter((file) => /\.(js|css|html|map)$/.test(file));
    shipped = files.map((file) => readFileSync(path.join(dir, file), "utf8")).join("\n");
  });

  it("ships some JavaScript (so the checks below read something)", () => {
    expect(shipped.length).toBeGreaterThan(10_000);
    expect(shipped).toContain("Add person");
  });

  it("is a production build (React's development build would say so)", () => {
    // A build made with NODE_ENV=test (Vitest's) is a development build: this caught one.
    expect(shipped).not.toMatch(/Download the React DevTools|react-dom\.development/);
  });

  it.each([
    ["Prisma", /PrismaClient|@prisma\/|prisma\/generated/],
    ["better-sqlite3", /better-sqlite3/],
    ["the password hasher", /argon2|passwordHasher/],
    ["service code", /services\/|verifyLogin|createSession|requirePermission|passwordHash/],
    ["server glue", /\.server\b|flash\.server|session\.server/],
  ])("contains no %s", (_name, pattern) => {
    expect(shipped).not.toMatch(pattern);
  });
});
