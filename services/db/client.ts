import { PrismaClient } from "../../prisma/generated/client.ts";
import { databaseUrl, TandemSQLiteAdapterFactory } from "./sqlite-adapter.ts";

export type Database = PrismaClient;

function createDatabase() {
  return new PrismaClient({
    adapter: new TandemSQLiteAdapterFactory(databaseUrl()),
    // Transactions queue for the one SQLite connection (see sqlite-adapter.ts); under load a
    // short wait is better than failing, so allow longer than Prisma's 2 s default.
    transactionOptions: { maxWait: 10_000, timeout: 10_000 },
  });
}

// One client per process. The dev server re-imports modules on every change; keeping
// the client on globalThis stops each reload from opening another connection.
const globalForDb = globalThis as unknown as { tandemDb?: PrismaClient };
export const db: PrismaClient = (globalForDb.tandemDb ??= createDatabase());
