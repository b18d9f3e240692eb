// The source document to keep with a release created from an import: normalized (so stored line numbers match what
// the import screen showed) with its unmapped sections recomputed here, never taken on the client's word.
import "server-only";
import { checkMarkdownInput } from "../import/check-input";
import { appError, HttpError } from "../../platform/http/app-error";
import type { PlanSourceInput } from "../../releases/server/create-release";
import { runImport } from "./run-import";

/** Read in the import pool like an import (a 2 MB source parses for seconds), never on the request loop. */
export async function importedSource(markdown: string): Promise<PlanSourceInput> {
  const refusal = checkMarkdownInput(markdown, Buffer.byteLength(markdown));
  if (refusal) throw new HttpError(appError(refusal.status, refusal.code, `Source document: ${refusal.message}`, refusal.details));
  const result = await runImport(markdown);
  return { format: "markdown", document: result.normalized, unmapped: result.unmapped };
}
