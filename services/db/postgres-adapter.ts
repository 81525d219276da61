import { PrismaPg } from "@prisma/adapter-pg";
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import pg from "pg";
import { parse } from "pg-connection-string";
import { reportStatement } from "./statements.ts";
import { endingOnFailedCommit } from "./transactions.ts";

/**
 * How Tandem reaches PostgreSQL (app, CLI, tests): Prisma's stock `pg` adapter, with three mends
 * that Prisma 6.19.3 needs to run its whole workflow offline (docs/prisma.md), and the pool
 * settings that keep a dead or exhausted database from hanging a request. Remove each mend when
 * Prisma fixes what it names.
 */
export class TandemPostgresAdapterFactory implements SqlMigrationAwareDriverAdapterFactory {
  readonly provider = "postgres" as const;
  readonly adapterName = "@prisma/adapter-pg";
  /** The adapter Prisma Client opened and has not closed, for reads that skip the client (services/db/sql.ts). */
  current: SqlDriverAdapter | null = null;
  /** Its pool, for what shares the database without going through Prisma (the API's rate limit). */
  pool: pg.Pool | null = null;
  readonly #config: pg.PoolConfig;

  constructor(databaseUrl: string) {
    this.#config = poolConfig(databaseUrl);
  }

  async connect(): Promise<SqlDriverAdapter> {
    const pool = new pg.Pool(this.#config);
    const adapter = instrumented(await new PrismaPg(pool, { disposeExternalPool: true }).connect());
    const dispose = adapter.dispose.bind(adapter);
    adapter.dispose = () => {
      if (this.current === adapter) [this.current, this.pool] = [null, null];
      return dispose();
    };
    [this.current, this.pool] = [adapter, pool];
    return adapter;
  }

  /**
   * Mends 2 and 3, both in adapter-pg 6.19.3's `connectToShadowDb` (measured in docs/prisma.md).
   * The stock step spreads `{ ...config, database }` over a config that holds a connection string,
   * which wins, so `migrate dev` replayed the migrations into the main database; here the config
   * has separate fields, so the shadow database really is another one. And the stock step drops the
   * shadow database while its own pool still holds connections to it, which PostgreSQL refuses,
   * leaving one behind per run; here the pool ends first. The role needs CREATEDB.
   */
  async connectToShadowDb(): Promise<SqlDriverAdapter> {
    const main = await new PrismaPg(this.#config).connect();
    const database = `prisma_migrate_shadow_db_${crypto.randomUUID()}`;
    await main.executeScript(`CREATE DATABASE "${database}"`);
    const shadow = await new PrismaPg({ ...this.#config, database }).connect();
    const dispose = shadow.dispose.bind(shadow);
    shadow.dispose = async () => {
      await dispose();
      await main.executeScript(`DROP DATABASE IF EXISTS "${database}"`);
      await main.dispose();
    };
    return shadow;
  }
}

/**
 * The pool's settings, from the URL's parts rather than the URL itself (see connectToShadowDb).
 * - connectionTimeoutMillis: a request that cannot get a connection (the database is down, or
 *   every connection is busy) fails after 5 s with an error the doors answer as 503, instead of
 *   waiting forever.
 * - allowExitOnIdle: idle connections do not keep a CLI process (migrate, seed) alive.
 * Mend 1 (prisma/orm#27403, open): the schema engine reads PostgreSQL's catalogue, whose system
 * column types (`name`, `"char"`, `regclass`, …) the adapter cannot map, so every command that
 * reads the database failed with "Column type 'name' could not be deserialized". Such columns are
 * reported as text, which their values already are.
 */
function poolConfig(databaseUrl: string): pg.PoolConfig {
  const { host, port, user, password, database, ssl, options, application_name } = parse(databaseUrl);
  return {
    host: host ?? undefined,
    port: port ? Number(port) : undefined,
    user,
    password,
    database: database ?? undefined,
    ssl: ssl as pg.PoolConfig["ssl"],
    options,
    application_name: application_name ?? "tandem",
    max: Number(process.env.DATABASE_POOL_SIZE ?? 10),
    connectionTimeoutMillis: 5_000,
    allowExitOnIdle: true,
    ...reportingSystemTypesAsText(),
  };
}

// PostgreSQL's own types that only its catalogue uses (pg_type OIDs), all handed over as text by pg:
// name, "char", int2 and oid vectors, regproc and the reg* aliases, pg_node_tree, aclitem.
const SYSTEM_TYPES = new Set([18, 19, 22, 24, 30, 194, 1033, 2202, 2203, 2204, 2205, 2206, 3734, 3769, 4089, 4096]);
const TEXT = 25;

/** Mend 1: every connection the pool opens relabels system-typed columns as text in its results. */
function reportingSystemTypesAsText(): Partial<pg.PoolConfig> {
  const relabel = (result: unknown) => {
    for (const field of (result as Partial<pg.QueryResult> | undefined)?.fields ?? []) {
      if (SYSTEM_TYPES.has(field.dataTypeID)) field.dataTypeID = TEXT;
    }
  };
  class RelabellingClient extends pg.Client {
    // pg calls this with a callback (the pool does) or without (then it answers a promise).
    override query(...args: unknown[]): never {
      const last = args.at(-1);
      if (typeof last === "function") {
        args[args.length - 1] = (error: unknown, result: unknown) => {
          if (result) relabel(result);
          return (last as (error: unknown, result: unknown) => void)(error, result);
        };
      }
      const answer = (super.query as (...a: unknown[]) => unknown)(...args);
      if (answer instanceof Promise) return answer.then((result) => (relabel(result), result)) as never;
      return answer as never;
    }
  }
  return { Client: RelabellingClient as unknown as typeof pg.Client };
}

/**
 * Prisma's statements and transactions over the pool, each statement reported (the query budgets
 * count them on PostgreSQL too), and a failed COMMIT still handing its connection back.
 */
function instrumented(adapter: SqlDriverAdapter): SqlDriverAdapter {
  const { queryRaw, executeRaw, startTransaction } = adapter;
  adapter.queryRaw = (query) => {
    reportStatement(query.sql);
    return queryRaw.call(adapter, query);
  };
  adapter.executeRaw = (query) => {
    reportStatement(query.sql);
    return executeRaw.call(adapter, query);
  };
  adapter.startTransaction = async (isolationLevel) => {
    reportStatement("BEGIN");
    return endingOnFailedCommit(await startTransaction.call(adapter, isolationLevel), () => {});
  };
  return adapter;
}
