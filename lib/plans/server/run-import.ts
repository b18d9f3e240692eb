// Where a request's Markdown import runs: in the import pool's worker threads when the custom server started one
// (server.ts, lib/plans/server/import-pool.ts), inline otherwise (a script, a unit test, `next dev` without server.ts).
// The pool reaches the routes through globalThis: Next bundles the routes apart from server.ts, so a module-level
// variable would be a different one in each. This module stays free of worker_threads so the routes' bundle is too.
import "server-only";
import { importMarkdownPlan } from "../import/import-plan";
import type { ImportResult } from "../import/types";

export interface ImportRunner {
  run(markdown: string): Promise<ImportResult>;
}

const holder = globalThis as unknown as { __tidegateImportPool?: ImportRunner };

export function setImportRunner(runner: ImportRunner | null): void {
  if (runner) holder.__tidegateImportPool = runner;
  else delete holder.__tidegateImportPool;
}

export function currentImportRunner(): ImportRunner | undefined {
  return holder.__tidegateImportPool;
}

/** Reads a Markdown document into a draft plan, off the request loop when the server runs a pool. */
export function runImport(markdown: string): Promise<ImportResult> {
  const pool = holder.__tidegateImportPool;
  return pool ? pool.run(markdown) : Promise.resolve(importMarkdownPlan(markdown));
}
