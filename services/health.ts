import { db } from "./db/client.ts";

/** True when the database answers a trivial query (and accepts no write: health is read-only). */
export async function databaseAnswers(): Promise<boolean> {
  try {
    await db.$queryRaw`SELECT 1`;
    return true;
  } catch {
    return false;
  }
}
