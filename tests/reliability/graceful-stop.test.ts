import http from "node:http";
import { describe, expect, it } from "vitest";
import { HTTP_DB } from "#tests/support/http-server.ts";
import { ownPort, pause, startOwnServer } from "#tests/support/own-server.ts";

const port = ownPort(2);
const base = `http://127.0.0.1:${port}`;

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
    // A second server on the HTTP tests' own database.
    const server = await startOwnServer({ port, databaseFile: HTTP_DB });
    const inFlight = slowSignIn(1_500);
    await pause(300);
    server.kill("SIGTERM");
    await pause(200);
    await expect(fetch(`${base}/healthz`)).rejects.toThrow();
    // The sign-in that was running when the signal came still gets its real answer.
    expect(await inFlight).toBe(401);
    expect(await server.exited).toBe(0);
  });
});
