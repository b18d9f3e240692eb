// Where a request's Markdown import runs: in the import pool's worker threads when the custom server started one
// (server.ts, lib/plans/server/import-pool.ts), inline otherwise (a script, a unit test, `next dev` without server.ts).
// The pool reaches the routes through globalThis: Next bundles the routes apart from server.ts, so a module-level
// variable would be a different one in each. This module stays free of worker_threads so the routes' bundle is too.
import "server-only";
import { importMarkdownPlan } from "../import/import-plan";
import type { ImportResult } from "../import/types";
import { HttpError, type AppError } from "../../platform/http/app-error";

/**
 * The pool answers with a value, never by throwing: it lives in server.ts's module graph and the routes in Next's
 * bundle, each with its own copy of HttpError, so an error thrown across would not be recognised as one (a 500).
 */
export type ImportOutcome = { ok: true; json: string } | { ok: false; error: AppError };

export interface ImportRunner {
  run(markdown: string): Promise<ImportOutcome>;
}

const holder = globalThis as unknown as { __tidegateImportPool?: ImportRunner };

export function setImportRunner(runner: ImportRunner | null): void {
  if (runner) holder.__tidegateImportPool = runner;
  else delete holder.__tidegateImportPool;
}

export function currentImportRunner(): ImportRunner | undefined {
  return holder.__tidegateImportPool;
}

/**
 * Reads a Markdown document into a draft plan, off the request loop when the server runs a pool, as JSON text: the
 * thread serializes the result (a 2 MB document gives megabytes of JSON), so this loop only passes the text on.
 */
export async function runImportJson(markdown: string): Promise<string> {
  const pool = holder.__tidegateImportPool;
  if (!pool) return JSON.stringify(importMarkdownPlan(markdown));
  const outcome = await pool.run(markdown);
  if (!outcome.ok) throw new HttpError(outcome.error);
  return outcome.json;
}

/** The same, as the result itself (for the server's own use of it, such as keeping a release's source). */
export async function runImport(markdown: string): Promise<ImportResult> {
  if (!holder.__tidegateImportPool) return importMarkdownPlan(markdown);
  return JSON.parse(await runImportJson(markdown)) as ImportResult;
}
