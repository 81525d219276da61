import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { onServer, throwawayPostgres, withDatabase } from "#scripts/throwaway-postgres.ts";

/**
 * Migrates one template database once per run; each worker gets its own copy
 * (tests/support/database.ts). TANDEM_TEST_PROVIDER picks the database the run is for (the
 * `server` and `server-postgres` projects of vitest.config.ts): a SQLite file in the run's own
 * folder, or a template database on a throwaway PostgreSQL (scripts/throwaway-postgres.ts).
 */
export default async function migrateTemplateDatabase(project: TestProject) {
  return project.config.env?.TANDEM_TEST_PROVIDER === "postgres" ? postgresTemplate() : sqliteTemplate();
}

function sqliteTemplate() {
  // Each run gets its own folder, so two runs at once (a watcher and a full run) never share files.
  const dir = path.resolve("tests/.tmp", `unit-${process.pid}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  migrate(`file:${path.join(dir, "template.db")}`);
  // Workers are started after this and inherit the variable.
  process.env.TANDEM_TEST_DIR = dir;
  return () => rmSync(dir, { recursive: true, force: true });
}

async function postgresTemplate() {
  const server = await throwawayPostgres();
  const template = `tandem_test_${process.pid}`;
  await onServer(server.url, (admin) => admin.query(`CREATE DATABASE "${template}"`));
  migrate(withDatabase(server.url, template));
  process.env.TANDEM_TEST_POSTGRES_URL = server.url;
  process.env.TANDEM_TEST_TEMPLATE = template;
  return async () => {
    // On a server of its own everything goes with it; on a given one, only this run's databases.
    await onServer(server.url, async (admin) => {
      const { rows } = await admin.query<{ datname: string }>("SELECT datname FROM pg_database WHERE datname LIKE $1", [`${template}%`]);
      for (const { datname } of rows) await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    }).catch(() => {});
    server.stop();
  };
}

function migrate(databaseUrl: string) {
  execFileSync("npx", ["prisma", "migrate", "deploy"], { env: { ...process.env, DATABASE_URL: databaseUrl }, stdio: "pipe" });
}
