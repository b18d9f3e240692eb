// Reads an import request's Markdown, JSON ({ "markdown": "..." }) or text/markdown, without ever holding more
// than the limit in memory, and refuses what is not a Markdown document with the one error shape.
import "server-only";
import { z } from "zod";
import { checkMarkdownInput } from "../import/check-input";
import { MAX_MARKDOWN_BYTES } from "../import/import-plan";
import { appError } from "../../platform/http/app-error";
import { HttpError, parseWith } from "../../platform/http/handle";
import { checkJsonValue, readBodyBytes } from "../../platform/http/read-json-body";

/** JSON quoting can double a document's size (escaped quotes, \n); past this the body is refused unread. */
const MAX_BODY_BYTES = 2 * MAX_MARKDOWN_BYTES + 1024;

export const ImportBody = z.object({ markdown: z.string() }).strict();

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

export async function readMarkdownBody(req: Request): Promise<string> {
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
  const bytes = await readCapped(req, isJson ? MAX_BODY_BYTES : MAX_MARKDOWN_BYTES);
  // Not fatal: bytes that are not UTF-8 become U+FFFD, which the binary check then counts.
  const text = new TextDecoder("utf-8", { fatal: false }).decode(bytes);
  let markdown = text;
  if (isJson) {
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw new HttpError(appError(400, "invalid_json", "The request body is not valid JSON"));
    }
    // Every string well-formed, as in every other JSON body: a lone surrogate would come back out in the draft.
    const problem = checkJsonValue(body);
    if (problem) throw new HttpError(problem);
    markdown = parseWith(ImportBody, body, "import request").markdown;
  }
  const refusal = checkMarkdownInput(markdown, Buffer.byteLength(markdown));
  if (refusal) throw new HttpError(appError(refusal.status, refusal.code, refusal.message, refusal.details));
  return markdown;
}
