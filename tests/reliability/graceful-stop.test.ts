import { spawn } from "node:child_process";
import http from "node:http";
import { describe, expect, it } from "vitest";
import { HTTP_DB } from "../support/http-server.ts";

const port = Number(process.env.HTTP_TEST_PORT ?? 3211) + 2;
const base = `http://127.0.0.1:${port}`;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The production server alone (no build or migration step), on the HTTP tests' database. */
function startServer() {
  const child = spawn(process.execPath, ["--import", "tsx", "server/index.ts"], {
    stdio: "ignore",
    env: { ...process.env, PORT: String(port), DATABASE_URL: `file:${HTTP_DB}`, NODE_ENV: "production" },
  });
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, exited };
}

/** A sign-in whose body arrives slowly: in flight for about `ms`. */
function slowSignIn(ms: number) {
  return new Promise<number>((resolve, reject) => {
    const request = http.request(`${base}/login`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", "Transfer-Encoding": "chunked" },
    });
    request.on("response", (response) => {
      response.resume();
      response.on("end", () => resolve(response.statusCode!));
    });
    request.on("error", reject);
    request.write("email=nobody%40example.com&");
    setTimeout(() => request.end("password=not+the+password"), ms);
  });
}

describe("stopping the server", () => {
  it("on SIGTERM refuses new connections, finishes the request in flight and exits 0", async () => {
    const { child, exited } = startServer();
    for (let attempt = 0; ; attempt++) {
      if ((await fetch(`${base}/healthz`).catch(() => null))?.ok) break;
      if (attempt > 120) throw new Error("the server did not start");
      await pause(250);
    }
    const inFlight = slowSignIn(1_500);
    await pause(300);
    child.kill("SIGTERM");
    await pause(200);
    await expect(fetch(`${base}/healthz`)).rejects.toThrow();
    // The sign-in that was running when the signal came still gets its real answer.
    expect(await inFlight).toBe(401);
    expect(await exited).toBe(0);
  });
});
