import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { copyFileSync, existsSync } from "node:fs";
import path from "node:path";
import { newId } from "#services/db/ids.ts";
import Database from "better-sqlite3";
import { mulberry32 } from "#services/demo-data.ts";
import { passwordHasher } from "#services/passwords.ts";
import { searchable } from "#services/tasks.ts";

/**
 * The seeded database every server starts from: one admin with a known password and API token,
 * five members, 1,200 tasks over the last 60 days with their `task.created` activity. Written
 * with better-sqlite3 in one transaction (through Prisma it would take far longer), in exactly
 * the column formats Prisma's better-sqlite3 adapter writes, so every server reads it as its own.
 */
export const ADMIN = { email: "bench@tandem.local", password: "bench password, not a secret" };
/** A bearer secret in Tandem's format (`tdm_` + base64url); known, so every server accepts it. */
export const TOKEN_SECRET = "tdm_benchmarkTokenNotASecret0123456789abcdefghijk";
export const TASK_COUNT = 1_200;
const MEMBER_COUNT = 5;
const DAYS = 60;
const DAY_MS = 86_400_000;

/** How @prisma/adapter-better-sqlite3 6.19 stores a DateTime (its mapArg): ISO 8601, `+00:00` for `Z`. */
const stored = (date: Date) => date.toISOString().replace("Z", "+00:00");
const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");
const midnightUtc = (ms: number) => new Date(Math.floor(ms / DAY_MS) * DAY_MS);

const VERBS = ["Fix", "Review", "Update", "Document", "Plan", "Investigate", "Ship", "Draft"];
const THINGS = ["the login redirect", "the CSV import", "the invoice PDF", "search paging", "the weekly report", "the webhook retries"];
const NOTES = ["Reported by two customers this week.", "Check with design first.", "Steps to reproduce are in the support thread.", ""];

/**
 * Builds template.db in `dir` (migrated by Prisma's CLI, then filled). Returns its path and
 * the id of one seeded task (version 1) for the read-with-ETag endpoint.
 */
export async function createTemplate(dir: string, now = new Date()): Promise<{ file: string; taskId: string }> {
  const file = path.join(dir, "template.db");
  execFileSync("npx", ["prisma", "migrate", "deploy"], {
    env: { ...process.env, DATABASE_URL: `file:${file}` },
    stdio: "pipe",
  });

  const passwordHash = await passwordHasher.hash(ADMIN.password);
  const random = mulberry32(20_261_202); // the same data on every run
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
  const longAgo = stored(new Date(now.getTime() - (DAYS + 1) * DAY_MS));

  const db = new Database(file);
  const insertUser = db.prepare(
    `INSERT INTO "User" (id, email, name, role, passwordHash, active, version, createdAt, updatedAt) VALUES (?, ?, ?, ?, ?, 1, 1, ?, ?)`,
  );
  const insertTask = db.prepare(
    `INSERT INTO "Task" (id, title, description, status, assigneeId, creatorId, dueDate, searchText, version, completedAt, createdAt, updatedAt)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?)`,
  );
  const insertActivity = db.prepare(
    `INSERT INTO "Activity" (id, actorId, action, subjectType, subjectId, subjectName, details, createdAt) VALUES (?, ?, 'task.created', 'task', ?, ?, '{}', ?)`,
  );
  const insertToken = db.prepare(
    `INSERT INTO "ApiToken" (id, userId, name, prefix, secretHash, scopes, createdAt) VALUES (?, ?, 'bench', ?, ?, 'read write', ?)`,
  );

  let taskId = "";
  db.transaction(() => {
    const adminId = newId();
    insertUser.run(adminId, ADMIN.email, "Bench Admin", "ADMIN", passwordHash, longAgo, longAgo);
    const people = [adminId];
    for (let i = 1; i <= MEMBER_COUNT; i++) {
      const id = newId();
      // Nobody signs in as a member; the admin's hash stands in, so the fixture hashes once.
      insertUser.run(id, `member${i}@tandem.local`, `Bench Member ${i}`, "MEMBER", passwordHash, longAgo, longAgo);
      people.push(id);
    }

    for (let i = 0; i < TASK_COUNT; i++) {
      const created = new Date(now.getTime() - random() * DAYS * DAY_MS);
      const roll = random();
      const status = roll < 0.4 ? "TODO" : roll < 0.65 ? "IN_PROGRESS" : "DONE";
      const assigneeId = random() < 0.7 ? pick(people) : null;
      // Due one to three weeks after creation: older open tasks are overdue, newer ones not yet.
      const due = random() < 0.5 ? midnightUtc(created.getTime() + (1 + Math.floor(random() * 21)) * DAY_MS) : null;
      const completed = status === "DONE" ? new Date(Math.min(now.getTime(), created.getTime() + random() * 10 * DAY_MS)) : null;
      const title = `${pick(VERBS)} ${pick(THINGS)} #${i + 1}`;
      const description = pick(NOTES);
      const creatorId = pick(people);
      const id = newId();
      insertTask.run(
        id,
        title,
        description,
        status,
        assigneeId,
        creatorId,
        due ? stored(due) : null,
        searchable(`${title}\n${description}`),
        completed ? stored(completed) : null,
        stored(created),
        stored(completed ?? created),
      );
      insertActivity.run(newId(), creatorId, id, title, stored(created));
      taskId ||= id;
    }

    insertToken.run(newId(), adminId, TOKEN_SECRET.slice(0, 10), sha256(TOKEN_SECRET), stored(now));
  })();
  db.close(); // the last connection to close checkpoints the WAL and deletes it
  if (existsSync(`${file}-wal`)) throw new Error(`${file}-wal is still there after closing`);
  return { file, taskId };
}

/** A fresh copy of the template per server: same bytes, so every server starts from the same state. */
export function copyDatabase(template: string, file: string) {
  copyFileSync(template, file);
  return file;
}
