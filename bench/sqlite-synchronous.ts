/**
 * What `PRAGMA synchronous = FULL` costs against NORMAL, for the writes Tandem makes:
 * sequential single-row inserts through Prisma (each its own commit), on a fresh migrated
 * file per mode, in one run. Prints a ratio against NORMAL as the baseline.
 * Run: npm run bench
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { PrismaClient } from "#prisma/generated/sqlite/client.ts";
import { TandemSQLiteAdapterFactory } from "#services/db/sqlite-adapter.ts";

const WRITES = Number(process.env.BENCH_WRITES ?? 1000);
const dir = mkdtempSync(path.join(tmpdir(), "tandem-bench-"));

async function measure(mode: "NORMAL" | "FULL") {
  const url = `file:${path.join(dir, `${mode}.db`)}`;
  execFileSync("npx", ["prisma", "migrate", "deploy"], { env: { ...process.env, DATABASE_URL: url }, stdio: "ignore" });
  process.env.SQLITE_SYNCHRONOUS = mode;
  const db = new PrismaClient({ adapter: new TandemSQLiteAdapterFactory(url) });
  await db.activity.count(); // connect outside the timing
  const started = process.hrtime.bigint();
  for (let i = 0; i < WRITES; i++) {
    await db.activity.create({ data: { action: "bench", subjectType: "bench", subjectId: String(i), subjectName: "bench" } });
  }
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  await db.$disconnect();
  return ms;
}

try {
  // Alternate the order across two rounds so neither mode always runs on a warmer machine.
  const results = { NORMAL: [] as number[], FULL: [] as number[] };
  for (const mode of ["NORMAL", "FULL", "FULL", "NORMAL"] as const) results[mode].push(await measure(mode));
  const best = (list: number[]) => Math.min(...list);
  const normal = best(results.NORMAL);
  const full = best(results.FULL);
  console.log(`${WRITES} sequential committed inserts through Prisma (best of 2 per mode):`);
  console.log(`  synchronous=NORMAL  ${normal.toFixed(0)} ms  (${((normal * 1000) / WRITES).toFixed(0)} µs/write)  baseline`);
  console.log(`  synchronous=FULL    ${full.toFixed(0)} ms  (${((full * 1000) / WRITES).toFixed(0)} µs/write)  ${(full / normal).toFixed(2)}x`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
