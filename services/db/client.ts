import type { SqlDriverAdapter } from "@prisma/driver-adapter-utils";
import type pg from "pg";
import { PrismaClient as PostgresPrismaClient } from "#prisma/generated/postgres/client.ts";
import { Prisma, PrismaClient } from "#prisma/generated/sqlite/client.ts";
import { typedFault } from "./errors.ts";
import { TandemPostgresAdapterFactory } from "./postgres-adapter.ts";
import { TandemSQLiteAdapterFactory } from "./sqlite-adapter.ts";
import { databaseProvider, databaseUrl } from "./url.ts";

/**
 * The services are written and typed once, against the SQLite client: both clients are generated
 * from the same models (prisma/models.prisma), so their model APIs match, and `Prisma.sql` is the
 * same template tag in both (decision 0015).
 */
export { Prisma };
export type Database = PrismaClient;

// Transactions may queue (for the one SQLite connection, see sqlite-adapter.ts; for a free pool
// connection on PostgreSQL); under load a short wait is better than failing, so allow longer than
// Prisma's 2 s default.
const transactionOptions = { maxWait: 10_000, timeout: 10_000 };

function createDatabase() {
  const url = databaseUrl();
  if (databaseProvider(url) === "postgres") {
    const adapter = new TandemPostgresAdapterFactory(url);
    // The PostgreSQL client's types differ only in provider details (its isolation levels).
    const client = new PostgresPrismaClient({ adapter, transactionOptions }) as unknown as PrismaClient;
    return { client, adapter };
  }
  const adapter = new TandemSQLiteAdapterFactory(url);
  return { client: new PrismaClient({ adapter, transactionOptions }), adapter };
}

// One client per process. The dev server re-imports modules on every change; keeping
// the client on globalThis stops each reload from opening another connection.
const globalForDb = globalThis as unknown as { tandemDb?: ReturnType<typeof createDatabase> };
const database = (globalForDb.tandemDb ??= createDatabase());
export const db: PrismaClient = withTypedFaults(database.client);

/**
 * Services throw only the domain's errors: a database that cannot work right now leaves this
 * folder as ServiceUnavailableError (503 with Retry-After at both doors, decision 0016), never as
 * a driver's or Prisma's error that each door would have to recognise. Every operation of the
 * client (models and raw queries, inside transactions too) goes through the query extension;
 * `$transaction` itself is wrapped for what fails around the operations (a transaction that
 * cannot start, a COMMIT that fails). Any other error passes as it is.
 */
function withTypedFaults(client: PrismaClient): PrismaClient {
  const extended = client.$extends({
    query: {
      async $allOperations({ args, query }) {
        try {
          return await query(args);
        } catch (error) {
          throw typedFault(error);
        }
      },
    },
  });
  return new Proxy(extended, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (property !== "$transaction" && property !== "$connect") return value;
      return (...args: unknown[]) =>
        (value as (...a: unknown[]) => Promise<unknown>).apply(target, args).catch((error: unknown) => {
          throw typedFault(error);
        });
    },
  }) as unknown as PrismaClient;
}

/**
 * The driver adapter Prisma Client is connected through (connecting it first if need be), for the
 * hot reads that skip the client (services/db/sql.ts). It is the same connection (SQLite) or pool
 * (PostgreSQL), behind the same lock on SQLite, so those reads queue behind a transaction exactly
 * as the client's own queries do.
 */
export async function connectedAdapter(): Promise<SqlDriverAdapter> {
  if (!database.adapter.current) await db.$connect();
  const adapter = database.adapter.current;
  if (!adapter) throw new Error("Prisma Client connected without opening the driver adapter");
  return adapter;
}

/** PostgreSQL's connection pool (connecting first if need be), or null on SQLite. */
export async function postgresPool(): Promise<pg.Pool | null> {
  if (!(database.adapter instanceof TandemPostgresAdapterFactory)) return null;
  await connectedAdapter();
  return database.adapter.pool;
}
