// The two spots where hand-written SQL differs between SQLite and PostgreSQL: parameter placeholders and how a
// timestamp is passed. Values must match what Prisma itself writes, or keys would not compare equal.
import "server-only";
import { parseDatabaseUrl } from "./database-url";

export interface SqlDialect {
  kind: "sqlite" | "postgres";
  /** The placeholder for the i-th (0-based) parameter of a statement. */
  param(i: number, type?: "timestamp"): string;
  timestamp(ms: number): string;
}

const sqlite: SqlDialect = {
  kind: "sqlite",
  param: () => "?",
  // Prisma's SQLite driver adapter stores DateTime as this exact text.
  timestamp: (ms) => new Date(ms).toISOString().replace("Z", "+00:00"),
};

const postgres: SqlDialect = {
  kind: "postgres",
  param: (i, type) => (type === "timestamp" ? `$${i + 1}::timestamp(3)` : `$${i + 1}`),
  // timestamp(3) without time zone holds UTC wall time, as Prisma writes it.
  timestamp: (ms) => new Date(ms).toISOString().replace("Z", ""),
};

export function sqlDialect(url?: string): SqlDialect {
  return parseDatabaseUrl(url).kind === "postgres" ? postgres : sqlite;
}
