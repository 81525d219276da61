import { resetAdminPassword } from "#services/bootstrap.ts";
import { DomainError, ValidationError } from "#services/errors.ts";

/** `npm run admin:reset -- EMAIL`: prints a new password for that admin. */
const email = process.argv[2];
if (!email) {
  console.error("Usage: npm run admin:reset -- EMAIL");
  process.exit(2);
}
try {
  const password = await resetAdminPassword(email);
  console.log(`New password for ${email.trim().toLowerCase()}: ${password}`);
  console.log("Their sessions were ended; sign in with it and change it in Settings.");
} catch (error) {
  if (!(error instanceof DomainError)) throw error;
  const detail = error instanceof ValidationError ? error.issues.map((issue) => issue.message).join(" ") : error.message;
  console.error(detail);
  process.exit(1);
}
