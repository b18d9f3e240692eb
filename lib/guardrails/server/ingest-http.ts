// POST /api/releases/:id/metrics with an API token, answered in server.ts before Next.js: pushers send many small
// batches, and the benchmark showed Next's route pipeline costing several times the ingestion itself (about
// 7 ms of CPU per request here). Same authorization, limits, validation and error shape as the route handler,
// which still serves cookie-authenticated calls and reads (GET).
import "server-only";
import type { IncomingMessage, ServerResponse } from "node:http";
import { actorMay, forbiddenFor, resolveActor } from "../../auth/server/authorize";
import { appError, errorBody, errorFor, HttpError, type AppError } from "../../platform/http/app-error";
import { DATABASE_RETRY_AFTER_SECONDS } from "../../platform/http/database-unavailable";
import { BODY_LIMITS, checkJsonValue, decodeUtf8, isJsonContentType } from "../../platform/http/read-json-body";
import { readNodeBody } from "../../platform/http/read-node-body";
import { answerRefusal } from "../../platform/http/request-guard";
import { logError, logRefusal } from "../../platform/logging/ops-log";
import { ingestSamples } from "./ingest-samples";

export const INGEST_PATH = /^\/api\/releases\/([^/?#]+)\/metrics\/?(?:\?.*)?$/;

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "content-length": String(Buffer.byteLength(text)), "cache-control": "no-store", ...headers });
  res.end(text);
}

const fail = (res: ServerResponse, error: AppError, headers?: Record<string, string>) => send(res, error.status, errorBody(error), headers);

/** True when it answered; false means "not ours" (no bearer token, or not this path): hand it to Next.js. */
export function handleIngestRequest(req: IncomingMessage, res: ServerResponse): boolean {
  if (req.method !== "POST" || !req.url) return false;
  const match = INGEST_PATH.exec(req.url);
  if (!match || !req.headers.authorization?.toLowerCase().startsWith("bearer ")) return false;
  void serve(req, res, match[1]).catch((e) => {
    const error = errorFor(e);
    logError("ingest failed", { path: req.url, status: error.status, error: (e as Error).message });
    if (!res.headersSent) fail(res, error, error.status === 503 ? { "retry-after": String(DATABASE_RETRY_AFTER_SECONDS) } : undefined);
  });
  return true;
}

async function serve(req: IncomingMessage, res: ServerResponse, rawId: string) {
  let releaseId: string;
  try {
    releaseId = decodeURIComponent(rawId);
  } catch {
    return fail(res, appError(400, "invalid_request", "The release id in the path is not valid percent-encoding", { path: req.url }));
  }
  const actor = await resolveActor({ method: "POST", url: req.url, headers: req.headers });
  if (!actor) {
    logRefusal({ msg: "unauthenticated", method: "POST", path: req.url, status: 401, code: "unauthenticated", releaseId });
    return fail(res, appError(401, "unauthenticated", "Sign in (or send an API token) to do this"));
  }
  if (!(await actorMay(actor, "ingest", { releaseId }))) {
    return fail(res, forbiddenFor(actor, "ingest", { method: "POST", path: req.url, releaseId }));
  }
  // The same body discipline as every route (lib/platform/http/read-json-body.ts), on Node's request.
  const type = req.headers["content-type"] ?? null;
  if (!isJsonContentType(type)) {
    return fail(res, appError(415, "unsupported_media_type", "Send the body as JSON with Content-Type: application/json", { contentType: type }));
  }
  const body = await readNodeBody(req, BODY_LIMITS.ingest);
  if (body === "too_large") {
    const limit = BODY_LIMITS.ingest;
    return answerRefusal(req, res, appError(413, "payload_too_large", `The request body may be at most ${limit / (1024 * 1024)} MiB`, { limitBytes: limit }));
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(decodeUtf8(body));
  } catch (e) {
    if (e instanceof HttpError) return fail(res, e.error);
    return fail(res, appError(400, "invalid_json", "The request body is not valid JSON"));
  }
  const problem = checkJsonValue(parsed);
  if (problem) return fail(res, problem);
  const outcome = await ingestSamples(releaseId, parsed);
  if (!outcome.ok) return fail(res, outcome.error);
  send(res, 202, { stored: outcome.stored });
}
