// How the front doors outside Next.js (flag endpoints, metric ingest) answer: JSON with its length, never cached,
// errors in the house shape { error: { code, message, details } }. Route handlers answer through handle.ts instead.
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from "node:http";
import { type AppError, errorBody } from "../http/app-error";

/**
 * Answers with JSON text already written (or no body). Header writing is a measurable share of a flag evaluation's
 * CPU: the set stays small and is built without spreads.
 */
export function sendJsonText(res: ServerResponse, status: number, text: string | undefined, headers?: Record<string, string>): void {
  const out: Record<string, string> = {
    "content-length": text === undefined ? "0" : String(Buffer.byteLength(text)),
    "cache-control": "no-store",
  };
  if (text !== undefined) out["content-type"] = "application/json; charset=utf-8";
  if (headers) for (const k in headers) out[k] = headers[k];
  res.writeHead(status, out);
  res.end(text ?? "");
}

/** Answers with `body` as JSON, or with no body when it is undefined. */
export function sendJson(res: ServerResponse, status: number, body?: unknown, headers?: Record<string, string>): void {
  sendJsonText(res, status, body === undefined ? undefined : JSON.stringify(body), headers);
}

/** Answers an error in the house shape, with its status. */
export function sendError(res: ServerResponse, error: AppError, headers?: Record<string, string>): void {
  sendJson(res, error.status, errorBody(error), headers);
}

/**
 * Answers 413 to a body refused while the client may still be sending it, then lingers and closes (see
 * lingerThenClose): closing at once resets the connection, and a client still writing never reads the 413.
 */
export function sendTooLarge(req: IncomingMessage, res: ServerResponse, body: unknown): void {
  sendJson(res, 413, body);
  lingerThenClose(req);
}

// After refusing a body, read and discard what is already on its way for a moment (so the client, still sending,
// reads the 413 instead of a connection reset), then close. Nothing is kept: memory stays flat whatever is sent.
const LINGER_MS = 2000;
const LINGER_BYTES = 64 * 1024 * 1024;

export function lingerThenClose(req: IncomingMessage): void {
  if (req.complete) return;
  let discarded = 0;
  const close = () => {
    clearTimeout(timer);
    req.socket.destroy();
  };
  const timer = setTimeout(close, LINGER_MS);
  timer.unref();
  req.on("data", (chunk: Buffer) => {
    discarded += chunk.length;
    if (discarded > LINGER_BYTES) close();
  });
  req.on("end", () => clearTimeout(timer));
  req.resume();
}

/** Whether the request's If-None-Match names this ETag (weak and strong forms compare equal, "*" matches all). */
export function matchesEtag(headers: IncomingHttpHeaders, etag: string): boolean {
  const header = headers["if-none-match"];
  if (!header) return false;
  const bare = etag.replace(/^W\//, "");
  return header.split(",").some((t) => {
    const v = t.trim();
    return v === "*" || v === etag || v.replace(/^W\//, "") === bare;
  });
}
