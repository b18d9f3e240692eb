// OFREP (OpenFeature Remote Evaluation Protocol): single and bulk evaluation and the configuration, answered from
// the flag source, with the protocol's own error shape ({ key?, errorCode, errorDetails }; 401/403/429 with
// { errorDetails }, its general error body).
import type { IncomingMessage, ServerResponse } from "node:http";
import { createHash } from "node:crypto";
import type { Actor } from "../../auth/server/actor";
import { onNodeBody } from "../../platform/edge/read-node-body";
import { lingerThenClose, matchesEtag, sendJson, sendJsonText, sendTooLarge } from "../../platform/edge/respond";
import { isJsonContentType } from "../../platform/http/read-json-body";
import { type EvaluationContext, type Evaluation, evaluateFlag } from "../core/evaluate";
import type { ServedFlag } from "../core/served-flag";
import { streamTicket } from "./ofrep-ticket";
import type { FlagEdgePorts } from "./ports";
import { type AuthResult, authenticate, authenticateThen, inScope } from "./sdk-auth";

const OFREP_BODY_LIMIT = 64 * 1024;

export type OfrepErrorCode = "PARSE_ERROR" | "INVALID_CONTEXT" | "FLAG_NOT_FOUND" | "TARGETING_KEY_MISSING" | "GENERAL";

/** OFREP's error body; `key` only when the request named a flag. */
export function ofrepError(key: string | undefined, errorCode: OfrepErrorCode, errorDetails: string) {
  return key === undefined ? { errorCode, errorDetails } : { key, errorCode, errorDetails };
}

const REFUSAL_DETAILS = {
  401: "An SDK key is required: send it as Authorization: Bearer <key> or X-API-Key: <key>",
  403: "This key is not an SDK key: the flag endpoints take SDK keys only (create one on /admin)",
  429: "Too many unknown keys from this address: retry after the time in Retry-After",
} as const;

/**
 * A refused key, as OFREP answers it: the status (and when to come back, for 429), with the protocol's general
 * error body ({ errorDetails }) so an SDK's log says why; the specification gives these statuses no schema.
 */
export function sendOfrepRefusal(res: ServerResponse, auth: Extract<AuthResult, { ok: false }>): void {
  sendJson(res, auth.status, { errorDetails: REFUSAL_DETAILS[auth.status] }, auth.status === 429 ? { "retry-after": String(auth.retryAfter) } : undefined);
}

/** A request that carries a body: a length above zero, or chunked. */
export const hasBody = (req: IncomingMessage) => (Number(req.headers["content-length"]) || 0) > 0 || req.headers["transfer-encoding"] !== undefined;

type ContextResult = { ok: true; context: EvaluationContext } | { ok: false; errorCode: "PARSE_ERROR" | "INVALID_CONTEXT"; errorDetails: string };

function parseContext(text: string): ContextResult {
  if (text.trim() === "") return { ok: true, context: {} };
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return { ok: false, errorCode: "PARSE_ERROR", errorDetails: "the request body is not valid JSON" };
  }
  // Checked by hand, not with zod: the shape is one optional member, and a schema parse copies the whole context.
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    return { ok: false, errorCode: "PARSE_ERROR", errorDetails: 'the request body must be a JSON object: { "context": { ... } }' };
  }
  const context = (body as { context?: unknown }).context;
  if (context === undefined || context === null) return { ok: true, context: {} };
  if (typeof context !== "object" || Array.isArray(context)) {
    return { ok: false, errorCode: "INVALID_CONTEXT", errorDetails: "context must be a JSON object" };
  }
  return { ok: true, context: context as EvaluationContext };
}

function metadataOf(flag: ServedFlag) {
  return {
    releaseId: flag.releaseId,
    release: flag.releaseName,
    releaseStatus: flag.status,
    wave: flag.waveName ?? "",
    waveIndex: flag.waveIndex,
    sharePercent: flag.share,
  };
}

// A flag's state is replaced, never mutated, when its release moves, so its few possible successful answers are
// written once per state and reused: serializing the metadata was a visible share of an evaluation's CPU.
const answerTexts = new WeakMap<ServedFlag, Map<string, string>>();

function successText(flag: ServedFlag, r: Extract<Evaluation, { ok: true }>): string {
  let texts = answerTexts.get(flag);
  if (!texts) answerTexts.set(flag, (texts = new Map()));
  const which = r.value ? r.reason : `${r.reason}:off`;
  let text = texts.get(which);
  if (text === undefined) {
    text = JSON.stringify({ key: flag.spec.key, value: r.value, reason: r.reason, variant: r.variant, metadata: metadataOf(flag) });
    texts.set(which, text);
  }
  return text;
}

/** One flag's OFREP answer as JSON text, counted in the exposure. */
function evaluateForOfrep(ports: FlagEdgePorts, flag: ServedFlag, context: EvaluationContext, nowMs: number): { status: 200 | 400; text: string } {
  const r = evaluateFlag(flag, context);
  if (!r.ok) {
    ports.exposure.evaluations(flag.spec.key, 0, 0, 1, nowMs);
    return { status: 400, text: JSON.stringify({ key: flag.spec.key, errorCode: r.errorCode, errorDetails: r.errorDetails }) };
  }
  ports.exposure.evaluations(flag.spec.key, r.value ? 1 : 0, r.value ? 0 : 1, 0, nowMs);
  return { status: 200, text: successText(flag, r) };
}

