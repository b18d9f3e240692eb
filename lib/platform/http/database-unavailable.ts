// Tells "the database cannot be reached right now" (retry later: 503) from every other failure (a bug: 500).
// Prisma wraps driver errors differently per adapter and version, so the whole cause chain is inspected.
import "server-only";

// Prisma: P1001 can't reach, P1002 timed out, P1008 operation timed out, P1017 server closed the connection,
// P2024 pool timeout (P2028 too, when it says a transaction could not start in time: see MESSAGES). PostgreSQL
// SQLSTATE class 08 (connection exception), 57P01-57P03 (shutdown, cannot connect now), 53300 (too many connections).
// Node: refused, reset, timed out, unreachable. SQLite: busy or locked past the timeout.
const PRISMA_CODES = new Set(["P1001", "P1002", "P1008", "P1017", "P2024"]);
const SQLSTATES = /^(08\d{3}|57P0[123]|53300)$/;
const NODE_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EHOSTUNREACH", "ENETUNREACH", "EPIPE", "ENOTFOUND", "EAI_AGAIN"]);
const SQLITE_CODES = new Set(["SQLITE_BUSY", "SQLITE_LOCKED", "SQLITE_CANTOPEN"]);
const MESSAGES = [
  /Can't reach database server/i,
  /connect ECONNREFUSED/i,
  /Connection terminated/i,
  /terminating connection due to administrator command/i,
  /the database system is (starting up|shutting down|in recovery mode)/i,
  /Timed out fetching a new connection/i,
  /database is locked/i,
  /Server has closed the connection/i,
  // Prisma's P2028 when no pooled connection freed up within the transaction's maxWait: busy, nothing was changed.
  // (P2028 as a code also covers a transaction used after it ended, which is a bug, so the message decides.)
  /Unable to start a transaction in the given time/i,
];

export function isDatabaseUnavailable(error: unknown): boolean {
  const seen = new Set<unknown>();
  let current: unknown = error;
  for (let depth = 0; current && typeof current === "object" && !seen.has(current) && depth < 8; depth++) {
    seen.add(current);
    const e = current as { code?: unknown; message?: unknown; cause?: unknown; meta?: unknown; errors?: unknown };
    const code = typeof e.code === "string" ? e.code : undefined;
    if (code && (PRISMA_CODES.has(code) || SQLSTATES.test(code) || NODE_CODES.has(code) || SQLITE_CODES.has(code))) return true;
    const meta = e.meta as { code?: unknown; driverAdapterError?: unknown } | undefined;
    if (typeof meta?.code === "string" && SQLSTATES.test(meta.code)) return true;
    if (typeof e.message === "string" && MESSAGES.some((m) => m.test(e.message as string))) return true;
    if (Array.isArray(e.errors) && e.errors.some((inner) => isDatabaseUnavailable(inner))) return true;
    current = e.cause ?? meta?.driverAdapterError;
  }
  return false;
}

/** Seconds a client should wait before retrying while the database is unreachable. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;
