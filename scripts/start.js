// `npm start`: build when there is no build or the sources changed since the last one, migrate
// and seed the database, then serve the compiled production server in this process.
//
// Plain JavaScript on purpose, and nothing heavy imported: this process becomes the server, so
// it must not carry a TypeScript loader or the seed's own Prisma client for its whole life (the
// build and the database step run in child processes that exit). See
// docs/decisions/0014-performance.md.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

const SOURCES = ["app", "server", "services", "prisma/models.prisma", "prisma/sqlite/schema.prisma", "prisma/postgres/schema.prisma", "vite.config.ts", "package-lock.json"];
const STAMP = "build/.source-hash";
const SERVER = "build/server/main.js";

function sourceHash() {
  const hash = createHash("sha256");
  const visit = (entry) => {
    if (!existsSync(entry)) return;
    if (statSync(entry).isDirectory()) {
      for (const child of readdirSync(entry).sort()) visit(path.join(entry, child));
    } else {
      hash.update(entry).update(readFileSync(entry));
    }
  };
  SOURCES.forEach(visit);
  return hash.digest("hex");
}

const current = sourceHash();
const built = existsSync(SERVER) && existsSync(STAMP) ? readFileSync(STAMP, "utf8") : null;
if (built !== current) {
  console.log(built ? "Sources changed since the last build; building…" : "No build yet; building…");
  // Always a production build, even when the caller's NODE_ENV says otherwise (a test runner sets
  // "test", and Vite would then build with import.meta.env.DEV on).
  execFileSync("npm", ["run", "build"], { stdio: ["ignore", "ignore", "inherit"], env: { ...process.env, NODE_ENV: "production" } });
  writeFileSync(STAMP, current);
}

// Migrations and the first seed (which prints the seeded login) run in a child that exits.
execFileSync("npx", ["tsx", "scripts/prepare-database.ts"], { stdio: "inherit" });
// `npm run cluster` builds and prepares once this way, then starts its instances itself.
if (process.argv.includes("--prepare-only")) process.exit(0);

process.env.NODE_ENV ??= "production";
const { startServer } = await import(pathToFileURL(path.resolve(SERVER)).href);
await startServer();
