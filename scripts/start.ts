import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { prepareDatabase } from "./prepare-database.ts";

/**
 * `npm start`: build when there is no build or the sources changed since the last one,
 * migrate and seed the database, then serve the production build (server/index.ts).
 */
const SOURCES = ["app", "services", "prisma/schema.prisma", "vite.config.ts", "package-lock.json"];
const STAMP = "build/.source-hash";

function sourceHash() {
  const hash = createHash("sha256");
  const visit = (entry: string) => {
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
const built = existsSync("build/server/index.js") && existsSync(STAMP) ? readFileSync(STAMP, "utf8") : null;
if (built !== current) {
  console.log(built ? "Sources changed since the last build; building…" : "No build yet; building…");
  // Always a production build, even when the caller's NODE_ENV says otherwise (a test runner sets
  // "test", and Vite would then build with import.meta.env.DEV on).
  execFileSync("npx", ["remix", "vite:build"], {
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, NODE_ENV: "production" },
  });
  writeFileSync(STAMP, current);
}

await prepareDatabase();

const { startServer } = await import("../server/index.ts");
await startServer();
