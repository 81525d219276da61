import { ServiceUnavailableError } from "../errors.ts";

/** Prisma's code for a unique index refusing a write (P2002), whatever the driver. */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && "code" in error && error.code === "P2002";
}

// SQLite result codes that say "not now" rather than "wrong request": a read-only or full
// database, an I/O error, a lock held past busy_timeout, a file that cannot be opened.
const UNAVAILABLE = /^SQLITE_(READONLY|FULL|IOERR|BUSY|LOCKED|CANTOPEN|NOMEM|PROTOCOL)/;

/**
 * The one place that recognises a database that cannot work right now, however it arrives:
 * better-sqlite3's SqliteError as is (a failed COMMIT), Prisma's known-request error carrying the
 * SQLite code (`SQLITE_IOERR_WRITE`) or wrapping the driver's error (SQLITE_BUSY becomes P1008,
 * "Operations timed out"), or Prisma's P2028 for a transaction that could not start or finish in
 * time because the connection stayed busy. Returns the domain error to throw instead, or null.
 */
export function databaseUnavailable(error: unknown): ServiceUnavailableError | null {
  if (error instanceof ServiceUnavailableError) return error;
  if (typeof error !== "object" || error === null) return null;
  const { code, meta } = error as { code?: unknown; meta?: { driverAdapterError?: { cause?: { originalCode?: unknown } } } };
  const original = meta?.driverAdapterError?.cause?.originalCode;
  const codes = [code, original].filter((value): value is string => typeof value === "string");
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
