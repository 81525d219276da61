import { Prisma } from "#services/db/client.ts";
import { queryRows } from "#services/db/sql.ts";

/** True when the database answers a trivial query (and accepts no write: health is read-only). */
export async function databaseAnswers(): Promise<boolean> {
  try {
    await queryRows(Prisma.sql`SELECT 1`);
    return true;
  } catch {
    return false;
  }
}
