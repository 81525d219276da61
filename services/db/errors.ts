import { ServiceUnavailableError } from "#services/errors.ts";

/**
 * A unique index refusing a write: Prisma's P2002 whatever the driver, or the adapter's own error
 * for a write that skipped the client (services/db/sql.ts).
 */
export function isUniqueViolation(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  const { code, cause } = error as { code?: unknown; cause?: { kind?: unknown } };
  return code === "P2002" || cause?.kind === "UniqueConstraintViolation";
}

/**
 * What says "not now" rather than "wrong request", by where it comes from:
 * - SQLite's result codes: a read-only or full database, an I/O error, a lock held past
 *   busy_timeout, a file that cannot be opened;
 * - PostgreSQL's SQLSTATEs: class 08 (the connection failed), 57P01–57P03 (the server is shutting
 *   down, crashed, or not accepting connections yet), 53xxx (out of disk, memory or connections),
 *   25006 (a read-only server, such as a standby after a failover);
 * - Prisma's codes: P1001/P1002 (cannot reach the server), P1008 (timed out; SQLITE_BUSY arrives
 *   so), P1017 (the server closed the connection), P2024 (no pool connection in time), P2028 (a
 *   transaction that could not start or finish in time);
 * - the driver adapters' own kinds, for statements that skipped the client (services/db/sql.ts);
 * - pg's own messages for a pool that could not connect in time or a connection that dropped, and
 *   the socket's codes when pg is used directly (the API rate limit's store, services/rate-limit.ts).
 */
const UNAVAILABLE_CODE = /^(SQLITE_(READONLY|FULL|IOERR|BUSY|LOCKED|CANTOPEN|NOMEM|PROTOCOL)|08\w{3}|57P0[123]|53\w{3}|25006|P100[128]|P1017|P2024|P2028|ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE)/;
const UNAVAILABLE_KIND = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout", "TooManyConnections"]);
const UNAVAILABLE_MESSAGE = /timeout exceeded when trying to connect|Connection terminated/i;
/** Worth retrying in a moment (contention) rather than in a few seconds (an outage). */
const BRIEF = /BUSY|LOCKED|P1008|P2024|P2028|53300|TooManyConnections/;

/**
 * The one place that recognises a database that cannot work right now, however it arrives: a
 * driver's error as is (better-sqlite3's SqliteError on a failed COMMIT, pg's), Prisma's
 * known-request error with its code or wrapping the adapter's error, or the adapter's own error.
 * Returns the domain error to throw instead (503 with Retry-After at both doors), or null.
 */
export function databaseUnavailable(error: unknown): ServiceUnavailableError | null {
  if (error instanceof ServiceUnavailableError) return error;
  if (typeof error !== "object" || error === null) return null;
  const { code, meta, cause, message } = error as {
    code?: unknown;
    message?: unknown;
    meta?: { driverAdapterError?: { cause?: { originalCode?: unknown; kind?: unknown } } };
    cause?: { originalCode?: unknown; kind?: unknown };
  };
  const adapterCause = meta?.driverAdapterError?.cause ?? cause;
  const signs = [code, adapterCause?.originalCode, adapterCause?.kind].filter((value): value is string => typeof value === "string");
  const unavailable =
    signs.some((sign) => UNAVAILABLE_CODE.test(sign) || UNAVAILABLE_KIND.has(sign)) ||
    (typeof message === "string" && UNAVAILABLE_MESSAGE.test(message));
  if (!unavailable) return null;
  return new ServiceUnavailableError(signs.some((sign) => BRIEF.test(sign)) ? 2 : 5);
}

/** The error to throw on: ServiceUnavailableError for a database that cannot work now, else the error itself. */
export function typedFault(error: unknown): unknown {
  return databaseUnavailable(error) ?? error;
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
