import { execFileSync } from "node:child_process";
import Database from "better-sqlite3";
import pg from "pg";

/**
 * The benchmark's seeded SQLite template, copied row for row into a PostgreSQL database migrated
 * by Prisma's CLI, so Tandem on PostgreSQL starts from the same data as Tandem on SQLite. Tables
 * are copied parents first (by their foreign keys); values are turned into PostgreSQL's types by
 * the column's type there: SQLite keeps DateTimes as ISO text and booleans as 0/1.
 */
export async function copyTemplateToPostgres(templateFile: string, url: string) {
  execFileSync("npx", ["prisma", "migrate", "deploy"], { env: { ...process.env, DATABASE_URL: url }, stdio: "pipe" });

  const sqlite = new Database(templateFile, { readonly: true });
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const types = await columnTypes(client);
    await client.query("BEGIN");
    for (const table of parentsFirst(sqlite)) {
      const rows = sqlite.prepare(`SELECT * FROM "${table}"`).all() as Record<string, unknown>[];
      const columns = Object.keys(rows[0] ?? {});
      // A few hundred rows per INSERT keeps the parameters well under PostgreSQL's 65,535.
      for (let start = 0; start < rows.length; start += 500) {
        const batch = rows.slice(start, start + 500);
        const values = batch.flatMap((row) => columns.map((column) => toPostgres(row[column], types.get(`${table}.${column}`))));
        const tuples = batch.map((_, r) => `(${columns.map((_, c) => `$${r * columns.length + c + 1}`).join(", ")})`);
        await client.query(`INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(", ")}) VALUES ${tuples.join(", ")}`, values);
      }
    }
    await client.query("COMMIT");
    // What autovacuum would have done by the time a real database holds these rows: the planner's statistics.
    await client.query("ANALYZE");
  } finally {
    await client.end();
    sqlite.close();
  }
}

/** `Table.column` → PostgreSQL's data type, for the tables Prisma's migrations made. */
async function columnTypes(client: pg.Client) {
  const { rows } = await client.query<{ table_name: string; column_name: string; data_type: string }>(
    `SELECT table_name, column_name, data_type FROM information_schema.columns WHERE table_schema = current_schema()`,
  );
  return new Map(rows.map((row) => [`${row.table_name}.${row.column_name}`, row.data_type]));
}

function toPostgres(value: unknown, type: string | undefined) {
  if (value === null || value === undefined) return null;
  if (type?.startsWith("timestamp")) return new Date(String(value));
  if (type === "boolean") return value === 1 || value === true;
  return value;
}

/** The template's tables (not Prisma's bookkeeping), each after every table it refers to. */
function parentsFirst(sqlite: Database.Database): string[] {
  const tables = (sqlite.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_prisma_%'`).all() as { name: string }[]).map(
    (row) => row.name,
  );
  const parents = new Map(
    tables.map((table) => [table, (sqlite.prepare(`PRAGMA foreign_key_list("${table}")`).all() as { table: string }[]).map((key) => key.table).filter((t) => t !== table)]),
  );
  const ordered: string[] = [];
  while (ordered.length < tables.length) {
    const ready = tables.filter((table) => !ordered.includes(table) && parents.get(table)!.every((parent) => ordered.includes(parent)));
    if (ready.length === 0) throw new Error(`the template's foreign keys form a cycle among ${tables.filter((t) => !ordered.includes(t)).join(", ")}`);
    ordered.push(...ready);
  }
  return ordered;
}
