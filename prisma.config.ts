import { mkdirSync } from "node:fs";
import path from "node:path";
import { defineConfig } from "prisma/config";
import { TandemPostgresAdapterFactory } from "./services/db/postgres-adapter.ts";
import { TandemSQLiteAdapterFactory } from "./services/db/sqlite-adapter.ts";
import { databaseDirectory, databaseProvider, databaseUrl } from "./services/db/url.ts";

// Prisma 6.19.3 works offline only with the JS schema engine over a driver adapter
// (docs/decisions/0002-prisma-6-offline.md). DATABASE_URL picks the database and so the schema
// folder, its migrations and its adapter (decision 0015); the app, the CLI and the tests can point
// at other files or servers. `--schema prisma/<provider>` overrides the folder (postinstall
// generates both clients that way).
const provider = databaseProvider();

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", provider),
  migrations: { path: path.join("prisma", provider, "migrations") },
  async adapter() {
    if (provider === "postgres") return new TandemPostgresAdapterFactory(databaseUrl());
    mkdirSync(databaseDirectory(), { recursive: true });
    return new TandemSQLiteAdapterFactory(databaseUrl());
  },
});
