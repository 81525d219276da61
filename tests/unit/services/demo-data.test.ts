import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { seed, wantsDemoData } from "#prisma/seed.ts";
import { verifyLogin } from "#services/auth.ts";
import { getDashboard } from "#services/dashboard.ts";
import { db } from "#services/db/client.ts";
import { statementsDuring } from "#services/db/statements.ts";
import { DEMO_DAYS, DEMO_TASK_COUNT, generateDemoData, mulberry32, seedDemoData } from "#services/demo-data.ts";
import { listTasks, searchable } from "#services/tasks.ts";
import { createAdmin, createUser } from "#tests/support/factories.ts";

const now = new Date("2031-03-15T10:00:00.000Z");
const DAY = 86_400_000;
const windowStart = new Date(now.getTime() - DEMO_DAYS * DAY);

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});

describe("mulberry32", () => {
  it("gives the same numbers in [0, 1) for the same seed, others for another", () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const first = Array.from({ length: 100 }, a);
    expect(Array.from({ length: 100 }, b)).toEqual(first);
    expect(first.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(new Set(first).size).toBe(100);
    expect(mulberry32(43)()).not.toBe(first[0]);
  });
});

describe("generateDemoData", () => {
  it("is reproducible: the same seed, time and admin give the same rows, ids included", () => {
    const one = generateDemoData({ now, adminId: "admin-1" });
    const two = generateDemoData({ now, adminId: "admin-1" });
    expect(two).toEqual(one);
    expect(generateDemoData({ now, adminId: "admin-1", seed: 7 }).tasks.map((task) => task.title)).not.toEqual(
      one.tasks.map((task) => task.title),
    );
  });

  it("keeps its rules for any seed and time: in the window, DONE exactly when completed, changes in order", () => {
    for (let seed = 1; seed <= 12; seed++) {
      const at = new Date(now.getTime() + seed * 7_777_777); // other times of day and weekdays too
      const { tasks, activities } = generateDemoData({ now: at, adminId: "admin-1", seed });
      const timesOf = new Map<string, number[]>();
      for (const entry of activities) timesOf.set(entry.subjectId, [...(timesOf.get(entry.subjectId) ?? []), entry.createdAt.getTime()]);
      for (const task of tasks) {
        expect(task.createdAt.getTime()).toBeGreaterThanOrEqual(at.getTime() - DEMO_DAYS * DAY);
        expect(task.createdAt.getTime()).toBeLessThan(at.getTime());
        expect(task.completedAt !== null).toBe(task.status === "DONE");
        const times = timesOf.get(task.id)!;
        expect(times[0]).toBe(task.createdAt.getTime());
        times.slice(1).forEach((time, i) => expect(time).toBeGreaterThan(times[i]!));
        expect(times.at(-1)).toBeLessThan(at.getTime());
      }
    }
  });

  it("makes unique ids across users, tasks and activity", () => {
    const { users, tasks, activities } = generateDemoData({ now, adminId: "admin-1" });
    const ids = [...users, ...tasks, ...activities].map((row) => row.id);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe("seedDemoData", () => {
  async function seeded() {
    const admin = await createAdmin({ name: "Admin" });
    const summary = await seedDemoData(admin, { now });
    const tasks = await db.task.findMany({ orderBy: { createdAt: "asc" } });
    return { admin, summary, tasks };
  }

  it("adds a few demo members with random passwords, and a few hundred tasks", async () => {
    const { summary } = await seeded();

    expect(summary).toMatchObject({ users: 6, tasks: DEMO_TASK_COUNT });
    expect(await db.task.count()).toBe(DEMO_TASK_COUNT);
    expect(await db.activity.count()).toBe(summary.activities);
    const people = await db.user.findMany({ where: { email: { endsWith: "@demo.tandem.local" } } });
    expect(people).toHaveLength(6);
    for (const person of people) {
      expect(person).toMatchObject({ role: "MEMBER", active: true });
      expect(person.name).toMatch(/^Demo \S/);
      expect(person.passwordHash).toMatch(/^\$argon2id\$/);
    }
    expect(new Set(people.map((person) => person.passwordHash)).size).toBe(6);
    // The passwords are not derived from anything public: the seed's name is not one.
    await expect(verifyLogin({ email: people[0]!.email, password: "20261124" })).rejects.toThrow();
  });

  it("spreads tasks over the last six weeks, every week used, none in the future", async () => {
    const { tasks } = await seeded();

    for (const task of tasks) {
      expect(task.createdAt.getTime()).toBeGreaterThanOrEqual(windowStart.getTime());
      expect(task.createdAt.getTime()).toBeLessThanOrEqual(now.getTime());
      expect(task.updatedAt.getTime()).toBeGreaterThanOrEqual(task.createdAt.getTime());
      expect(task.updatedAt.getTime()).toBeLessThanOrEqual(now.getTime());
    }
    const perWeek = new Array(6).fill(0);
    for (const task of tasks) perWeek[Math.min(5, Math.floor((now.getTime() - task.createdAt.getTime()) / (7 * DAY)))]++;
    expect(perWeek.every((count) => count >= 20)).toBe(true);
  });

  it("gives every DONE task a completion time after its creation, and no other task one", async () => {
    const { tasks } = await seeded();

    const byStatus = (status: string) => tasks.filter((task) => task.status === status);
    expect(byStatus("DONE").length).toBeGreaterThan(50);
    expect(byStatus("IN_PROGRESS").length).toBeGreaterThan(10);
    expect(byStatus("TODO").length).toBeGreaterThan(10);
    for (const task of tasks) {
      if (task.status === "DONE") {
        expect(task.completedAt).toBeInstanceOf(Date);
        expect(task.completedAt!.getTime()).toBeGreaterThan(task.createdAt.getTime());
        expect(task.completedAt!.getTime()).toBeLessThanOrEqual(now.getTime());
      } else {
        expect(task.completedAt).toBeNull();
      }
    }
  });

  it("stores searchText exactly as the task service makes it, so search finds demo tasks", async () => {
    const { admin, tasks } = await seeded();

    for (const task of tasks) expect(task.searchText).toBe(searchable(`${task.title}\n${task.description}`));
    expect(tasks.filter((task) => /[^\x00-\x7f]/.test(task.title)).length).toBeGreaterThanOrEqual(5);
    // Full-width letters are folded (NFKC), so an ASCII query finds them.
    const found = await listTasks(admin.actor, { q: "fullwidth api" }, { now });
    expect(found.items.map((task) => task.title)).toContain("Ｆｕｌｌｗｉｄｔｈ ＡＰＩ key labels");
    expect((await listTasks(admin.actor, { q: "ÜBERSETZUNG" }, { now })).items).toHaveLength(1);
  });

  it("leaves some tasks unassigned, some overdue, and some open ones with the admin", async () => {
    const { admin, tasks } = await seeded();

    expect(tasks.filter((task) => task.assigneeId === null).length).toBeGreaterThanOrEqual(10);
    expect(tasks.filter((task) => task.dueDate === null).length).toBeGreaterThanOrEqual(10);
    const dashboard = await getDashboard(admin.actor, { now });
    expect(dashboard.counts.overdue).toBeGreaterThanOrEqual(5);
    expect(dashboard.assignedToMe.length).toBeGreaterThanOrEqual(3);
    expect(dashboard.completedPerDay.reduce((sum, day) => sum + day.count, 0)).toBeGreaterThan(50);
    expect(dashboard.activity).toHaveLength(15);
  });

  it("records each task's creation and status changes as activity, matching its version and completion", async () => {
    const { tasks } = await seeded();
    const activity = await db.activity.findMany({ where: { subjectType: "task" }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
    const about = new Map<string, typeof activity>();
    for (const entry of activity) about.set(entry.subjectId, [...(about.get(entry.subjectId) ?? []), entry]);

    for (const task of tasks) {
      const entries = about.get(task.id) ?? [];
      expect(entries[0]).toMatchObject({ action: "task.created", actorId: task.creatorId, subjectName: task.title, createdAt: task.createdAt });
      const changes = entries.slice(1);
      expect(changes.every((entry) => entry.action === "task.status_changed")).toBe(true);
      expect(task.version).toBe(1 + changes.length);
      const last = changes.at(-1);
      if (task.status === "TODO") expect(changes).toHaveLength(0);
      else expect(JSON.parse(last!.details)).toMatchObject({ status: { to: task.status } });
      if (task.status === "DONE") expect(last!.createdAt).toEqual(task.completedAt);
    }
    expect(await db.activity.count({ where: { action: "user.created", subjectType: "user" } })).toBe(6);
  });

  it("writes everything in one transaction of a few INSERT statements, not one per row", async () => {
    const admin = await createAdmin();
    const { result: summary, statements } = await statementsDuring(() => seedDemoData(admin, { now }));

    // One transaction, and nothing outside it.
    expect(statements[0]).toBe("BEGIN");
    expect(statements.at(-1)).toBe("COMMIT");
    // Prisma splits each createMany into multi-row INSERTs (of up to 999 values on SQLite).
    const inserts = statements.filter((sql) => sql.startsWith("INSERT INTO"));
    expect(statements.filter((sql) => !sql.startsWith("INSERT INTO"))).toEqual(["BEGIN", "COMMIT"]);
    const rows = summary.tasks + summary.activities + summary.users;
    expect(rows).toBeGreaterThan(900);
    expect(inserts.length).toBeLessThanOrEqual(Math.ceil(rows / 50));
  });
});

describe("the seed (npm start on a fresh database)", () => {
  beforeEach(() => {
    vi.spyOn(console, "log").mockImplementation(() => {});
    vi.stubEnv("ADMIN_EMAIL", "first@example.com");
    vi.stubEnv("ADMIN_PASSWORD", "the first admin's password");
  });

  const printed = () => vi.mocked(console.log).mock.calls.map((call) => call.join(" ")).join("\n");

  it("seeds the first admin and the demo workspace, and says so", async () => {
    await seed();

    expect(await db.user.count()).toBe(7);
    expect(await db.task.count()).toBe(DEMO_TASK_COUNT);
    expect(printed()).toContain(`Seeded demo data: 6 users, ${DEMO_TASK_COUNT} tasks. Start with TANDEM_DEMO=0 for an empty workspace.`);
  });

  it("seeds only the admin with TANDEM_DEMO=0", async () => {
    vi.stubEnv("TANDEM_DEMO", "0");

    await seed();

    expect(await db.user.count()).toBe(1);
    expect(await db.task.count()).toBe(0);
    expect(printed()).not.toContain("demo");
  });

  it("adds nothing to a database that already has people", async () => {
    await createUser();

    await seed();

    expect(await db.user.count()).toBe(1);
    expect(await db.task.count()).toBe(0);
  });

  it("reads TANDEM_DEMO as off for 0, false, no, off, and on otherwise", () => {
    expect(["0", "false", "No", " off "].map(wantsDemoData)).toEqual([false, false, false, false]);
    expect([undefined, "", "1", "true", "yes"].map(wantsDemoData)).toEqual([true, true, true, true, true]);
  });
});
