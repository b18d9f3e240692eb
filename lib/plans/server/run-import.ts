// Where a request's Markdown import runs: in the import pool's worker threads when the custom server started one
// (server.ts, lib/plans/server/import-pool.ts), inline otherwise (a script, a unit test, `next dev` without server.ts).
// The pool reaches the routes through globalThis: Next bundles the routes apart from server.ts, so a module-level
// variable would be a different one in each. This module stays free of worker_threads so the routes' bundle is too.
import "server-only";
import { importMarkdownPlan } from "../import/import-plan";
import type { ImportResult } from "../import/types";
import { HttpError, type AppError } from "../../platform/http/app-error";
import { markdownFromBody, type ImportRequestBody } from "./markdown-from-body";

/** A document to read: the Markdown itself, or an import request's body bytes (made a document in the thread too). */
export type ImportInput = { markdown: string } | { body: ImportRequestBody };

/**
 * The pool answers with a value, never by throwing: it lives in server.ts's module graph and the routes in Next's
 * bundle, each with its own copy of HttpError, so an error thrown across would not be recognised as one (a 500).
 * The result is UTF-8 JSON bytes, serialized and encoded in the thread, so this loop neither clones, serializes nor
 * encodes megabytes of it.
 */
export type ImportOutcome = { ok: true; json: Uint8Array<ArrayBuffer> } | { ok: false; error: AppError };

export interface ImportRunner {
  run(input: ImportInput): Promise<ImportOutcome>;
}

const holder = globalThis as unknown as { __tidegateImportPool?: ImportRunner };

export function setImportRunner(runner: ImportRunner | null): void {
  if (runner) holder.__tidegateImportPool = runner;
  else delete holder.__tidegateImportPool;
}

export function currentImportRunner(): ImportRunner | undefined {
  return holder.__tidegateImportPool;
}

/** What a thread (or the inline path) does with one input: the document, read, as JSON bytes. Throws HttpError. */
export function importInputJson(input: ImportInput): Uint8Array<ArrayBuffer> {
  const markdown = "markdown" in input ? input.markdown : markdownFromBody(input.body);
  return new TextEncoder().encode(JSON.stringify(importMarkdownPlan(markdown)));
}

/** Reads a document (or an import request's body) into a draft plan, off the request loop when the server runs a pool. */
export async function runImportJson(input: ImportInput): Promise<Uint8Array<ArrayBuffer>> {
  const pool = holder.__tidegateImportPool;
  if (!pool) return importInputJson(input);
  const outcome = await pool.run(input);
  if (!outcome.ok) throw new HttpError(outcome.error);
  return outcome.json;
}

/** The same, as the result itself (for the server's own use of it, such as keeping a release's source). */
export async function runImport(markdown: string): Promise<ImportResult> {
  if (!holder.__tidegateImportPool) return importMarkdownPlan(markdown);
  return JSON.parse(new TextDecoder().decode(await runImportJson({ markdown }))) as ImportResult;
}
