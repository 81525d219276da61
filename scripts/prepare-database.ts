import { execFileSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { databaseDirectory, databaseProvider } from "#services/db/url.ts";

/** Applies pending migrations with Prisma's CLI, then seeds an empty database. */
export async function prepareDatabase() {
  if (databaseProvider() === "sqlite") mkdirSync(databaseDirectory(), { recursive: true });
  try {
    execFileSync("npx", ["prisma", "migrate", "deploy"], { stdio: "pipe" });
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: Buffer; stderr?: Buffer };
    console.error(`Applying migrations failed:\n${stdout ?? ""}${stderr ?? ""}`);
    throw error;
  }
  const { seed } = await import("#prisma/seed.ts");
  await seed();
  const { db } = await import("#services/db/client.ts");
  await db.$disconnect();
}

// `npm start` runs this file on its own, in a child process, before it serves.
if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await prepareDatabase();
