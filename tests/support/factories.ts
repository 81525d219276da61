import { createId } from "@paralleldrive/cuid2";
import type { Actor, Role } from "../../services/actor.ts";
import { db } from "../../services/db/client.ts";
import { passwordHasher } from "../../services/passwords.ts";

export const TEST_PASSWORD = "correct horse battery staple";
let testPasswordHash: Promise<string> | undefined;

type UserOverrides = { role?: Role; name?: string; email?: string; active?: boolean; password?: string };

/** A user straight in the database (no activity), for arranging a test. */
export async function createUser(overrides: UserOverrides = {}) {
  const id = createId();
  const passwordHash = overrides.password
    ? await passwordHasher.hash(overrides.password)
    : await (testPasswordHash ??= passwordHasher.hash(TEST_PASSWORD));
  const user = await db.user.create({
    data: {
      id,
      email: overrides.email ?? `user-${id}@example.com`,
      name: overrides.name ?? `User ${id.slice(0, 6)}`,
      role: overrides.role ?? "MEMBER",
      active: overrides.active ?? true,
      passwordHash,
    },
  });
  const actor: Actor = { id: user.id, role: user.role, name: user.name, email: user.email };
  return { ...user, actor, password: overrides.password ?? TEST_PASSWORD };
}

export const createAdmin = (overrides: UserOverrides = {}) => createUser({ ...overrides, role: "ADMIN" });

/** Everything a refused call must leave alone: every user row, every session, every activity. */
export async function databaseSnapshot() {
  const [users, sessions, activities] = await Promise.all([
    db.user.findMany({ orderBy: { id: "asc" } }),
    db.session.findMany({ orderBy: { id: "asc" } }),
    db.activity.findMany({ orderBy: { id: "asc" } }),
  ]);
  return { users, sessions, activities };
}

/** The activity rows about one subject, oldest first, with their details parsed. */
export async function activityAbout(subjectId: string) {
  const rows = await db.activity.findMany({ where: { subjectId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
  return rows.map((row) => ({ ...row, details: JSON.parse(row.details) as Record<string, unknown> }));
}
