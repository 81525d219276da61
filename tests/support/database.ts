import { copyFileSync, existsSync } from "node:fs";
import path from "node:path";
import { beforeEach } from "vitest";
import { onServer, withDatabase } from "#scripts/throwaway-postgres.ts";

// Before anything imports services/db/client.ts: point this worker at its own copy of the
// migrated template, so workers never share a database.
const worker = process.env.VITEST_POOL_ID ?? "0";
const postgres = process.env.TANDEM_TEST_PROVIDER === "postgres";

if (postgres) {
  const server = process.env.TANDEM_TEST_POSTGRES_URL!;
  const template = process.env.TANDEM_TEST_TEMPLATE!;
  const database = `${template}_w${worker}`;
  await onServer(server, async (admin) => {
    // Copying a template needs it to be unused, so workers make their copies one at a time.
    await admin.query("SELECT pg_advisory_lock(4242)");
    const { rowCount } = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
    if (rowCount === 0) await admin.query(`CREATE DATABASE "${database}" TEMPLATE "${template}"`);
    await admin.query("SELECT pg_advisory_unlock(4242)");
  });
  process.env.DATABASE_URL = withDatabase(server, database);
} else {
  const dir = process.env.TANDEM_TEST_DIR!;
  const workerDb = path.join(dir, `worker-${worker}.db`);
  if (!existsSync(workerDb)) copyFileSync(path.join(dir, "template.db"), workerDb);
  process.env.DATABASE_URL = `file:${workerDb}`;
}

const { db, Prisma } = await import("#services/db/client.ts");
const tables = Object.values(Prisma.ModelName).map((model) => `"${model}"`);

/** Every test starts from empty tables. */
beforeEach(async () => {
  if (postgres) {
    await db.$executeRawUnsafe(`TRUNCATE ${tables.join(", ")} CASCADE`);
    return;
  }
  // SQLite has no TRUNCATE; foreign keys are off while the tables are emptied.
  await db.$executeRawUnsafe("PRAGMA foreign_keys = OFF");
  for (const table of tables) await db.$executeRawUnsafe(`DELETE FROM ${table}`);
  await db.$executeRawUnsafe("PRAGMA foreign_keys = ON");
});
