/** Prisma's code for a unique index refusing a write (P2002), whatever the driver. */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && "code" in error && error.code === "P2002";
}
