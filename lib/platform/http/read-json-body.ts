// The one way a route reads a JSON body: application/json only, at most a fixed number of bytes counted while the body
// streams in (the rest is never buffered), strict UTF-8, JSON, and well-formed Unicode in every key and string.
import "server-only";
import { isWellFormed } from "../../releases/core/text";
import { appError, bodyIncomplete, HttpError, type AppError } from "./app-error";

/** Limits in bytes, documented in the README ("Limits"). */
export const BODY_LIMITS = {
  /** Every JSON body except metric batches. */
  json: 1024 * 1024,
  /** A metric batch (at most 10,000 samples). */
  ingest: 8 * 1024 * 1024,
  /** A sign-in form. */
  form: 16 * 1024,
} as const;

/** Deeper JSON than this is refused before any schema walks it. */
export const MAX_JSON_DEPTH = 64;

const human = (bytes: number) => (bytes >= 1024 * 1024 ? `${bytes / (1024 * 1024)} MiB` : `${bytes / 1024} KiB`);

export function isJsonContentType(value: string | null): boolean {
  if (!value) return false;
  const type = value.split(";")[0].trim().toLowerCase();
  return type === "application/json" || /^application\/[\w.+-]+\+json$/.test(type);
}

/**
 * Reads the raw body up to `limit` bytes. A declared Content-Length past the limit is refused before reading; an
 * undeclared (chunked) body is counted as it arrives and the stream is cancelled at the first byte past the limit.
 */
export async function readBodyBytes(req: Request, limit: number): Promise<Uint8Array> {
  const tooLarge = () => new HttpError(appError(413, "payload_too_large", `The request body may be at most ${human(limit)}`, { limitBytes: limit }));
  const declared = Number(req.headers.get("content-length") ?? Number.NaN);
  if (Number.isFinite(declared) && declared > limit) {
    await req.body?.cancel().catch(() => {});
    throw tooLarge();
  }
  if (!req.body) return new Uint8Array(0);
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    let chunk: ReadableStreamReadResult<Uint8Array>;
    try {
      chunk = await reader.read();
    } catch {
      throw bodyIncomplete();
    }
    const { done, value } = chunk;
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel().catch(() => {});
      throw tooLarge();
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

export function decodeUtf8(bytes: Uint8Array): string {
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new HttpError(appError(400, "invalid_encoding", "The request body is not valid UTF-8"));
  }
}

// Module-level, not a closure per call: this walks every value of a 10,000-sample batch.
const pathText = (path: (string | number)[]) => path.join(".") || "(body)";

/** Finds the first key or string that is not well-formed Unicode, or nesting past MAX_JSON_DEPTH. */
export function checkJsonValue(value: unknown, path: (string | number)[] = [], depth = 0): AppError | null {
  if (typeof value === "string") {
    return isWellFormed(value)
      ? null
      : appError(400, "invalid_request", `${pathText(path)}: not well-formed Unicode (a lone UTF-16 surrogate)`, {
          issues: [{ path: pathText(path), message: "not well-formed Unicode (a lone UTF-16 surrogate)" }],
        });
  }
  if (value === null || typeof value !== "object") return null;
  if (depth >= MAX_JSON_DEPTH) {
    return appError(400, "invalid_request", `The body is nested deeper than ${MAX_JSON_DEPTH} levels`, {
      issues: [{ path: pathText(path), message: `nested deeper than ${MAX_JSON_DEPTH} levels` }],
    });
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = checkJsonValue(value[i], [...path, i], depth + 1);
      if (found) return found;
    }
    return null;
  }
  for (const [key, child] of Object.entries(value)) {
    if (!isWellFormed(key)) {
      return appError(400, "invalid_request", `${pathText(path)}: a field name is not well-formed Unicode`, {
        issues: [{ path: pathText(path), message: "a field name is not well-formed Unicode" }],
      });
    }
    const found = checkJsonValue(child, [...path, key], depth + 1);
    if (found) return found;
  }
  return null;
}

/**
 * The parsed JSON body, or an HttpError: 415 unless Content-Type is application/json, 413 past `limit` bytes,
 * 400 for bad UTF-8, bad JSON, lone surrogates or nesting too deep. An empty body is `undefined`.
 */
export async function readJsonBody(req: Request, limit: number = BODY_LIMITS.json): Promise<unknown> {
  const declared = req.headers.get("content-length");
  const hasBody = req.body !== null && declared !== "0";
  if (hasBody && !isJsonContentType(req.headers.get("content-type"))) {
    await req.body?.cancel().catch(() => {});
    throw new HttpError(
      appError(415, "unsupported_media_type", "Send the body as JSON with Content-Type: application/json", {
        contentType: req.headers.get("content-type"),
      }),
    );
  }
  const text = decodeUtf8(await readBodyBytes(req, limit));
  if (text.trim() === "") return undefined;
  return parseCheckedJson(text);
}

/** JSON text -> its value, or 400: not JSON, a lone surrogate in a string or key, or nesting too deep. */
export function parseCheckedJson(text: string): unknown {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new HttpError(appError(400, "invalid_json", "The request body is not valid JSON"));
  }
  const problem = checkJsonValue(body);
  if (problem) throw new HttpError(problem);
  return body;
}
