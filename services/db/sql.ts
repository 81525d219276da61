import { type ArgType, ColumnTypeEnum, type ColumnType, type SqlDriverAdapter, type SqlQuery } from "@prisma/driver-adapter-utils";
import { connectedAdapter, Prisma } from "./client.ts";
import { typedFault } from "./errors.ts";
import { databaseProvider } from "./url.ts";

/**
 * Runs one read (a `Prisma.sql` template) straight through the driver adapter Prisma Client uses,
 * and returns its rows as objects keyed by column name, like `db.$queryRaw`.
 *
 * Why not `$queryRaw`: for the hot reads (a token or session with its person, a page of tasks) the
 * client's own work around a raw query (serialising the parameters, its query interpreter, the
 * WASM round trip, deserialising the rows) cost several times the statement itself: about 600 µs
 * against 80 µs for a page of 20 tasks (docs/decisions/0014-performance.md). The adapter is the
 * same object the client talks to, behind the same lock, so a read here waits for a transaction
 * in flight exactly as the client's would. Writes stay with the client, which owns transactions.
 *
 * Both adapters Tandem can run on take the same query shape; each turns the arguments into its
 * driver's form from the types given here, and reports each column's type, from which the values
 * are turned into what the services expect (Date, boolean, number).
 */
export async function queryRows<Row>(query: Prisma.Sql): Promise<Row[]> {
  const adapter = await connectedAdapter();
  const result = await adapter.queryRaw(adapterQuery(adapter, query)).catch((error: unknown) => {
    throw typedFault(error); // see withTypedFaults in client.ts
  });
  const { columnNames, columnTypes } = result;
  return result.rows.map((values) => {
    const row: Record<string, unknown> = {};
    for (let i = 0; i < columnNames.length; i++) row[columnNames[i]!] = decode(values[i], columnTypes[i]!);
    return row as Row;
  });
}

/** SUM(CASE …) counts, cast so that PostgreSQL answers an integer rather than a numeric. */
export const countWhere = (condition: Prisma.Sql) => Prisma.sql`CAST(COALESCE(SUM(CASE WHEN ${condition} THEN 1 ELSE 0 END), 0) AS INTEGER)`;

/**
 * Runs write statements in one transaction straight through the adapter, for the hot writes
 * whose statements are all known up front (a task create and its activity): Prisma's batch
 * `$transaction` around them cost about as much as the SQL itself. Returns each statement's
 * count of changed rows. Anything that fails rolls the whole transaction back.
 *
 * The adapters' protocol: `startTransaction` opens it (BEGIN), the caller sends COMMIT or ROLLBACK
 * as SQL, then `commit()` / `rollback()` hands the connection back (services/db/sqlite-adapter.ts
 * also ends the transaction itself when COMMIT fails).
 */
export function writeInTransaction(statements: Prisma.Sql[]): Promise<number[]> {
  return writeInAdapterTransaction(statements).catch((error: unknown) => {
    throw typedFault(error); // see withTypedFaults in client.ts
  });
}

async function writeInAdapterTransaction(statements: Prisma.Sql[]): Promise<number[]> {
  const adapter = await connectedAdapter();
  const tx = await adapter.startTransaction();
  let counts: number[];
  try {
    counts = [];
    for (const statement of statements) counts.push(await tx.executeRaw(adapterQuery(adapter, statement)));
  } catch (error) {
    await tx.executeRaw(bare("ROLLBACK")).catch(() => {}); // the driver may have rolled back already
    await tx.rollback();
    throw error;
  }
  await tx.executeRaw(bare("COMMIT"));
  await tx.commit();
  return counts;
}

/**
 * Appended to a SELECT inside a transaction, locks the rows it reads until the transaction ends,
 * so that a rule over several rows (at least one active admin) holds against concurrent
 * transactions. PostgreSQL needs it: under READ COMMITTED two transactions each see the other's
 * row as it was and both go ahead. SQLite has no row locks and needs none: one writer at a time.
 */
export function forUpdate(): Prisma.Sql {
  return databaseProvider() === "postgres" ? Prisma.sql` FOR UPDATE` : Prisma.empty;
}

function adapterQuery(adapter: SqlDriverAdapter, query: Prisma.Sql): SqlQuery {
  return {
    sql: adapter.provider === "postgres" ? query.text : query.sql,
    args: query.values,
    argTypes: query.values.map(argTypeOf),
  };
}

const bare = (sql: string): SqlQuery => ({ sql, args: [], argTypes: [] });

function argTypeOf(value: unknown): ArgType {
  return { scalarType: scalarTypeOf(value), arity: "scalar" };
}

function scalarTypeOf(value: unknown): ArgType["scalarType"] {
  if (value instanceof Date) return "datetime";
  switch (typeof value) {
    case "string":
      return "string";
    case "boolean":
      return "boolean";
    case "bigint":
      return "bigint";
    case "number":
      return Number.isInteger(value) ? "int" : "float";
    default:
      return "unknown";
  }
}

/** A value as the adapter reports it, in the type the services work with. */
function decode(value: unknown, type: ColumnType): unknown {
  if (value === null || value === undefined) return null;
  switch (type) {
    case ColumnTypeEnum.DateTime:
    case ColumnTypeEnum.Date:
      return new Date(value as string);
    case ColumnTypeEnum.Boolean:
      return value === true || value === 1 || value === "1" || value === "true";
    case ColumnTypeEnum.Int32:
    case ColumnTypeEnum.Int64:
    case ColumnTypeEnum.Numeric:
    case ColumnTypeEnum.UnknownNumber:
      // Adapters hand 64-bit integers over as text (SQLite reads every integer that way here):
      // versions, counts and sums, all far below 2^53.
      return Number(value);
    default:
      return value;
  }
}
