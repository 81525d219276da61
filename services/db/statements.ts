/**
 * Every SQL statement the app sends, as the driver adapter sees it (services/db/sqlite-adapter.ts
 * reports each one, transactions included). What a request costs is mostly how many statements
 * it sends (docs/decisions/0014-performance.md), so the query-budget tests count them here.
 * Observers only: nothing is kept once a watch ends, and with none the cost is one size check.
 */
type Observer = (sql: string) => void;

const observers = new Set<Observer>();

export function reportStatement(sql: string) {
  if (observers.size === 0) return;
  for (const observer of observers) observer(sql);
}

/** Runs `work` and returns the statements sent meanwhile (by anything in this process). */
export async function statementsDuring<T>(work: () => Promise<T>): Promise<{ result: T; statements: string[] }> {
  const statements: string[] = [];
  const observer: Observer = (sql) => statements.push(sql.replace(/\s+/g, " ").trim());
  observers.add(observer);
  try {
    return { result: await work(), statements };
  } finally {
    observers.delete(observer);
  }
}
