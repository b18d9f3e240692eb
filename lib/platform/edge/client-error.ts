// What a front door (server.ts, the flag worker) answers when Node's HTTP parser refuses a request before any
// handler sees it: the house error shape with the parser's status, instead of Node's bodiless default (431 for
// headers past --max-http-header-size, 400 for a malformed request, 408 for one that took too long).
import type { Duplex } from "node:stream";
import { errorBody, appError } from "../http/app-error";
import { logRefusal } from "../logging/ops-log";

type ParserError = Error & { code?: string };

const ANSWERS: Record<string, { status: number; reason: string; code: string; message: string }> = {
  HPE_HEADER_OVERFLOW: {
    status: 431,
    reason: "Request Header Fields Too Large",
    code: "headers_too_large",
    message: "The request's headers are larger than the server accepts (16 KiB in all by default)",
  },
  ERR_HTTP_REQUEST_TIMEOUT: { status: 408, reason: "Request Timeout", code: "request_timeout", message: "The request took too long to arrive" },
};
const MALFORMED = { status: 400, reason: "Bad Request", code: "malformed_request", message: "The request is not well-formed HTTP/1.1" };

/** The raw response for a parser refusal: status line, JSON body, and the connection closed after it. */
export function clientErrorResponse(error: ParserError): { status: number; text: string } {
  const answer = ANSWERS[error.code ?? ""] ?? MALFORMED;
  const body = JSON.stringify(errorBody(appError(answer.status, answer.code, answer.message, { parser: error.code ?? null })));
  const text =
    `HTTP/1.1 ${answer.status} ${answer.reason}\r\n` +
    "content-type: application/json; charset=utf-8\r\n" +
    `content-length: ${Buffer.byteLength(body)}\r\n` +
    "cache-control: no-store\r\n" +
    "connection: close\r\n\r\n" +
    body;
  return { status: answer.status, text };
}

/** The 'clientError' listener: answers once in the house shape where the socket can still be written, else closes it. */
export function answerClientError(error: ParserError, socket: Duplex): void {
  // A client that reset the connection (or a socket already written to) has nobody left to read an answer.
  if (error.code === "ECONNRESET" || !socket.writable || (socket as Duplex & { _httpMessage?: unknown })._httpMessage) {
    socket.destroy();
    return;
  }
  const { status, text } = clientErrorResponse(error);
  logRefusal({ status, code: error.code ?? "malformed_request" });
  socket.end(text);
}
