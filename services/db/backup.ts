import { existsSync } from "node:fs";
import Database from "better-sqlite3";
import { databaseUrl } from "./url.ts";

export type BackupReport = { file: string; pages: number; integrity: string };

/**
 * A consistent copy of the live database with SQLite's online backup API: it copies page by page
 * while the app keeps reading and writing, and restarts a step if a write lands on a copied page,
 * so the copy is one moment's state. The copy is checked with `PRAGMA integrity_check`.
 */
export async function backupDatabase(target: string, source = databaseUrl()): Promise<BackupReport> {
  if (existsSync(target)) throw new Error(`${target} exists already; choose a new file name.`);
  const live = new Database(source.replace(/^file:/, ""), { fileMustExist: true });
  try {
    live.pragma("busy_timeout = 5000");
    const { totalPages } = await live.backup(target);
    const copy = new Database(target, { readonly: true });
    try {
      const integrity = String(copy.pragma("integrity_check", { simple: true }));
      return { file: target, pages: totalPages, integrity };
    } finally {
      copy.close();
    }
  } finally {
    live.close();
  }
}
