// What every CLI command is given: the connection, the output mode, and where to write.
import type { Connection } from "./api";

export interface CliContext {
  conn: Connection;
  /** Machine-readable output: JSON on stdout (NDJSON for streams), nothing else there. */
  json: boolean;
  /** Results (stdout). */
  out(text: string): void;
  /** Progress and diagnostics for people (stderr), so stdout stays clean for scripts. */
  note(text: string): void;
}
