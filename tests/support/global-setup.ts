import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";

/**
 * Migrates one SQLite file once per run; each worker copies it (tests/support/database.ts).
 * Each run gets its own folder, so two runs at once (a watcher and a full run) never share files.
 */
export default function migrateTemplateDatabase() {
  const dir = path.resolve("tests/.tmp", `unit-${process.pid}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  execFileSync("npx", ["prisma", "migrate", "deploy"], {
    env: { ...process.env, DATABASE_URL: `file:${path.join(dir, "template.db")}` },
    stdio: "pipe",
  });
  // Workers are started after this and inherit the variable.
  process.env.TANDEM_TEST_DIR = dir;
  return () => rmSync(dir, { recursive: true, force: true });
}
