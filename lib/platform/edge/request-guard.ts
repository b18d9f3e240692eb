// Checks the front doors (server.ts and the flag worker) make before anything else sees a request: a path whose
// percent-encoding is malformed (Next.js answers those with a plain-text 500) and a declared body larger than any
// route accepts (refused unread).
import type { IncomingMessage, ServerResponse } from "node:http";
import { isWellFormed } from "../../releases/core/text";
import { appError, type AppError } from "../http/app-error";
import { BODY_LIMITS } from "../http/read-json-body";
import { logRefusal } from "../logging/ops-log";
import { lingerThenClose, sendError } from "./respond";

const LARGEST_BODY = Math.max(...Object.values(BODY_LIMITS));

export function refuseBeforeNext(req: Pick<IncomingMessage, "url" | "headers" | "method">): AppError | null {
  const url = req.url ?? "/";
  const query = url.indexOf("?");
  const path = query < 0 ? url : url.slice(0, query);
  let decoded: string;
  try {
    // Only percent sequences decode: a path without one is its own decoding (the common case, on every request).
    decoded = path.includes("%") ? decodeURIComponent(path) : path;
  } catch {
    return appError(400, "invalid_path", "The request path is not valid percent-encoding", { path: path.slice(0, 200) });
  }
  if (!isWellFormed(decoded) || decoded.includes("\u0000")) {
    return appError(400, "invalid_path", "The request path is not well-formed text", { path: path.slice(0, 200) });
  }
  const declared = Number(req.headers["content-length"] ?? Number.NaN);
  if (Number.isFinite(declared) && declared > LARGEST_BODY) {
    return appError(413, "payload_too_large", `The request body may be at most ${LARGEST_BODY / (1024 * 1024)} MiB`, { limitBytes: LARGEST_BODY });
  }
  return null;
}

/** True when the guard refused the request and answered it (see refuseBeforeNext); false lets it through. */
export function answeredRefusal(req: IncomingMessage, res: ServerResponse): boolean {
  const refusal = refuseBeforeNext(req);
  if (!refusal) return false;
  answerRefusal(req, res, refusal);
  return true;
}

/** Answers in the one error shape and logs it; a refused body is discarded, never buffered, and the connection closed. */
export function answerRefusal(req: IncomingMessage, res: ServerResponse, error: AppError): void {
  logRefusal({ method: req.method, path: (req.url ?? "").slice(0, 200), status: error.status, code: error.code });
  sendError(res, error);
  if (error.status === 413) lingerThenClose(req);
}

const bare = (address: string) => address.replace(/^::ffff:/, "");

/**
 * The client's address for login throttling: the socket's peer, or, when that peer is a configured reverse proxy,
 * the nearest untrusted hop of X-Forwarded-For. Forwarding headers from any other peer are removed, so neither the
 * address nor the CSRF check's X-Forwarded-Host can be forged by a client.
 */
export function clientAddress(req: Pick<IncomingMessage, "headers" | "socket">, trustedProxies: readonly string[]): string {
  const peer = bare(req.socket.remoteAddress ?? "unknown");
  const trusted = new Set(trustedProxies.map(bare));
  if (!trusted.has(peer)) {
    delete req.headers["x-forwarded-for"];
    delete req.headers["x-forwarded-host"];
    delete req.headers["x-forwarded-proto"];
    return peer;
  }
  const raw = req.headers["x-forwarded-for"];
  const hops = (Array.isArray(raw) ? raw.join(",") : (raw ?? "")).split(",").map((h) => bare(h.trim())).filter(Boolean);
  for (let i = hops.length - 1; i >= 0; i--) if (!trusted.has(hops[i])) return hops[i];
  return hops[0] ?? peer;
}
