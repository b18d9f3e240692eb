// Which database a DATABASE_URL names: `file:` is embedded SQLite, `postgres(ql)://` is PostgreSQL.
import "server-only";
export type DatabaseTarget = { kind: "sqlite"; url: string; path: string } | { kind: "postgres"; url: string };

export const DEFAULT_DATABASE_URL = "file:./data/tidegate.db";

export function parseDatabaseUrl(url: string = process.env.DATABASE_URL || DEFAULT_DATABASE_URL): DatabaseTarget {
  if (url.startsWith("file:")) return { kind: "sqlite", url, path: url.slice("file:".length) };
  if (/^postgres(ql)?:\/\//.test(url)) return { kind: "postgres", url };
  throw new Error(`DATABASE_URL must start with file: (SQLite) or postgres:// (PostgreSQL); got "${url.split(":")[0]}:..."`);
}
