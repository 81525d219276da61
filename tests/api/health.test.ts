import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { HTTP_DIR } from "#tests/support/http-server.ts";
import { api, checkAgainstDocument } from "./support.ts";

describe("GET /healthz", () => {
  it("answers 200 without a token while the database answers", async () => {
    const response = await api("/healthz");
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ status: "ok" });
  });

  it("answers a 503 problem when the database does not", async () => {
    // The same production build, served with a database path that cannot be opened (a folder).
    const unreadable = mkdtempSync(path.join(HTTP_DIR, "no-db-"));
    const port = Number(process.env.HTTP_TEST_PORT ?? 3211) + 1;
    const server = spawn(process.execPath, ["build/server/main.js"], {
      stdio: "ignore",
      env: { ...process.env, PORT: String(port), NODE_ENV: "production", DATABASE_URL: `file:${unreadable}` },
    });
    try {
      let response: Response | undefined;
      for (let attempt = 0; attempt < 120 && !response; attempt++) {
        response = await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => undefined);
        if (!response) await new Promise((resolve) => setTimeout(resolve, 250));
      }
      expect(response?.status).toBe(503);
      const text = await response!.text();
      const result = { status: response!.status, headers: response!.headers, text, body: JSON.parse(text) };
      await checkAgainstDocument("GET", "/healthz", result);
      expect(result.body).toMatchObject({ status: 503, title: "Service Unavailable" });
      expect(response!.headers.get("retry-after")).toBe("5");
    } finally {
      server.kill("SIGTERM");
    }
  });
});
