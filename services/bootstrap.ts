import { randomBytes } from "node:crypto";
import { newId } from "#services/db/ids.ts";
import { db } from "#services/db/client.ts";
import { isUniqueViolation } from "#services/db/errors.ts";
import { NotFoundError, ValidationError } from "./errors.ts";
import { passwordHasher } from "./passwords.ts";
import { emailSchema, passwordSchema } from "./users.ts";
import { parseInput } from "./validation.ts";
import { z } from "zod";

/**
 * Operations for whoever runs the server, from its command line. No HTTP door calls
 * these: they act without a signed-in actor, which is why they live apart from users.ts.
 */

const firstAdminSchema = z.object({ email: emailSchema, password: passwordSchema });

export type SeededAdmin = { id: string; email: string; password: string; generated: boolean };

/**
 * Creates one admin when there are no users at all; returns null when there were some. Several
 * instances may start on one empty database at once: all see no users, one creates the admin,
 * and the others' create of the same email is refused by its unique index, which here means
 * "someone else seeded it": they go on without seeding.
 */
export async function seedFirstAdmin(input: { email?: string; password?: string }): Promise<SeededAdmin | null> {
  if ((await db.user.count()) > 0) return null;
  const generated = !input.password;
  const { email, password } = parseInput(firstAdminSchema, {
    email: input.email ?? "admin@tandem.local",
    password: input.password ?? newPassword(),
  });
  const id = newId();
  const passwordHash = await passwordHasher.hash(password);
  try {
    await db.$transaction([
      db.user.create({ data: { id, email, name: "Admin", role: "ADMIN", passwordHash } }),
      db.activity.create({
        data: { action: "user.created", subjectType: "user", subjectId: id, subjectName: "Admin", details: "{}" },
      }),
    ]);
  } catch (error) {
    if (isUniqueViolation(error)) return null;
    throw error;
  }
  return { id, email, password, generated };
}

/** `npm run admin:reset -- EMAIL`: a new password for an admin who lost theirs; their sessions end. */
export async function resetAdminPassword(rawEmail: string): Promise<string> {
  const email = parseInput(z.object({ email: emailSchema }), { email: rawEmail }).email;
  const user = await db.user.findUnique({ where: { email }, select: { id: true, role: true, name: true } });
  if (!user) throw new NotFoundError(`A user with the email ${email}`);
  if (user.role !== "ADMIN") throw new ValidationError([{ field: "email", message: `${email} is not an admin.` }]);
  const password = newPassword();
  const passwordHash = await passwordHasher.hash(password);
  await db.$transaction([
    db.user.update({ where: { id: user.id }, data: { passwordHash, active: true } }),
    db.session.deleteMany({ where: { userId: user.id } }),
    db.activity.create({
      data: { action: "user.password_set", subjectType: "user", subjectId: user.id, subjectName: user.name, details: '{"by":"admin:reset"}' },
    }),
  ]);
  return password;
}

function newPassword() {
  return randomBytes(18).toString("base64url");
}
