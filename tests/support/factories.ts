import { randomUUID } from "node:crypto";
import { newId } from "#services/db/ids.ts";
import type { Actor, Role } from "#services/actor.ts";
import { db, Prisma } from "#services/db/client.ts";
import { passwordHasher } from "#services/passwords.ts";

export const TEST_PASSWORD = "correct horse battery staple";
let testPasswordHash: Promise<string> | undefined;

type UserOverrides = { role?: Role; name?: string; email?: string; active?: boolean; password?: string };

/** A user straight in the database (no activity), for arranging a test. */
export async function createUser(overrides: UserOverrides = {}) {
  const id = newId();
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

/**
 * Everything a refused call must leave alone: every row of every model Prisma knows (so a new
 * model is covered the day it is added), in a stable order, but for what is counted or made as
 * a side effect rather than written by an action (LEFT_OUT) and a token's last-used time (using a
 * token is not a change to it).
 */
const LEFT_OUT = {
  LoginFailure: "counting a failed attempt is the login throttle's job",
  RateLimit: "counting a request is the rate limiter's job (PostgreSQL)",
  Secret: "made once, on first use, by whichever request needs it",
} satisfies Partial<Record<Prisma.ModelName, string>>;

type Snapshot = Record<Exclude<Prisma.ModelName, keyof typeof LEFT_OUT>, unknown[]>;

/** Keyed by model name (`Task`, `User`, …). */
export async function databaseSnapshot(): Promise<Snapshot> {
  const models = Object.values(Prisma.ModelName).filter((model) => !(model in LEFT_OUT));
  const tables = await Promise.all(
    models.map(async (model) => {
      const delegate = (db as unknown as Record<string, { findMany(args: object): Promise<unknown[]> }>)[model[0]!.toLowerCase() + model.slice(1)]!;
      const omit = model === "ApiToken" ? { lastUsedAt: true } : undefined;
      return [model, await delegate.findMany({ orderBy: { id: "asc" }, omit })] as const;
    }),
  );
  return Object.fromEntries(tables) as Snapshot;
}

/** The activity rows about one subject, oldest first, with their details parsed. */
export async function activityAbout(subjectId: string) {
  const rows = await db.activity.findMany({ where: { subjectId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
  return rows.map((row) => ({ ...row, details: JSON.parse(row.details) as Record<string, unknown> }));
}

type TaskOverrides = {
  title?: string;
  description?: string;
  status?: "TODO" | "IN_PROGRESS" | "DONE";
  assigneeId?: string | null;
  /** YYYY-MM-DD, or null for none. */
  dueDate?: string | null;
  version?: number;
  completedAt?: Date | null;
  createdAt?: Date;
  /** Defaults to the time of the write. */
  updatedAt?: Date;
};

/**
 * A task straight in the database (no activity), for arranging a test: any creation time
 * (several at the same millisecond, for pagination), any due date, any status. Its id is a
 * random UUID, like the rows made before ids were time-ordered (services/db/ids.ts): rows at one
 * millisecond then fall on either side of each other by id, which lists and cursors must handle.
 */
export async function createTaskRow(creator: { id: string }, overrides: TaskOverrides = {}) {
  const id = randomUUID();
  const title = overrides.title ?? `Task ${id.slice(0, 6)}`;
  const description = overrides.description ?? "";
  const status = overrides.status ?? "TODO";
  return db.task.create({
    data: {
      id,
      title,
      description,
      status,
      creatorId: creator.id,
      assigneeId: overrides.assigneeId ?? null,
      dueDate: overrides.dueDate ? new Date(`${overrides.dueDate}T00:00:00.000Z`) : null,
      searchText: `${title}\n${description}`.normalize("NFKC").toLocaleLowerCase("und"),
      version: overrides.version ?? 1,
      completedAt: overrides.completedAt !== undefined ? overrides.completedAt : status === "DONE" ? new Date() : null,
      createdAt: overrides.createdAt ?? new Date(),
      ...(overrides.updatedAt ? { updatedAt: overrides.updatedAt } : {}),
    },
  });
}
