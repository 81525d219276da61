import net from "node:net";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { personWithToken } from "#tests/api/support.ts";
import { copyOfTestDatabase, ownPort, removeCopy, startOwnServer, type OwnServer } from "#tests/support/own-server.ts";

/**
 * Clients that send their request a byte at a time, or stop halfway, must be cut off by the
 * server's timeouts (HEADERS_TIMEOUT_SECONDS / REQUEST_TIMEOUT_SECONDS, short on this server of
 * our own) and must not keep other clients from being served. The bounds waited for are many
 * times the timeouts, so a busy machine does not make them flaky; what is checked is that the
 * server, not the client, ends the connection.
 */
const HEADERS_TIMEOUT_S = 1;
const REQUEST_TIMEOUT_S = 3;
// Far above the timeouts, far below Node's defaults (60 s / 300 s) that would apply without them.
const CUT_OFF_WITHIN_MS = 20_000;

let server: OwnServer;
let token: string;
let port: number;
let databaseFile: string;

beforeAll(async () => {
  token = (await personWithToken("MEMBER")).token;
  port = ownPort(6);
  databaseFile = await copyOfTestDatabase();
  server = await startOwnServer({
    port,
    databaseFile,
    env: { HEADERS_TIMEOUT_SECONDS: String(HEADERS_TIMEOUT_S), REQUEST_TIMEOUT_SECONDS: String(REQUEST_TIMEOUT_S), API_RATE_LIMIT_PER_MINUTE: "100000" },
  });
}, 90_000);

afterAll(async () => {
  server?.kill("SIGKILL");
  await server?.exited;
  if (databaseFile) removeCopy(databaseFile);
});

type Slow = { closed: Promise<{ byServer: boolean; answer: string }>; socket: net.Socket; stop: () => void };

/**
 * A raw connection that sends `head` at once, then `drip` one byte every `everyMs` (forever,
 * when the drip never ends the request), or nothing more when `drip` is empty.
 */
function slowClient(head: string, drip = "", everyMs = 200): Slow {
  const socket = net.connect(port, "127.0.0.1");
  let answer = "";
  let byClient = false;
  let timer: NodeJS.Timeout | undefined;
  socket.setEncoding("latin1");
  socket.on("data", (chunk: string) => (answer += chunk));
  socket.on("error", () => {});
  const closed = new Promise<{ byServer: boolean; answer: string }>((resolve) => {
    socket.on("close", () => {
      clearInterval(timer);
      resolve({ byServer: !byClient, answer });
    });
  });
  socket.on("connect", () => {
    socket.write(head);
    let sent = 0;
    if (drip) timer = setInterval(() => socket.writable && socket.write(drip[sent++ % drip.length]!), everyMs);
  });
  const stop = () => {
    byClient = true;
    clearInterval(timer);
    socket.destroy();
  };
  return { closed, socket, stop };
}

/** Resolves when the server ends the connection, or rejects if it still lives after the bound. */
async function cutOffByServer(client: Slow) {
  const bound = new Promise<never>((_, reject) =>
    setTimeout(() => reject(new Error(`the server kept the connection open for ${CUT_OFF_WITHIN_MS} ms`)), CUT_OFF_WITHIN_MS),
  );
  try {
    const result = await Promise.race([client.closed, bound]);
    expect(result.byServer).toBe(true);
    return result;
  } finally {
    client.stop();
  }
}

describe("slow and stalled clients", () => {
  it("slowloris: headers sent a byte at a time and never finished are cut off by the headers timeout", async () => {
    const client = slowClient("GET /login HTTP/1.1\r\nHost: localhost\r\n", "X-Slow-Header-That-Never-Ends: aaaaaaaaaaaaaaaaaaaa");
    const { answer } = await cutOffByServer(client);
    // Node answers 408 when it can; a bare close is as good. Never a page.
    expect(answer).not.toMatch(/^HTTP\/1\.1 200/);
  }, 30_000);

  it("a request body sent a byte at a time is cut off by the request timeout and creates nothing", async () => {
    const body = JSON.stringify({ title: "Sent very slowly", description: "x".repeat(500) });
    const head = `POST /api/tasks HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer ${token}\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`;
    const { answer } = await cutOffByServer(slowClient(head, body));
    expect(answer).not.toMatch(/^HTTP\/1\.1 201/);
    const file = new Database(databaseFile, { readonly: true });
    expect(file.prepare(`SELECT COUNT(*) AS n FROM "Task" WHERE "title" = 'Sent very slowly'`).get()).toEqual({ n: 0 });
    file.close();
  }, 30_000);

  it("a form post whose body stalls halfway is cut off by the request timeout", async () => {
    const head = "POST /login HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 200\r\n\r\nemail=someone%40example.com&pass";
    const { answer } = await cutOffByServer(slowClient(head));
    expect(answer).not.toMatch(/^HTTP\/1\.1 (200|302)/);
  }, 30_000);

  it("while 100 stalled connections are open, other clients' pages and API calls are answered", async () => {
    const stalled = Array.from({ length: 100 }, (_, n) =>
      n % 2 === 0
        ? slowClient("GET / HTTP/1.1\r\nHost: localhost\r\n", "X-Dribble: zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz", 300)
        : slowClient(`POST /api/tasks HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer ${token}\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"ti`),
    );
    try {
      const answers = await Promise.all(
        Array.from({ length: 20 }, async (_, n) => {
          if (n % 2 === 0) return (await fetch(`${server.base}/login`)).status;
          const response = await fetch(`${server.base}/api/tasks`, {
            method: "POST",
            headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
            body: JSON.stringify({ title: `Served beside stalled clients ${n}` }),
          });
          return response.status;
        }),
      );
      expect(answers.filter((status) => status !== 200 && status !== 201)).toEqual([]);
      // And the stalled ones are all cut off in the end.
      const results = await Promise.all(stalled.map(cutOffByServer));
      expect(results.every((result) => result.byServer)).toBe(true);
    } finally {
      for (const client of stalled) client.stop();
    }
  }, 60_000);
});
