// An import request's body bytes -> the Markdown document, or the refusal in the one error shape. Pure CPU on
// megabytes (decode, JSON parse, well-formedness, the binary check: about 30 ms for a 1.8 MB body on the CI machine),
// so the import pool's thread runs it, not the request loop (read-markdown-body.ts only reads the bytes).
import "server-only";
import { z } from "zod";
import { checkMarkdownInput } from "../import/check-input";
import { appError, HttpError } from "../../platform/http/app-error";
import { parseWith } from "../../platform/http/parse-with";
import { parseCheckedJson } from "../../platform/http/read-json-body";

export const ImportBody = z.object({ markdown: z.string() }).strict();

/** The bytes of an import request as read, and whether they are JSON `{ "markdown": "..." }` or the document itself. */
export interface ImportRequestBody {
  bytes: Uint8Array;
  isJson: boolean;
}

export function markdownFromBody({ bytes, isJson }: ImportRequestBody): string {
  // Not fatal: bytes that are not UTF-8 become U+FFFD, which the binary check then counts.
  const text = new TextDecoder("utf-8", { fatal: false }).decode(bytes);
  let markdown = text;
  // Every string well-formed, as in every other JSON body: a lone surrogate would come back out in the draft.
  if (isJson) markdown = parseWith(ImportBody, parseCheckedJson(text), "import request").markdown;
  const refusal = checkMarkdownInput(markdown, Buffer.byteLength(markdown));
  if (refusal) throw new HttpError(appError(refusal.status, refusal.code, refusal.message, refusal.details));
  return markdown;
}
