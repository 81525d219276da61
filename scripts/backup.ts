import { backupDatabase } from "#services/db/backup.ts";

/** `npm run backup -- FILE`: a consistent copy of the live database (it may keep running). */
const target = process.argv[2];
if (!target) {
  console.error("Usage: npm run backup -- FILE");
  process.exit(2);
}
try {
  const report = await backupDatabase(target);
  if (report.integrity !== "ok") {
    console.error(`The copy failed its integrity check: ${report.integrity}`);
    process.exit(1);
  }
  console.log(`Backed up ${report.pages} pages to ${report.file} (integrity check: ok).`);
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
