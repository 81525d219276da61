import { seedFirstAdmin } from "#services/bootstrap.ts";
import { seedDemoData } from "#services/demo-data.ts";
import { ValidationError } from "#services/errors.ts";

/**
 * Seeds a fresh database and says what it did. Run by `npm start` and `npm run dev`.
 * Only a database without users is seeded: the first admin, then (unless TANDEM_DEMO=0)
 * demo people and tasks, so a first look at Tandem is not an empty page.
 */
export async function seed() {
  let admin;
  try {
    admin = await seedFirstAdmin({ email: process.env.ADMIN_EMAIL, password: process.env.ADMIN_PASSWORD });
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    const problems = error.issues.map((issue) => `  ADMIN_${issue.field.toUpperCase()}: ${issue.message}`);
    console.error(`Cannot seed the first admin:\n${problems.join("\n")}`);
    process.exit(1);
  }
  if (!admin) return;
  console.log("\n  Seeded the first admin. Sign in with:");
  console.log(`    email:    ${admin.email}`);
  console.log(`    password: ${admin.generated ? admin.password : "(the ADMIN_PASSWORD you set)"}`);
  if (admin.generated) console.log(`  This password is shown once. Lost it? npm run admin:reset -- ${admin.email}`);
  if (wantsDemoData(process.env.TANDEM_DEMO)) {
    const demo = await seedDemoData(admin);
    console.log(`\n  Seeded demo data: ${demo.users} users, ${demo.tasks} tasks. Start with TANDEM_DEMO=0 for an empty workspace.`);
  }
  console.log("");
}

/** On unless TANDEM_DEMO is 0 (or false, no, off). */
export function wantsDemoData(value: string | undefined) {
  return !/^(0|false|no|off)$/i.test(value?.trim() ?? "");
}
