import { afterEach, describe, expect, it, vi } from "vitest";
import { getDashboard } from "#services/dashboard.ts";
import { db } from "#services/db/client.ts";
import { statementsDuring } from "#services/db/statements.ts";
import { createAdmin, createTaskRow, createUser } from "#tests/support/factories.ts";

// A fixed "now" mid-morning UTC; "today" is 2031-03-15.
const now = new Date("2031-03-15T10:00:00.000Z");
const at = (iso: string) => new Date(iso);
const minutesBefore = (minutes: number) => new Date(now.getTime() - minutes * 60_000);

afterEach(() => vi.restoreAllMocks());

describe("getDashboard: counts", () => {
  it("counts tasks per status, and the overdue ones (past due, not done) apart", async () => {
    const me = await createUser();
    await createTaskRow(me, { status: "TODO" });
    await createTaskRow(me, { status: "TODO", dueDate: "2031-03-14" }); // overdue
    await createTaskRow(me, { status: "TODO", dueDate: "2031-03-15" }); // due today: not overdue yet
    await createTaskRow(me, { status: "IN_PROGRESS", dueDate: "2031-01-01" }); // overdue
    await createTaskRow(me, { status: "DONE", dueDate: "2031-01-01" }); // done: never overdue
    await createTaskRow(me, { status: "DONE" });

    const { counts } = await getDashboard(me.actor, { now });

    expect(counts).toEqual({ TODO: 3, IN_PROGRESS: 1, DONE: 2, overdue: 2, total: 6 });
  });

  it("is all zeros and empty lists on an empty workspace", async () => {
    const me = await createUser();

    const dashboard = await getDashboard(me.actor, { now });

    expect(dashboard.counts).toEqual({ TODO: 0, IN_PROGRESS: 0, DONE: 0, overdue: 0, total: 0 });
    expect(dashboard.assignedToMe).toEqual([]);
    expect(dashboard.overdue).toEqual([]);
    expect(dashboard.completedPerDay).toHaveLength(28);
    expect(dashboard.completedPerDay.every((day) => day.count === 0)).toBe(true);
  });
});

describe("getDashboard: assigned to you", () => {
  it("lists the actor's open tasks, newest first, and nobody else's or done ones", async () => {
    const me = await createUser();
    const other = await createUser();
    await createTaskRow(other, { title: "older", assigneeId: me.id, createdAt: minutesBefore(30) });
    await createTaskRow(other, { title: "newer", assigneeId: me.id, status: "IN_PROGRESS", createdAt: minutesBefore(10) });
    await createTaskRow(me, { title: "done", assigneeId: me.id, status: "DONE", createdAt: minutesBefore(5) });
    await createTaskRow(me, { title: "someone else's", assigneeId: other.id, createdAt: minutesBefore(5) });
    await createTaskRow(me, { title: "nobody's", createdAt: minutesBefore(5) });

    const { assignedToMe } = await getDashboard(me.actor, { now });

    expect(assignedToMe.map((task) => task.title)).toEqual(["newer", "older"]);
    expect(assignedToMe[0]).toEqual({
      id: expect.any(String),
      title: "newer",
      status: "IN_PROGRESS",
      assignee: { id: me.id, name: me.name },
      dueDate: null,
      overdue: false,
      createdAt: minutesBefore(10),
    });
  });

  it("shows at most 10, the newest", async () => {
    const me = await createUser();
    for (let i = 0; i < 12; i++) await createTaskRow(me, { title: `task ${i}`, assigneeId: me.id, createdAt: minutesBefore(100 - i) });

    const { assignedToMe } = await getDashboard(me.actor, { now });

    expect(assignedToMe).toHaveLength(10);
    expect(assignedToMe[0]?.title).toBe("task 11");
    expect(assignedToMe[9]?.title).toBe("task 2");
  });
});

