import { execFileSync } from "node:child_process";
import { databaseProvider, databaseUrl } from "#services/db/url.ts";
import { onServer, throwawayPostgres, withDatabase } from "./throwaway-postgres.ts";

/**
 * The models are written once (prisma/models.prisma) and each database has its own migrations
 * (decision 0015), so both commands here work on both:
 *
 *   tsx scripts/db-migrations.ts drift           exit 1 when either migrations folder disagrees with the models
 *   tsx scripts/db-migrations.ts new --name x    writes the next migration for each database
 *
 * SQLite works on DATABASE_URL's file (or the default one); PostgreSQL on TEST_POSTGRES_URL, or a
 * throwaway server (scripts/throwaway-postgres.ts) that is gone afterwards.
 */
const [command, ...rest] = process.argv.slice(2);
if (command !== "drift" && command !== "new") {
  console.error("Usage: tsx scripts/db-migrations.ts drift | new --name what_changed");
  process.exit(2);
}

const prisma = (args: string[], env: Record<string, string>) =>
  execFileSync("npx", ["prisma", ...args], { stdio: "inherit", env: { ...process.env, ...env } });

const sqliteUrl = databaseProvider() === "sqlite" ? databaseUrl() : "file:./data/tandem.db";
const postgres = await throwawayPostgres();
let failed = false;
try {
  for (const provider of ["sqlite", "postgres"] as const) {
    const env = { DATABASE_URL: provider === "postgres" ? withDatabase(postgres.url, "tandem_migrations") : sqliteUrl };
    if (provider === "postgres") await createDatabase(postgres.url, "tandem_migrations");
    console.log(`\n${provider}:`);
    try {
      if (command === "drift") {
        const folder = `prisma/${provider}`;
        prisma(["migrate", "diff", "--from-migrations", `${folder}/migrations`, "--to-schema-datamodel", folder, "--exit-code"], env);
      } else {
        // `migrate deploy` first: Prisma 6.19's JS engine cannot run `migrate dev` on a database
        // without a migrations table (decision 0002).
        prisma(["migrate", "deploy"], env);
        prisma(["migrate", "dev", ...rest], env);
      }
    } catch {
      failed = true;
      console.error(command === "drift" ? `${provider}: the migrations and prisma/models.prisma disagree (run npm run db:migrate -- --name …)` : `${provider}: failed`);
    }
  }
} finally {
  if (!process.env.TEST_POSTGRES_URL) postgres.stop();
}
process.exit(failed ? 1 : 0);

async function createDatabase(serverUrl: string, name: string) {
  await onServer(serverUrl, async (admin) => {
    const { rowCount } = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (rowCount === 0) await admin.query(`CREATE DATABASE "${name}"`);
  });
}
