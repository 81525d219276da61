import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import type {
  SqlDriverAdapter,
  SqlMigrationAwareDriverAdapterFactory,
  SqlQuery,
  Transaction,
} from "@prisma/driver-adapter-utils";
import { Mutex } from "async-mutex";
import type BetterSqlite3 from "better-sqlite3";
import { reportStatement } from "./statements.ts";
import { endingOnFailedCommit } from "./transactions.ts";

/**
 * How SQLite is opened everywhere (app, CLI, tests). Why each setting:
 * - WAL lets readers work while a write commits.
 * - busy_timeout waits for another process's lock (the CLI, a backup) instead of failing.
 * - foreign_keys is off by default in SQLite; the schema relies on it.
 * - synchronous: see docs/decisions/0004-sqlite-synchronous-mode.md.
 */
export function sqlitePragmas(synchronous = process.env.SQLITE_SYNCHRONOUS ?? "FULL") {
  if (!/^(OFF|NORMAL|FULL|EXTRA)$/i.test(synchronous)) {
    throw new Error(`SQLITE_SYNCHRONOUS must be OFF, NORMAL, FULL or EXTRA, not "${synchronous}"`);
  }
  return [
    "PRAGMA journal_mode = WAL",
    "PRAGMA busy_timeout = 5000",
    "PRAGMA foreign_keys = ON",
    `PRAGMA synchronous = ${synchronous.toUpperCase()}`,
  ].join(";\n");
}

/**
 * The better-sqlite3 adapter runs every query on one connection, and only transactions
 * take its lock. While an interactive transaction is open, a plain query from another
 * request would run *inside* it and vanish if it rolls back, after being acknowledged
 * (measured in docs/prisma.md). This wrapper makes every top-level query wait while
 * a transaction holds the connection, so acknowledged writes are never lost.
 */
export class SerializedAdapter implements SqlDriverAdapter {
  readonly provider: SqlDriverAdapter["provider"];
  readonly adapterName: string;
  readonly #inner: SqlDriverAdapter;
  readonly #lock = new Mutex();
  readonly #onDispose: () => void;

  constructor(inner: SqlDriverAdapter, onDispose: () => void = () => {}) {
    this.#inner = inner;
    this.#onDispose = onDispose;
    this.provider = inner.provider;
    this.adapterName = inner.adapterName;
  }

  queryRaw(query: SqlQuery) {
    reportStatement(query.sql);
    return this.#lock.runExclusive(() => this.#inner.queryRaw(query));
  }

  executeRaw(query: SqlQuery) {
    reportStatement(query.sql);
    return this.#lock.runExclusive(() => this.#inner.executeRaw(query));
  }

  executeScript(script: string) {
    return this.#lock.runExclusive(() => this.#inner.executeScript(script));
  }

  async startTransaction(isolationLevel?: Parameters<SqlDriverAdapter["startTransaction"]>[0]) {
    const release = await this.#lock.acquire();
    let tx: Transaction;
    try {
      reportStatement("BEGIN");
      tx = await this.#inner.startTransaction(isolationLevel);
    } catch (error) {
      release();
      throw error;
    }
    return endingOnFailedCommit(tx, release);
  }

  getConnectionInfo() {
    return this.#inner.getConnectionInfo?.() ?? { supportsRelationJoins: false };
  }

  dispose() {
    this.#onDispose();
    return this.#inner.dispose();
  }
}

/** The factory Prisma Client and the Prisma CLI both use. */
export class TandemSQLiteAdapterFactory implements SqlMigrationAwareDriverAdapterFactory {
  readonly provider = "sqlite" as const;
  readonly adapterName: string;
  readonly #inner: PrismaBetterSQLite3;
  /** The connection Prisma Client opened and has not closed, for reads that skip the client (services/db/sql.ts). */
  current: SqlDriverAdapter | null = null;

  constructor(databaseUrl: string) {
    this.#inner = new PrismaBetterSQLite3({ url: databaseUrl });
    this.adapterName = this.#inner.adapterName;
  }

  async connect(): Promise<SqlDriverAdapter> {
    const adapter = await this.#inner.connect();
    await adapter.executeScript(sqlitePragmas());
    const { client } = adapter as SqlDriverAdapter & { client?: BetterSqlite3.Database };
    if (client) reusePreparedStatements(client);
    const serialized: SqlDriverAdapter = new SerializedAdapter(adapter, () => {
      if (this.current === serialized) this.current = null;
    });
    this.current = serialized;
    return serialized;
  }

  /**
   * Works around a Prisma 6.19.3 bug: `migrate dev` and `migrate diff --from-migrations`
   * replay migrations into the shadow database through `executeRaw`, which better-sqlite3
   * limits to one statement, so any real migration fails with P3006. Argument-less SQL is
   * handed to `executeScript`, which runs several statements. Remove once Prisma fixes it.
   */
  async connectToShadowDb(): Promise<SqlDriverAdapter> {
    const shadow = await this.#inner.connectToShadowDb();
    const executeRaw = shadow.executeRaw.bind(shadow);
    shadow.executeRaw = async (query) => {
      if (query.args.length > 0) return executeRaw(query);
      await shadow.executeScript(query.sql);
      return 0;
    };
    return shadow;
  }
}

/**
 * The stock adapter prepares every statement again for every query (`client.prepare(sql)`), which
 * was about 5% of the server's time under API load, while Prisma sends the same few SQL texts over
 * and over. Here `prepare` hands out statements compiled once per SQL text (at most
 * STATEMENT_CACHE_SIZE, least recently used dropped first). better-sqlite3 cannot bind a statement
 * twice, so the adapter's `prepare(sql).bind(args)` gets a view that keeps this call's arguments
 * and passes them to `run()` / `all()`; the adapter runs each statement to completion at once
 * (better-sqlite3 is synchronous), so two calls never share one in flight. SQLite recompiles a
 * cached statement by itself when a migration changes the schema. Remove if the adapter caches.
 */
const STATEMENT_CACHE_SIZE = 500;

export function reusePreparedStatements(client: BetterSqlite3.Database) {
  const prepare = client.prepare.bind(client);
  const cache = new Map<string, BetterSqlite3.Statement>();
  const compiled = (sql: string) => {
    let statement = cache.get(sql);
    if (statement) {
      cache.delete(sql); // re-inserted below: the Map's order is the recency order
    } else {
      statement = prepare(sql);
      if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value!);
    }
    cache.set(sql, statement);
    return statement;
  };
  const withArguments = (statement: BetterSqlite3.Statement, args: unknown[]) => ({
    reader: statement.reader,
    columns: () => statement.columns(),
    raw: () => ({ all: () => statement.raw(true).all(args) }),
    run: () => statement.run(args),
  });
  client.prepare = ((sql: string) => {
    const statement = compiled(sql);
    return {
      reader: statement.reader,
      columns: () => statement.columns(),
      bind: (args: unknown[]) => withArguments(statement, args),
      run: () => statement.run(),
    };
  }) as unknown as typeof client.prepare;
}
