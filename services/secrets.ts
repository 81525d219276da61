import { randomBytes } from "node:crypto";
import { Prisma } from "#services/db/client.ts";
import { queryRows, writeInTransaction } from "#services/db/sql.ts";

/**
 * A secret every instance shares, made by whichever needs it first and kept in the database
 * (decision 0016): the first instance's random value is inserted, a concurrent one's insert does
 * nothing, and all read the one that was kept. A secret never changes once made, so each process
 * may keep what it read.
 */
export async function sharedSecret(name: string): Promise<string> {
  await writeInTransaction([
    Prisma.sql`INSERT INTO "Secret" ("name", "value", "createdAt")
               VALUES (${name}, ${randomBytes(32).toString("hex")}, ${new Date()})
               ON CONFLICT ("name") DO NOTHING`,
  ]);
  const [secret] = await queryRows<{ value: string }>(Prisma.sql`SELECT "value" FROM "Secret" WHERE "name" = ${name}`);
  if (!secret) throw new Error(`The shared secret "${name}" was neither made nor found`);
  return secret.value;
}
