// POST /api/releases/:id/metrics with an API token, answered in server.ts before Next.js: pushers send many small
// batches, and the benchmark showed Next's route pipeline costing several times the ingestion itself (about
// 7 ms of CPU per request here). Same authorization, limits, validation and error shape as the route handler,
// which still serves cookie-authenticated calls and reads (GET). The request handling it shares with the flag front
// door (body limit, bearer token, failed-key budget, answers) is lib/platform/edge's.
import "server-only";
import type { IncomingMessage, ServerResponse } from "node:http";
import { actorForToken } from "../../auth/server/api-tokens";
import { actorMay, forbiddenFor, INVALID_TOKEN_MESSAGE } from "../../auth/server/authorize";
import { hashToken, isWellFormedToken, wasCachedHash } from "../../auth/server/token-cache";
import { appError, errorFor, HttpError } from "../../platform/http/app-error";
import { DATABASE_RETRY_AFTER_SECONDS } from "../../platform/http/database-unavailable";
import { BODY_LIMITS, checkJsonValue, decodeUtf8, isJsonContentType } from "../../platform/http/read-json-body";
import { bearerToken } from "../../platform/edge/credentials";
import { failedKeyLookups, rateLimited } from "../../platform/edge/failure-limit";
import { readNodeBody } from "../../platform/edge/read-node-body";
import { answerRefusal } from "../../platform/edge/request-guard";
import { sendError, sendJson } from "../../platform/edge/respond";
import { logError, logRefusal } from "../../platform/logging/ops-log";
import { ingestSamples } from "./ingest-samples";

export const INGEST_PATH = /^\/api\/releases\/([^/?#]+)\/metrics\/?(?:\?.*)?$/;

/**
 * True when it answered; false means "not ours" (no bearer token, or not this path): hand it to Next.js.
 * `clientAddress` names the caller for the budget of failed token lookups.
 */
export function handleIngestRequest(req: IncomingMessage, res: ServerResponse, clientAddress: (req: IncomingMessage) => string): boolean {
  if (req.method !== "POST" || !req.url) return false;
  const match = INGEST_PATH.exec(req.url);
  const token = match ? bearerToken(req.headers) : undefined;
  if (!match || token === undefined) return false;
  void serve(req, res, match[1], token, clientAddress).catch((e) => {
    const error = errorFor(e);
    if (error.status < 500) logRefusal({ method: "POST", path: req.url, status: error.status, code: error.code });
    else logError("ingest failed", { path: req.url, status: error.status, error: (e as Error).message });
    if (req.destroyed) return;
    if (!res.headersSent) sendError(res, error, error.status === 503 ? { "retry-after": String(DATABASE_RETRY_AFTER_SECONDS) } : undefined);
  });
  return true;
}

async function serve(req: IncomingMessage, res: ServerResponse, rawId: string, token: string, clientAddress: (req: IncomingMessage) => string) {
  let releaseId: string;
  try {
    releaseId = decodeURIComponent(rawId);
  } catch {
    return sendError(res, appError(400, "invalid_request", "The release id in the path is not valid percent-encoding", { path: req.url }));
  }
  // Only a guess costs the store a lookup that may fail: a well-formed token not valid a moment ago (sdk-auth.ts).
  const costly = isWellFormedToken(token) && !wasCachedHash(hashToken(token));
  const client = costly ? clientAddress(req) : "";
  const retryAfter = costly ? failedKeyLookups.charge(client, Date.now()) : 0;
  if (retryAfter > 0) {
    const error = rateLimited(retryAfter);
    logRefusal({ method: "POST", path: req.url, status: error.status, code: error.code, releaseId });
    return sendError(res, error, { "retry-after": String(retryAfter) });
  }
  const actor = await actorForToken(token);
  if (actor && costly) failedKeyLookups.refund(client, Date.now());
  if (!actor) {
    logRefusal({ msg: "unauthenticated", method: "POST", path: req.url, status: 401, code: "unauthenticated", releaseId });
    return sendError(res, appError(401, "unauthenticated", INVALID_TOKEN_MESSAGE, { reason: "invalid_token" }));
  }
  if (!(await actorMay(actor, "ingest", { releaseId }))) {
    return sendError(res, forbiddenFor(actor, "ingest", { method: "POST", path: req.url, releaseId }));
  }
  // The same body discipline as every route (lib/platform/http/read-json-body.ts), on Node's request.
  const type = req.headers["content-type"] ?? null;
  if (!isJsonContentType(type)) {
    return sendError(res, appError(415, "unsupported_media_type", "Send the body as JSON with Content-Type: application/json", { contentType: type }));
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
    if (e instanceof HttpError) return sendError(res, e.error);
    return sendError(res, appError(400, "invalid_json", "The request body is not valid JSON"));
  }
  const problem = checkJsonValue(parsed);
  if (problem) return sendError(res, problem);
  const outcome = await ingestSamples(releaseId, parsed);
  if (!outcome.ok) return sendError(res, outcome.error);
  sendJson(res, 202, { stored: outcome.stored });
}