const NOTED = Symbol("tidegate.ofrepClientNoted");
type NotedSocket = { [NOTED]?: { actorId: string; second: number } };

/** An OFREP client seen, for the SDK list: at most once a second per connection and key (one SDK instance). */
export function noteOfrepClient(ports: FlagEdgePorts, req: IncomingMessage, actor: Actor, nowMs: number): void {
  const socket = req.socket as unknown as NotedSocket;
  const second = Math.floor(nowMs / 1000);
  const noted = socket[NOTED];
  if (noted && noted.second === second && noted.actorId === actor.id) return;
  socket[NOTED] = { actorId: actor.id, second };
  const agent = req.headers["user-agent"] ?? "ofrep";
  ports.exposure.sdkSeen({ appName: actor.displayName, instanceId: `${req.socket.remoteAddress ?? "?"} ${agent}`, sdkVersion: agent, protocol: "ofrep" }, nowMs);
}

type OfrepRequest = { actor: Actor; context: EvaluationContext; now: number };

/**
 * The prelude both OFREP evaluation paths share: the SDK key, the bounded body and the evaluation context. Calls
 * `then` with them, or answers the request itself (with the protocol's error shape, naming the flag when there is
 * one) when any of them is wrong. Callbacks rather than async/await: with Next.js loaded, async hooks are live
 * process-wide, and the promises of an async prelude were a visible share of an evaluation's CPU.
 */
function readOfrepRequest(
  ports: FlagEdgePorts,
  req: IncomingMessage,
  res: ServerResponse,
  key: string | undefined,
  then: (request: OfrepRequest) => void,
  failed: (e: unknown) => void,
): void {
  authenticateThen(
    ports,
    req,
    (auth) => {
      if (!auth.ok) return sendOfrepRefusal(res, auth);
      // OFREP's bodies are JSON; an empty one is an empty context (the specification does not require a body).
      if (hasBody(req) && !isJsonContentType(req.headers["content-type"] ?? null)) {
        sendJson(res, 415, ofrepError(key, "PARSE_ERROR", "send the body as JSON with Content-Type: application/json"));
        return lingerThenClose(req);
      }
      onNodeBody(req, OFREP_BODY_LIMIT, (error, body) => {
        try {
          if (error) throw error;
          if (body === "too_large") return sendTooLarge(req, res, ofrepError(key, "PARSE_ERROR", `the body exceeds ${OFREP_BODY_LIMIT} bytes`));
          const now = Date.now();
          noteOfrepClient(ports, req, auth.actor, now);
          const ctx = parseContext(body!.toString("utf8"));
          if (!ctx.ok) return sendJson(res, 400, ofrepError(key, ctx.errorCode, ctx.errorDetails));
          then({ actor: auth.actor, context: ctx.context, now });
        } catch (e) {
          failed(e);
        }
      });
    },
    failed,
  );
}

export function ofrepSingle(ports: FlagEdgePorts, req: IncomingMessage, res: ServerResponse, key: string, failed: (e: unknown) => void): void {
  readOfrepRequest(
    ports,
    req,
    res,
    key,
    ({ actor, context, now }) => {
      const flag = ports.flags.get(key);
      if (!flag || !inScope(actor, flag)) return sendJson(res, 404, ofrepError(key, "FLAG_NOT_FOUND", `no flag "${key}" is served to this SDK key`));
      const out = evaluateForOfrep(ports, flag, context, now);
      sendJsonText(res, out.status, out.text);
    },
    failed,
  );
}

export function ofrepBulk(ports: FlagEdgePorts, req: IncomingMessage, res: ServerResponse, failed: (e: unknown) => void): void {
  readOfrepRequest(
    ports,
    req,
    res,
    undefined,
    ({ actor, context, now }) => {
      // The answer depends on the flags' state, the key's scope and the context: the ETag covers all three.
      const etag = `W/"${createHash("sha1").update(`${ports.flags.etag()}|${actor.id}|${JSON.stringify(context)}`).digest("base64url").slice(0, 24)}"`;
      if (matchesEtag(req.headers, etag)) return sendJson(res, 304, undefined, { etag });
      const flags = ports.flags
        .all()
        .filter((f) => inScope(actor, f))
        .map((f) => evaluateForOfrep(ports, f, context, now).text);
      // The eventStreams extension: browser providers hold this SSE stream open and re-fetch when it says so.
      const ticket = streamTicket(ports.ticketSecret, actor.id, now);
      const eventStreams = [{ type: "sse", endpoint: { requestUri: `/ofrep/v1/events?ticket=${ticket}` }, inactivityDelaySec: 120 }];
      // The same bytes as JSON.stringify({ flags, eventStreams }), with each flag's answer text reused.
      sendJsonText(res, 200, `{"flags":[${flags.join(",")}],"eventStreams":${JSON.stringify(eventStreams)}}`, { etag });
    },
    failed,
  );
}

export async function ofrepConfiguration(ports: FlagEdgePorts, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const auth = await authenticate(ports, req);
  if (!auth.ok) return sendOfrepRefusal(res, auth);
  sendJson(res, 200, {
    name: "Tidegate",
    capabilities: {
      cacheInvalidation: { polling: { enabled: true, minPollingIntervalMs: 1000 } },
      flagEvaluation: { supportedTypes: ["boolean"] },
    },
  });
}