describe("getDashboard: overdue", () => {
  it("lists tasks past their due date and not done, the longest overdue first, assigned or not", async () => {
    const me = await createUser();
    await createTaskRow(me, { title: "a week late", dueDate: "2031-03-08", assigneeId: me.id });
    await createTaskRow(me, { title: "a month late", dueDate: "2031-02-15", status: "IN_PROGRESS" });
    await createTaskRow(me, { title: "a day late", dueDate: "2031-03-14" });
    await createTaskRow(me, { title: "due today", dueDate: "2031-03-15" });
    await createTaskRow(me, { title: "late but done", dueDate: "2031-03-01", status: "DONE" });
    await createTaskRow(me, { title: "no due date" });

    const { overdue } = await getDashboard(me.actor, { now });

    expect(overdue.map((task) => [task.title, task.dueDate, task.overdue])).toEqual([
      ["a month late", "2031-02-15", true],
      ["a week late", "2031-03-08", true],
      ["a day late", "2031-03-14", true],
    ]);
    expect(overdue[0]?.assignee).toBeNull();
  });

  it("shows at most 10 while the count has them all", async () => {
    const me = await createUser();
    for (let day = 1; day <= 12; day++) {
      await createTaskRow(me, { title: `due ${day}`, dueDate: `2031-03-${String(day).padStart(2, "0")}` });
    }

    const dashboard = await getDashboard(me.actor, { now });

    expect(dashboard.overdue).toHaveLength(10);
    expect(dashboard.overdue[0]?.title).toBe("due 1");
    expect(dashboard.counts.overdue).toBe(12);
  });
});

describe("getDashboard: completed per day", () => {
  it("has one entry per UTC day for the last 4 weeks, ending today, oldest first", async () => {
    const me = await createUser();

    const { completedPerDay } = await getDashboard(me.actor, { now });

    expect(completedPerDay).toHaveLength(28);
    expect(completedPerDay[0]?.date).toBe("2031-02-16");
    expect(completedPerDay.at(-1)?.date).toBe("2031-03-15");
    const dates = completedPerDay.map((day) => day.date);
    expect(new Set(dates).size).toBe(28);
    expect([...dates].sort()).toEqual(dates);
  });

  it("counts each completion on its UTC day, at the day's edges too", async () => {
    const me = await createUser();
    const done = (completedAt: string) => createTaskRow(me, { status: "DONE", completedAt: at(completedAt) });
    await done("2031-03-15T00:00:00.000Z"); // today, first millisecond
    await done("2031-03-15T09:59:00.000Z");
    await done("2031-03-14T23:59:59.999Z"); // yesterday, last millisecond
    await done("2031-03-01T12:00:00.000Z");
    await done("2031-03-01T13:00:00.000Z");
    await done("2031-03-01T14:00:00.000Z");
    await done("2031-02-16T00:00:00.000Z"); // the window's first day
    await done("2031-02-15T23:59:59.999Z"); // just before the window
    await done("2031-03-16T00:00:00.000Z"); // tomorrow (a clock ahead): not in the chart

    const { completedPerDay } = await getDashboard(me.actor, { now });

    const byDate = Object.fromEntries(completedPerDay.map((day) => [day.date, day.count]));
    expect(byDate["2031-03-15"]).toBe(2);
    expect(byDate["2031-03-14"]).toBe(1);
    expect(byDate["2031-03-01"]).toBe(3);
    expect(byDate["2031-02-16"]).toBe(1);
    expect(byDate["2031-02-15"]).toBeUndefined();
    expect(completedPerDay.reduce((sum, day) => sum + day.count, 0)).toBe(7);
  });

  it("covers as many weeks as asked, within 1 to 52", async () => {
    const me = await createUser();

    expect((await getDashboard(me.actor, { now, weeks: 1 })).completedPerDay.map((day) => day.date)).toEqual([
      "2031-03-09",
      "2031-03-10",
      "2031-03-11",
      "2031-03-12",
      "2031-03-13",
      "2031-03-14",
      "2031-03-15",
    ]);
    expect((await getDashboard(me.actor, { now, weeks: 6 })).completedPerDay).toHaveLength(42);
    expect((await getDashboard(me.actor, { now, weeks: 0 })).completedPerDay).toHaveLength(7);
    expect((await getDashboard(me.actor, { now, weeks: 1000 })).completedPerDay).toHaveLength(52 * 7);
  });
  it("counts by the viewer's days: midnight to midnight in their zone, across a daylight-saving change", async () => {
    const me = await createUser();
    const done = (completedAt: string) => createTaskRow(me, { status: "DONE", completedAt: at(completedAt) });
    // New York moves to daylight time on 9 March 2031 (UTC-5 before, UTC-4 after): a 23-hour day.
    await done("2031-03-09T04:30:00.000Z"); // 8 March, 23:30 in New York: before the week
    await done("2031-03-09T05:00:00.000Z"); // 9 March, 00:00
    await done("2031-03-10T03:59:00.000Z"); // 9 March, 23:59 (daylight time now)
    await done("2031-03-10T04:00:00.000Z"); // 10 March, 00:00
    await done("2031-03-15T03:00:00.000Z"); // 14 March, 23:00: the 15th in UTC
    await done("2031-03-15T04:00:00.000Z"); // 15 March, 00:00
    await done("2031-03-16T03:30:00.000Z"); // 15 March, 23:30: still today there

    const counts = async (timeZone?: string) =>
      Object.fromEntries((await getDashboard(me.actor, { now, weeks: 1, timeZone })).completedPerDay.map((day) => [day.date, day.count]));

    expect(await counts("America/New_York")).toEqual({
      "2031-03-09": 2,
      "2031-03-10": 1,
      "2031-03-11": 0,
      "2031-03-12": 0,
      "2031-03-13": 0,
      "2031-03-14": 1,
      "2031-03-15": 2,
    });
    // The same completions by UTC days (everyone's without a zone).
    expect(await counts()).toEqual({
      "2031-03-09": 2,
      "2031-03-10": 2,
      "2031-03-11": 0,
      "2031-03-12": 0,
      "2031-03-13": 0,
      "2031-03-14": 0,
      "2031-03-15": 2,
    });
    // Tokyo is already on 15 March at 19:00; its week began at 15:00 UTC on 8 March.
    const tokyo = await counts("Asia/Tokyo");
    expect(Object.keys(tokyo)).toEqual(["2031-03-09", "2031-03-10", "2031-03-11", "2031-03-12", "2031-03-13", "2031-03-14", "2031-03-15"]);
    expect(tokyo).toMatchObject({ "2031-03-09": 2, "2031-03-10": 2, "2031-03-15": 2 });
  });

  it("keeps its five statements in any zone", async () => {
    const me = await createUser();
    const inUtc = (await statementsDuring(() => getDashboard(me.actor, { now }))).statements;
    const inSydney = (await statementsDuring(() => getDashboard(me.actor, { now, timeZone: "Australia/Sydney" }))).statements;
    expect(inSydney).toHaveLength(5);
    expect(inSydney.length).toBe(inUtc.length);
  });
});

