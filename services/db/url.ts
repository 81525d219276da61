import path from "node:path";

/**
 * Which database Tandem runs on, from DATABASE_URL (decision 0015): a `postgresql://` or
 * `postgres://` URL selects PostgreSQL; a `file:` URL, or none, the embedded SQLite file.
 */
export type DatabaseProvider = "sqlite" | "postgres";

/** DATABASE_URL, or the git-ignored default SQLite file under data/. */
export function databaseUrl() {
  return process.env.DATABASE_URL ?? "file:./data/tandem.db";
}

export function databaseProvider(url = databaseUrl()): DatabaseProvider {
  if (/^postgres(ql)?:\/\//i.test(url)) return "postgres";
  if (url.startsWith("file:")) return "sqlite";
  throw new Error(`DATABASE_URL must be a file: URL (SQLite) or a postgresql:// URL, not "${url.split(":")[0]}:…"`);
}

/** The folder of a SQLite file: SQLite creates the file but not its folder, so callers make it first. */
export function databaseDirectory(url = databaseUrl()) {
  return path.dirname(url.replace(/^file:/, "").split("?")[0]!);
}
