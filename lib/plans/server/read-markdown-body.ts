// Reads an import request's body, JSON ({ "markdown": "..." }) or text/markdown, without ever holding more than the
// limit in memory. Only the bytes: making them a document (decode, parse, checks) is markdown-from-body.ts, run in
// the import pool's thread with the import itself.
import "server-only";
import { MAX_MARKDOWN_BYTES } from "../import/import-plan";
import { appError } from "../../platform/http/app-error";
import { HttpError } from "../../platform/http/handle";
import { readBodyBytes } from "../../platform/http/read-json-body";
import type { ImportRequestBody } from "./markdown-from-body";

export { ImportBody } from "./markdown-from-body";

/** JSON quoting can double a document's size (escaped quotes, \n); past this the body is refused unread. */
const MAX_BODY_BYTES = 2 * MAX_MARKDOWN_BYTES + 1024;

const tooLarge = (bytes: number) =>
  new HttpError(
    appError(413, "document_too_large", `The upload exceeds ${MAX_MARKDOWN_BYTES / 1024 / 1024} MB of Markdown`, { bytes, limit: MAX_MARKDOWN_BYTES }),
  );

/** The shared byte-counting reader, with this route's own 413 code (a document, not a JSON body). */
async function readCapped(req: Request, limit: number): Promise<Uint8Array> {
  try {
    return await readBodyBytes(req, limit);
  } catch (e) {
    if (e instanceof HttpError && e.error.status === 413) throw tooLarge(Number(req.headers.get("content-length") ?? limit + 1));
    throw e;
  }
}

/** 415 for a body that is neither JSON nor Markdown text, 413 past the limit; otherwise the bytes as they came. */
export async function readImportBody(req: Request): Promise<ImportRequestBody> {
  const type = (req.headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
  const isJson = type === "application/json";
  const isText = type === "text/markdown" || type === "text/plain" || type === "text/x-markdown";
  if (!isJson && !isText) {
    throw new HttpError(
      appError(415, "unsupported_media_type", `Send the plan as JSON { "markdown": "..." } or as text/markdown, not ${type || "an untyped body"}`, {
        contentType: type || null,
      }),
    );
  }
  return { bytes: await readCapped(req, isJson ? MAX_BODY_BYTES : MAX_MARKDOWN_BYTES), isJson };
}
