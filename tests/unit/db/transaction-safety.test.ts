import { newId } from "#services/db/ids.ts";
import { describe, expect, it } from "vitest";
import { db } from "#services/db/client.ts";
import { databaseProvider } from "#services/db/url.ts";

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("the data layer under concurrent transactions", () => {
  it("keeps every acknowledged write while rolled-back transactions run alongside", async () => {
    const acknowledged: string[] = [];
    const committed: string[] = [];

    // 20 interactive transactions that stay open across a timer; half of them roll back.
    const transactions = Array.from({ length: 20 }, (_, i) =>
      db
        .$transaction(async (tx) => {
          await tx.activity.create({
            data: { action: "tx.write", subjectType: "test", subjectId: `tx-${i}`, subjectName: "tx" },
          });
          await pause(5);
          if (i % 2 === 0) throw new Error("roll back");
        })
        .then(() => committed.push(`tx-${i}`))
        .catch(() => "rolled back (or, on a loaded machine, could not start in time: also not acknowledged)"),
    );

    // 100 plain writes from other "requests", each acknowledged when its promise resolves.
    const plainWrites = Array.from({ length: 100 }, async (_, i) => {
      await pause(i % 10);
      const id = newId();
      await db.activity.create({
        data: { id, action: "plain.write", subjectType: "test", subjectId: `plain-${i}`, subjectName: "plain" },
      });
      acknowledged.push(id);
    });

    await Promise.all([...transactions, ...plainWrites]);

    expect(acknowledged).toHaveLength(100);
    const stored = await db.activity.count({ where: { id: { in: acknowledged } } });
    expect(stored).toBe(100);
    // Exactly the transactions that reported success left their row; none that rolled back did.
    const txRows = await db.activity.findMany({ where: { action: "tx.write" }, select: { subjectId: true } });
    expect(txRows.map((row) => row.subjectId).sort()).toEqual(committed.sort());
    expect(committed.length).toBeGreaterThan(0);
    expect(committed.every((id) => Number(id.slice(3)) % 2 === 1)).toBe(true);
  });

  it.runIf(databaseProvider() === "sqlite")("opens SQLite with WAL, foreign keys, a busy timeout and the chosen synchronous mode", async () => {
    const [journal] = await db.$queryRawUnsafe<{ journal_mode: string }[]>("PRAGMA journal_mode");
    const [foreignKeys] = await db.$queryRawUnsafe<{ foreign_keys: bigint | number }[]>("PRAGMA foreign_keys");
    const [timeout] = await db.$queryRawUnsafe<{ timeout: bigint | number }[]>("PRAGMA busy_timeout");
    const [sync] = await db.$queryRawUnsafe<{ synchronous: bigint | number }[]>("PRAGMA synchronous");
    expect(journal?.journal_mode).toBe("wal");
    expect(Number(foreignKeys?.foreign_keys)).toBe(1);
    expect(Number(timeout?.timeout)).toBe(5000);
    expect(Number(sync?.synchronous)).toBe(2); // FULL
  });
});
