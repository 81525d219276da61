import { seedFirstAdmin } from "../services/bootstrap.ts";
import { ValidationError } from "../services/errors.ts";

/** Seeds a fresh database and says what it did. Run by `npm start` and `npm run dev`. */
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
  console.log("");
}
