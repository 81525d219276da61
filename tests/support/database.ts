import { copyFileSync, existsSync } from "node:fs";
import path from "node:path";
import { beforeEach } from "vitest";

// Before anything imports services/db/client.ts: point this worker at its own copy of
// the migrated template, so workers never share a database.
const dir = process.env.TANDEM_TEST_DIR!;
const workerDb = path.join(dir, `worker-${process.env.VITEST_POOL_ID ?? "0"}.db`);
if (!existsSync(workerDb)) copyFileSync(path.join(dir, "template.db"), workerDb);
process.env.DATABASE_URL = `file:${workerDb}`;

const { db } = await import("../../services/db/client.ts");
const { Prisma } = await import("../../prisma/generated/client.ts");

/** Every test starts from empty tables; foreign keys are off while they are emptied. */
beforeEach(async () => {
  await db.$executeRawUnsafe("PRAGMA foreign_keys = OFF");
  for (const model of Object.values(Prisma.ModelName)) {
    await db.$executeRawUnsafe(`DELETE FROM "${model}"`);
  }
  await db.$executeRawUnsafe("PRAGMA foreign_keys = ON");
});