describe("getDashboard: recent activity", () => {
  it("has the 15 newest entries, newest first", async () => {
    const me = await createAdmin();
    await db.activity.createMany({
      data: Array.from({ length: 20 }, (_, i) => ({
        actorId: me.id,
        action: "task.created",
        subjectType: "task",
        subjectId: `task-${i}`,
        subjectName: `entry ${i}`,
        createdAt: minutesBefore(100 - i),
      })),
    });

    const { activity } = await getDashboard(me.actor, { now });

    expect(activity).toHaveLength(15);
    expect(activity[0]).toMatchObject({ subjectName: "entry 19", actor: { name: me.name } });
    expect(activity[14]?.subjectName).toBe("entry 5");
  });
});

describe("getDashboard: cost", () => {
  it("sends the same few SQL queries for 3 tasks as for 60: nothing per row", async () => {
    const me = await createUser();
    const seed = async (count: number) => {
      for (let i = 0; i < count; i++) {
        await createTaskRow(me, {
          assigneeId: i % 2 ? me.id : null,
          status: i % 3 === 0 ? "DONE" : "TODO",
          completedAt: i % 3 === 0 ? minutesBefore(i * 600) : null,
          dueDate: i % 4 === 0 ? "2031-03-01" : null,
        });
      }
    };

    await seed(3);
    const few = (await statementsDuring(() => getDashboard(me.actor, { now }))).statements;

    await seed(57);
    const many = (await statementsDuring(() => getDashboard(me.actor, { now }))).statements;

    // One statement each: the counts, my tasks, the overdue ones, the completions, the activity.
    expect(few).toHaveLength(5);
    expect(many).toEqual(few);
  });
});
