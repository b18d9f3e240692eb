// The one operational logger: pino JSON lines on stdout, level from LOG_LEVEL. Every server module logs through it
// (never console.*), so an operator's log pipeline (jq, Loki, CloudWatch) sees one shape. The product never reads
// these lines back: the audit log in the database is the record; these are for running the service.
import "server-only";
import pino, { type Logger } from "pino";

// The custom server and Next's bundled route handlers load this module separately; one instance serves both.
const holder = globalThis as unknown as { __tidegateLogger?: Logger };

const LEVELS = ["trace", "debug", "info", "warn", "error", "fatal", "silent"];
// A bad LOG_LEVEL is reported by the config check at start-up (lib/platform/config/config.ts); the logger must not crash first.
const level = LEVELS.includes(process.env.LOG_LEVEL ?? "") ? (process.env.LOG_LEVEL as string) : "info";

export const logger: Logger = (holder.__tidegateLogger ??= pino({
  level,
  timestamp: pino.stdTimeFunctions.isoTime,
  // "warn" reads better than 40 in a terminal and in a log search.
  formatters: { level: (label) => ({ level: label }) },
}));

/** The kinds of operational line, bound as `kind` so a search can select them (`jq 'select(.kind=="command")'`). */
export type LogKind = "command" | "refusal" | "guardrail" | "sign-in" | "webhook" | "error";
