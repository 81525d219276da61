import { describe, expect, it } from "vitest";
import { listActivity } from "#services/activity.ts";
import { db } from "#services/db/client.ts";
import { createUser as createUserService, updateUser } from "#services/users.ts";
import { createAdmin, createUser } from "#tests/support/factories.ts";

const start = new Date("2031-03-01T09:00:00.000Z");
const minutesLater = (minutes: number) => new Date(start.getTime() + minutes * 60_000);
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** `count` entries by `actorId`, one a minute from `start`, named "entry 0", "entry 1", ... */
async function recordEntries(count: number, actorId: string | null) {
  await db.activity.createMany({
    data: Array.from({ length: count }, (_, i) => ({
      actorId,
      action: "task.created",
      subjectType: "task",
      subjectId: `task-${i}`,
      subjectName: `entry ${i}`,
      createdAt: minutesLater(i),
    })),
  });
}

describe("listActivity", () => {
  it("returns the newest entries first, each with who did it", async () => {
    const admin = await createAdmin({ name: "Ada Admin" });
    const member = await createUser({ name: "Max Member" });
    const record = (actorId: string, subjectName: string, minutes: number) =>
      db.activity.create({
        data: {
          actorId,
          action: "task.created",
          subjectType: "task",
          subjectId: "t1",
          subjectName,
          createdAt: minutesLater(minutes),
        },
      });
    await record(member.id, "older", 1);
    await record(admin.id, "newer", 2);
    await record(admin.id, "oldest", 0);

    const entries = await listActivity(member.actor);

    expect(entries.map((entry) => entry.subjectName)).toEqual(["newer", "older", "oldest"]);
    expect(entries.map((entry) => entry.actor?.name)).toEqual(["Ada Admin", "Max Member", "Ada Admin"]);
    expect(entries[0]).toEqual({
      id: expect.any(String),
      action: "task.created",
      subjectType: "task",
      subjectId: "t1",
      subjectName: "newer",
      details: {},
      createdAt: minutesLater(2),
      actor: { id: admin.id, name: "Ada Admin" },
      // No task t1 exists: the entry names it without a page to link to.
      subjectExists: false,
      sentence: [
        { type: "person", id: admin.id, name: "Ada Admin" },
        { type: "text", text: " created " },
        { type: "task", id: "t1", name: "newer", exists: false },
      ],
    });
  });

  it("shows what the user services recorded, newest first, with details as an object", async () => {
    const admin = await createAdmin({ name: "Ada Admin" });
    const created = await createUserService(admin.actor, {
      email: "ann@example.com",
      name: "Ann",
      password: "twelve chars or more",
    });
    await pause(5);
    await updateUser(admin.actor, created.id, { name: "Ann Example" });

    const entries = await listActivity(admin.actor);

    expect(entries).toMatchObject([
      {
        action: "user.renamed",
        subjectId: created.id,
        details: { from: "Ann", to: "Ann Example" },
        actor: { name: "Ada Admin" },
      },
      {
        action: "user.created",
        subjectId: created.id,
        details: { email: "ann@example.com", role: "MEMBER" },
        actor: { name: "Ada Admin" },
      },
    ]);
  });

  it("returns 20 entries unless asked for another number", async () => {
    const member = await createUser();
    await recordEntries(25, member.id);

    const entries = await listActivity(member.actor);

    expect(entries).toHaveLength(20);
    expect(entries[0]?.subjectName).toBe("entry 24");
    expect(entries[19]?.subjectName).toBe("entry 5");
  });

  it("respects a smaller limit, keeping the newest", async () => {
    const member = await createUser();
    await recordEntries(10, member.id);

    const entries = await listActivity(member.actor, { limit: 3 });

    expect(entries.map((entry) => entry.subjectName)).toEqual(["entry 9", "entry 8", "entry 7"]);
  });

  it("never returns more than 100 entries, whatever limit is asked for", async () => {
    const member = await createUser();
    await recordEntries(105, member.id);

    expect(await listActivity(member.actor, { limit: 1000 })).toHaveLength(100);
  });

  it("keeps an entry whose actor no longer exists, with no actor", async () => {
    const member = await createUser();
    const gone = await createUser();
    await recordEntries(1, gone.id);
    await db.user.delete({ where: { id: gone.id } });

    const entries = await listActivity(member.actor);

    expect(entries).toHaveLength(1);
    expect(entries[0]?.actor).toBeNull();
    expect(entries[0]?.subjectName).toBe("entry 0");
  });

  it("returns an empty list when nothing has happened yet", async () => {
    const member = await createUser();

    expect(await listActivity(member.actor)).toEqual([]);
  });
});
