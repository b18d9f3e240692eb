// The import worker thread: reads Markdown into a draft plan off the request loop (see import-pool.ts). One message
// in, one answer out; the pool ends the thread when a document takes longer than IMPORT_TIMEOUT_MS.
import "server-only";
import { parentPort } from "node:worker_threads";
import { HttpError, type AppError } from "../../platform/http/app-error";
import { importMarkdownPlan } from "../import/import-plan";
import { importInputJson, type ImportInput } from "./run-import";

export type ToImportWorker = { id: number; input: ImportInput };
/**
 * The result as UTF-8 JSON bytes (serialized and encoded here, handed over without a copy), a refusal of the request
 * in the one error shape (bad JSON, a lone surrogate, a binary file), or a failure of the importer itself.
 */
export type FromImportWorker =
  | { ready: true }
  | { id: number; ok: true; json: Uint8Array<ArrayBuffer> }
  | { id: number; ok: false; refusal: AppError }
  | { id: number; ok: false; error: string };

// Loading the import code takes a while on a busy machine: the pool starts a document's clock only after this. A
// first read in a fresh thread also pays for compiling the importer's code and patterns (a small document took
// more than 100 ms that way on a busy CI machine): one small document is read here first, so "ready" means ready
// to read at speed and a time limit measures the document, not the thread's warm-up.
try {
  importMarkdownPlan("# Warm-up v1\n\n## Wave 1 (10%)\n\n- [ ] Dashboards ready\n\n## Wave 2 (100%)\n\n| Metric | Critical |\n|--|--|\n| Error rate | > 5% |\n");
} catch {
  // A warm-up that fails says nothing about real documents: each is read and answered on its own.
}
parentPort?.postMessage({ ready: true } satisfies FromImportWorker);

parentPort?.on("message", (m: ToImportWorker) => {
  let answer: FromImportWorker;
  try {
    const json = importInputJson(m.input);
    parentPort!.postMessage({ id: m.id, ok: true, json } satisfies FromImportWorker, [json.buffer]);
    return;
  } catch (e) {
    answer = e instanceof HttpError ? { id: m.id, ok: false, refusal: e.error } : { id: m.id, ok: false, error: (e as Error).message };
  }
  parentPort!.postMessage(answer);
});
