import type { Transaction } from "@prisma/driver-adapter-utils";
import { reportStatement } from "./statements.ts";

/**
 * A driver adapter's transaction as Prisma sees it, with two additions both adapters need:
 * every statement is reported (services/db/statements.ts), and a failed COMMIT still ends it.
 *
 * Prisma sends COMMIT (or ROLLBACK) as SQL and only then calls `commit()` or `rollback()`, which
 * hand the connection back; when that statement fails (SQLite: disk full, an I/O error, a lock held
 * past busy_timeout; PostgreSQL: a deferred constraint, a dropped connection) it calls neither, so
 * the connection stayed taken: on SQLite every later query waited forever, on PostgreSQL one pool
 * connection leaked per failure until the pool ran dry (docs/prisma.md). Here the transaction is
 * rolled back and ended instead (nothing of it is kept), and the error still reaches the caller.
 * `release` runs once the transaction has ended either way (the SQLite wrapper's lock).
 */
export function endingOnFailedCommit(tx: Transaction, release: () => void): Transaction {
  const end = (finish: () => Promise<void>) => async () => {
    try {
      await finish();
    } finally {
      release();
    }
  };
  return {
    provider: tx.provider,
    adapterName: tx.adapterName,
    options: tx.options,
    queryRaw: (query) => {
      reportStatement(query.sql);
      return tx.queryRaw(query);
    },
    executeRaw: async (query) => {
      reportStatement(query.sql);
      try {
        return await tx.executeRaw(query);
      } catch (error) {
        if (/^\s*(COMMIT|ROLLBACK)\b/i.test(query.sql)) {
          await tx.executeRaw({ ...query, sql: "ROLLBACK" }).catch(() => {}); // the database may have rolled back already
          await end(() => tx.rollback())();
        }
        throw error;
      }
    },
    commit: end(() => tx.commit()),
    rollback: end(() => tx.rollback()),
  };
}
