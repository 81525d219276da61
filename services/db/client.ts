import type { SqlDriverAdapter } from "@prisma/driver-adapter-utils";
import { PrismaClient } from "../../prisma/generated/client.ts";
import { databaseUrl, TandemSQLiteAdapterFactory } from "./sqlite-adapter.ts";

export type Database = PrismaClient;

function createDatabase() {
  const adapter = new TandemSQLiteAdapterFactory(databaseUrl());
  const client = new PrismaClient({
    adapter,
    // Transactions queue for the one SQLite connection (see sqlite-adapter.ts); under load a
    // short wait is better than failing, so allow longer than Prisma's 2 s default.
    transactionOptions: { maxWait: 10_000, timeout: 10_000 },
  });
  return { client, adapter };
}

// One client per process. The dev server re-imports modules on every change; keeping
// the client on globalThis stops each reload from opening another connection.
const globalForDb = globalThis as unknown as { tandemDb?: ReturnType<typeof createDatabase> };
const database = (globalForDb.tandemDb ??= createDatabase());
export const db: PrismaClient = database.client;

/**
 * The driver adapter Prisma Client is connected through (connecting it first if need be), for the
 * hot reads that skip the client (services/db/sql.ts). It is the same connection and the same
 * lock, so those reads queue behind a transaction exactly as the client's own queries do.
 */
export async function connectedAdapter(): Promise<SqlDriverAdapter> {
  if (!database.adapter.current) await db.$connect();
  const adapter = database.adapter.current;
  if (!adapter) throw new Error("Prisma Client connected without opening the driver adapter");
  return adapter;
}
