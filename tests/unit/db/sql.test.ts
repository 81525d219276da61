import { describe, expect, it } from "vitest";
import { Prisma } from "#services/db/client.ts";
import { db } from "#services/db/client.ts";
import { isUniqueViolation } from "#services/db/errors.ts";
import { newId } from "#services/db/ids.ts";
import { queryRows, writeInTransaction } from "#services/db/sql.ts";
import { createAdmin, createTaskRow, createUser } from "#tests/support/factories.ts";

const activity = (subjectId: string) => Prisma.sql`
  INSERT INTO "Activity" ("id", "action", "subjectType", "subjectId", "subjectName", "details", "createdAt")
  VALUES (${newId()}, ${"sql.test"}, ${"test"}, ${subjectId}, ${"row"}, ${"{}"}, ${new Date()})`;

describe("queryRows: reads straight through the driver adapter", () => {
  it("answers what $queryRaw answers, in the services' types: Date, boolean, number, null", async () => {
    const admin = await createAdmin({ name: "Ada" });
    await createUser({ name: "Grace", active: false });
    const task = await createTaskRow(admin, { title: "Typed", dueDate: "2026-03-04" });
    const query = Prisma.sql`
      SELECT t."id", t."version", t."dueDate", t."completedAt", t."createdAt", u."active", u."name"
      FROM "Task" t JOIN "User" u ON u."id" = t."creatorId" WHERE t."id" = ${task.id}`;

    const [row] = await queryRows<Record<string, unknown>>(query);
    const [viaClient] = await db.$queryRaw<Record<string, unknown>[]>(query);

    expect(row).toEqual(viaClient);
    expect(row).toEqual({
      id: task.id,
      version: 1,
      dueDate: new Date("2026-03-04T00:00:00.000Z"),
      completedAt: null,
      createdAt: expect.any(Date),
      active: true,
      name: "Ada",
    });
    const people = await queryRows<{ name: string; active: boolean }>(Prisma.sql`SELECT u."name", u."active" FROM "User" u ORDER BY u."name"`);
    expect(people).toEqual([
      { name: "Ada", active: true },
      { name: "Grace", active: false },
    ]);
  });

  it("binds dates, booleans and numbers as the client does, and answers counts as numbers", async () => {
    const admin = await createAdmin({ name: "Ada" });
    await createTaskRow(admin, { title: "Old", dueDate: "2020-01-01" });
    await createTaskRow(admin, { title: "New", dueDate: "2030-01-01" });

    const [counts] = await queryRows<{ due: number; active: number; all: number }>(Prisma.sql`
      SELECT CAST(COALESCE(SUM(CASE WHEN t."dueDate" < ${new Date("2025-01-01")} THEN 1 ELSE 0 END), 0) AS INTEGER) AS "due",
             (SELECT COUNT(*) FROM "User" u WHERE u."active" = ${true}) AS "active",
             COUNT(*) AS "all"
      FROM "Task" t WHERE t."version" >= ${1}`);

    expect(counts).toEqual({ due: 1, active: 1, all: 2 });
  });
});

describe("writeInTransaction: writes straight through the driver adapter", () => {
  it("commits every statement together and answers each one's count of changed rows", async () => {
    const admin = await createAdmin({ name: "Ada" });
    const task = await createTaskRow(admin, { title: "Before" });

    const counts = await writeInTransaction([
      activity("together"),
      Prisma.sql`UPDATE "Task" SET "title" = ${"After"} WHERE "id" = ${task.id}`,
      Prisma.sql`UPDATE "Task" SET "title" = ${"Nobody"} WHERE "id" = ${"no such task"}`,
    ]);

    expect(counts).toEqual([1, 1, 0]);
    expect(await db.activity.count({ where: { subjectId: "together" } })).toBe(1);
    expect((await db.task.findUniqueOrThrow({ where: { id: task.id } })).title).toBe("After");
  });

  it("keeps nothing when a later statement fails, reports a unique violation as one, and frees the connection", async () => {
    const admin = await createAdmin({ name: "Ada" });
    const task = await createTaskRow(admin, { title: "Kept" });
    const duplicate = Prisma.sql`
      INSERT INTO "Task" ("id", "title", "description", "status", "creatorId", "searchText", "version", "createdAt", "updatedAt")
      VALUES (${task.id}, ${"Twin"}, ${""}, ${"TODO"}, ${admin.id}, ${"twin"}, ${1}, ${new Date()}, ${new Date()})`;

    const failure = await writeInTransaction([activity("rolled back"), duplicate]).catch((error: unknown) => error);

    expect(isUniqueViolation(failure)).toBe(true);
    expect(await db.activity.count({ where: { subjectId: "rolled back" } })).toBe(0);
    expect(await db.task.count()).toBe(1);
    // The connection is free again: the next transaction and the next read go through at once.
    await expect(writeInTransaction([activity("after")])).resolves.toEqual([1]);
    expect(await queryRows(Prisma.sql`SELECT 1 AS "one"`)).toEqual([{ one: 1 }]);
  });

  it("shares the client's connection lock: a client transaction that rolls back takes nothing of it along", async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const clientTransaction = db.$transaction(async (tx) => {
      await tx.activity.create({ data: { action: "sql.test", subjectType: "test", subjectId: "client", subjectName: "row" } });
      await held;
      throw new Error("roll back");
    });
    const direct = writeInTransaction([activity("direct")]);
    release();

    await expect(clientTransaction).rejects.toThrow("roll back");
    await expect(direct).resolves.toEqual([1]);
    expect(await db.activity.findMany({ where: { action: "sql.test" }, select: { subjectId: true } })).toEqual([{ subjectId: "direct" }]);
  });
});
