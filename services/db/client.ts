import { PrismaClient } from "../../prisma/generated/client.ts";
import { databaseUrl, TandemSQLiteAdapterFactory } from "./sqlite-adapter.ts";

export type Database = PrismaClient;

function createDatabase() {
  return new PrismaClient({ adapter: new TandemSQLiteAdapterFactory(databaseUrl()) });
}

// One client per process. The dev server re-imports modules on every change; keeping
// the client on globalThis stops each reload from opening another connection.
const globalForDb = globalThis as unknown as { tandemDb?: PrismaClient };
export const db: PrismaClient = (globalForDb.tandemDb ??= createDatabase());
