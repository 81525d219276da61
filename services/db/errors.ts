import { ServiceUnavailableError } from "../errors.ts";

/**
 * A unique index refusing a write: Prisma's P2002 whatever the driver, or the adapter's own error
 * for a write that skipped the client (services/db/sql.ts).
 */
export function isUniqueViolation(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  const { code, cause } = error as { code?: unknown; cause?: { kind?: unknown } };
  return code === "P2002" || cause?.kind === "UniqueConstraintViolation";
}

// SQLite result codes that say "not now" rather than "wrong request": a read-only or full
// database, an I/O error, a lock held past busy_timeout, a file that cannot be opened.
const UNAVAILABLE = /^SQLITE_(READONLY|FULL|IOERR|BUSY|LOCKED|CANTOPEN|NOMEM|PROTOCOL)/;

/**
 * The one place that recognises a database that cannot work right now, however it arrives:
 * better-sqlite3's SqliteError as is (a failed COMMIT), Prisma's known-request error carrying the
 * SQLite code (`SQLITE_IOERR_WRITE`) or wrapping the driver's error (SQLITE_BUSY becomes P1008,
 * "Operations timed out"), the adapter's own error for a read that skipped the client
 * (services/db/sql.ts; its `cause` carries the SQLite code), or Prisma's P2028 for a transaction that could not start or finish in
 * time because the connection stayed busy. Returns the domain error to throw instead, or null.
 */
export function databaseUnavailable(error: unknown): ServiceUnavailableError | null {
  if (error instanceof ServiceUnavailableError) return error;
  if (typeof error !== "object" || error === null) return null;
  const { code, meta, cause } = error as {
    code?: unknown;
    meta?: { driverAdapterError?: { cause?: { originalCode?: unknown } } };
    cause?: { originalCode?: unknown };
  };
  const original = meta?.driverAdapterError?.cause?.originalCode;
  const codes = [code, original, cause?.originalCode].filter((value): value is string => typeof value === "string");
  if (codes.some((value) => UNAVAILABLE.test(value) || value === "P1008" || value === "P2028")) {
    return new ServiceUnavailableError(codes.some((value) => /BUSY|LOCKED|P1008|P2028/.test(value)) ? 2 : 5);
  }
  return null;
}

/**
 * Bookkeeping beside a read (a token's last-used time, a session's sliding expiry) must not turn
 * the read into an error while the database refuses writes: the write is skipped and logged, and
 * tried again on a later request. Returns whether it was written. Any other error still throws.
 */
export async function writeUnlessUnavailable(write: () => Promise<unknown>): Promise<boolean> {
  try {
    await write();
    return true;
  } catch (error) {
    const unavailable = databaseUnavailable(error);
    if (!unavailable) throw error;
    console.warn(`Skipped a bookkeeping write: ${unavailable.message}`);
    return false;
  }
}
