import { execFile } from "node:child_process";
import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { HTTP_DB } from "#tests/support/http-server.ts";
import { baseUrl, personWithToken } from "#tests/api/support.ts";
import { ownPort, pause, startOwnServer } from "#tests/support/own-server.ts";

describe("npm run backup", () => {
  it("copies the live database under write load into a whole database that restores and serves", async () => {
    const { token } = await personWithToken("MEMBER");
    const acknowledged: { id: string; at: number }[] = [];
    let writing = true;
    const writer = async (lane: number) => {
      for (let i = 0; writing; i++) {
        const response = await fetch(`${baseUrl()}/api/tasks`, {
          method: "POST",
          headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
          body: JSON.stringify({ title: `Backup load ${lane}-${i}` }),
        });
        if (response.status === 201) acknowledged.push({ id: ((await response.json()) as { id: string }).id, at: Date.now() });
      }
    };
    const load = Promise.all([0, 1, 2, 3].map(writer));

    // Start the backup once the load is real, however busy the machine is (at most 15 s).
    for (const deadline = Date.now() + 15_000; acknowledged.length < 20 && Date.now() < deadline; ) await pause(50);
    const dir = mkdtempSync(path.join(tmpdir(), "tandem-backup-"));
    const backupFile = path.join(dir, "backup.db");
    const startedAt = Date.now();
    const { stdout } = await promisify(execFile)("npx", ["tsx", "scripts/backup.ts", backupFile], {
      env: { ...process.env, DATABASE_URL: `file:${HTTP_DB}` },
    });
    await pause(300);
    writing = false;
    await load;
    expect(stdout).toMatch(/integrity check: ok/);

    // Restore: the backup file becomes a database of its own.
    const restored = path.join(dir, "restored.db");
    copyFileSync(backupFile, restored);
    const copy = new Database(restored, { readonly: true });
    const before = acknowledged.filter((write) => write.at < startedAt).map((write) => write.id);
    const present = new Set(
      (copy.prepare(`SELECT "id" FROM "Task" WHERE "title" LIKE 'Backup load %'`).all() as { id: string }[]).map((row) => row.id),
    );
    expect(copy.pragma("integrity_check", { simple: true })).toBe("ok");
    expect(before.length).toBeGreaterThanOrEqual(20);
    expect(before.filter((id) => !present.has(id))).toEqual([]);
    expect(present.size).toBeLessThanOrEqual(acknowledged.length);
    copy.close();

    // And the server runs on it: the restored tasks are there through the API.
    const server = await startOwnServer({ port: ownPort(3), databaseFile: restored });
    try {
      const answer = await fetch(`${server.base}/api/tasks/${before[0]}`, { headers: { Authorization: `Bearer ${token}` } });
      expect(answer.status).toBe(200);
    } finally {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
