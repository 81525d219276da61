import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { personWithToken } from "#tests/api/support.ts";
import { copyOfTestDatabase, ownPort, pause, removeCopy, startOwnServer } from "#tests/support/own-server.ts";

/**
 * The server process dies at the worst moment (SIGKILL: no handler runs, writes in flight are cut
 * off) and is started again on the same file. SQLite's write-ahead log must leave a whole database
 * holding every write the server acknowledged. (A process crash: the operating system keeps what
 * was written; surviving a power cut is what synchronous=FULL is for, see decision 0004.)
 */
describe("a crash under write load", () => {
  it("SIGKILL in the middle of API creates, then a restart: the database is whole and every 201 before the kill is there", async () => {
    const { token } = await personWithToken("MEMBER");
    const databaseFile = await copyOfTestDatabase();
    const port = ownPort(5);
    // A limit no writer reaches: the point is the load, not the rate limit.
    const env = { API_RATE_LIMIT_PER_MINUTE: "1000000" };
    const server = await startOwnServer({ port, databaseFile, env });

    const acknowledged: string[] = [];
    let killed = false;
    const writer = async (lane: number) => {
      for (let i = 0; !killed; i++) {
        try {
          const response = await fetch(`${server.base}/api/tasks`, {
            method: "POST",
            headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
            body: JSON.stringify({ title: `Crash load ${lane}-${i}` }),
          });
          const body = await response.text();
          // Only an answer read in full before the kill counts as acknowledged.
          if (response.status === 201 && !killed) acknowledged.push((JSON.parse(body) as { id: string }).id);
        } catch {
          // The connection died with the server.
        }
      }
    };
    const load = Promise.all([0, 1, 2, 3, 4, 5].map(writer));
    for (const deadline = Date.now() + 30_000; acknowledged.length < 30 && Date.now() < deadline; ) await pause(20);
    const beforeKill = [...acknowledged];
    killed = true;
    server.kill("SIGKILL");
    expect(await server.exited).toBe(null); // ended by the signal, not by an exit of its own
    await load;
    expect(beforeKill.length).toBeGreaterThanOrEqual(30);

    const restarted = await startOwnServer({ port, databaseFile, env });
    try {
      const file = new Database(databaseFile, { readonly: true });
      expect(file.pragma("integrity_check", { simple: true })).toBe("ok");
      const stored = new Set(
        (file.prepare(`SELECT "id" FROM "Task" WHERE "title" LIKE 'Crash load %'`).all() as { id: string }[]).map((row) => row.id),
      );
      file.close();
      expect(beforeKill.filter((id) => !stored.has(id))).toEqual([]);

      // And the restarted server serves them, and takes new writes.
      const read = await fetch(`${restarted.base}/api/tasks/${beforeKill.at(-1)}`, { headers: { Authorization: `Bearer ${token}` } });
      expect(read.status).toBe(200);
      const create = await fetch(`${restarted.base}/api/tasks`, {
        method: "POST",
        headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
        body: JSON.stringify({ title: "After the crash" }),
      });
      expect(create.status).toBe(201);
    } finally {
      restarted.kill("SIGKILL");
      await restarted.exited;
      removeCopy(databaseFile);
    }
  }, 120_000);
});
