import { mkdirSync } from "node:fs";
import path from "node:path";
import { defineConfig } from "prisma/config";
import { databaseDirectory, databaseUrl, TandemSQLiteAdapterFactory } from "./services/db/sqlite-adapter.ts";

// Prisma 6.19.3 works offline only with the JS schema engine over a driver adapter
// (docs/decisions/0002-prisma-6-offline.md). The adapter's URL comes from DATABASE_URL,
// so the app, the CLI and the tests can point at other files.
export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", "schema.prisma"),
  migrations: { path: path.join("prisma", "migrations") },
  async adapter() {
    mkdirSync(databaseDirectory(), { recursive: true });
    return new TandemSQLiteAdapterFactory(databaseUrl());
  },
});
