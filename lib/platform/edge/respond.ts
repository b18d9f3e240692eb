// How the front doors outside Next.js (flag endpoints, metric ingest) answer: JSON with its length, never cached,
// errors in the house shape { error: { code, message, details } }. Route handlers answer through handle.ts instead.
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from "node:http";
import type { Socket } from "node:net";
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
 * Answers a request whose body is refused unread (413, 415): stops keeping it, answers, reads and discards what is
 * already on its way for a moment (so a client still sending reads the answer instead of a connection reset), then
 * closes. Memory stays flat whatever is sent (a 600 MB chunked body included).
 */
export function sendRefusedBody(req: IncomingMessage, res: ServerResponse, status: 413 | 415, body: unknown): void {
  sendJson(res, status, body);
  lingerThenClose(req);
}

/** Answers 413 for a body past its limit (see sendRefusedBody). */
export function sendTooLarge(req: IncomingMessage, res: ServerResponse, body: unknown): void {
  sendRefusedBody(req, res, 413, body);
}

const LINGER_MS = 2000;
const LINGER_BYTES = 64 * 1024 * 1024;

/** Reads and discards the rest of a refused body for up to 2 s or 64 MiB, then closes the connection. */
export function lingerThenClose(req: IncomingMessage): void {
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

/** Whether the request says its body is JSON (`application/json`, `application/*+json`; parameters ignored). */
export function isJsonBody(headers: IncomingHttpHeaders): boolean {
  const type = (headers["content-type"] ?? "").split(";")[0]!.trim().toLowerCase();
  return type === "application/json" || (type.startsWith("application/") && type.endsWith("+json"));
}

/** Whether the request carries a body at all (declared length above 0, or chunked). */
export function hasBody(headers: IncomingHttpHeaders): boolean {
  return Number(headers["content-length"] ?? 0) > 0 || headers["transfer-encoding"] !== undefined;
}

/**
 * Node answers a request whose headers are too large (431) or unparsable (400) with an empty body; this answers in
 * JSON instead, in the shape of the protocol the request line names (OFREP under /ofrep/, the house shape elsewhere).
 * For `server.on("clientError", ...)` in both front doors.
 */
export function answerClientError(error: Error & { code?: string; rawPacket?: Buffer }, socket: Socket): void {
  // Only parse errors get an answer (as Node's own handler does); a reset or a timeout just ends the socket.
  if (!error.code?.startsWith("HPE_") || !socket.writable || (socket as Socket & { _httpMessage?: unknown })._httpMessage) return void socket.destroy();
  const tooLarge = error.code === "HPE_HEADER_OVERFLOW";
  const status = tooLarge ? 431 : 400;
  const message = tooLarge ? "The request's headers are larger than the server accepts (16 KiB in all)" : "The request is not valid HTTP";
  const line = error.rawPacket?.subarray(0, 64).toString("latin1") ?? "";
  const ofrep = /^[A-Z]+ \/ofrep\//.test(line);
  const body = JSON.stringify(ofrep ? { errorCode: "GENERAL", errorDetails: message } : { error: { code: tooLarge ? "headers_too_large" : "bad_request", message, details: null } });
  socket.end(
    `HTTP/1.1 ${status} ${tooLarge ? "Request Header Fields Too Large" : "Bad Request"}\r\ncontent-type: application/json; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
  );
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
