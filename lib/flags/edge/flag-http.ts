// The flag endpoints, answered in server.ts before Next.js: OFREP (single, bulk, configuration) and the Unleash
// client API. Evaluations come from memory; the benchmark showed a Next.js route handler is too heavy for this path.
import type { IncomingMessage, ServerResponse } from "node:http";
import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import { evaluateFlag, type EvaluationContext, type Evaluation } from "../core/evaluate";
import { toUnleashFeature } from "../core/unleash-features";
import type { Actor } from "../../auth/server/actor";
import { actorForToken, cachedActorForToken, hashToken, rememberTokenActor, tokenActor } from "../../auth/server/api-tokens";
import { config } from "../../platform/config/config";
import { db } from "../../platform/db/client";
import { onNodeBody, readNodeBody } from "../../platform/http/read-node-body";
import { answerRefusal, refuseBeforeNext } from "../../platform/http/request-guard";
import { logError } from "../../platform/logging/ops-log";
import { recordEvaluations, sdkSeen } from "../server/exposure";
import { allFlags, flagsEtag, getFlag, onFlagsChanged, type ServedFlag } from "../server/flag-store";

const OFREP_BODY_LIMIT = 64 * 1024;
const UNLEASH_BODY_LIMIT = 1024 * 1024;

export const FLAG_PATHS = /^\/(ofrep\/|api\/client\/)/;

const CORS: Record<string, string> = {
  // SDK keys travel in a header, never a cookie, so any origin may call: browser providers run on the app's origin.
  "access-control-allow-origin": "*",
  "access-control-allow-headers": "authorization, content-type, if-none-match, x-api-key, unleash-appname, unleash-instanceid, unleash-sdk, unleash-connection-id, unleash-interval",
  "access-control-allow-methods": "GET, POST, OPTIONS",
  "access-control-expose-headers": "etag",
  "access-control-max-age": "600",
  // Chromium's Private Network Access preflight: an app on a public origin may call a Tidegate on an internal address.
  "access-control-allow-private-network": "true",
};

const CORS_ENTRIES = Object.entries(CORS);

function send(res: ServerResponse, status: number, body?: unknown, headers?: Record<string, string>) {
  sendJson(res, status, body === undefined ? undefined : JSON.stringify(body), headers);
}

/** Answers with JSON text already written (or no body). */
function sendJson(res: ServerResponse, status: number, text: string | undefined, headers?: Record<string, string>) {
  // Header writing is a measurable share of an evaluation's CPU: keep the set small and built without spreads.
  const out: Record<string, string> = {
    "content-length": text === undefined ? "0" : String(Buffer.byteLength(text)),
    "cache-control": "no-store",
  };
  if (text !== undefined) out["content-type"] = "application/json; charset=utf-8";
  if (headers) for (const k in headers) out[k] = headers[k];
  res.writeHead(status, out);
  res.end(text ?? "");
}

/** The answer to a request whose handling threw: logged, 500 in the OFREP shape, or the connection cut mid-answer. */
function failed(res: ServerResponse, e: unknown) {
  logError("flag endpoint failed", { error: (e as Error).message });
  if (!res.headersSent) send(res, 500, { errorDetails: "Tidegate could not evaluate the flags; nothing was changed" });
  else res.destroy();
}

function sdkKeyOf(req: IncomingMessage): string | undefined {
  const apiKey = req.headers["x-api-key"];
  if (typeof apiKey === "string" && apiKey.trim()) return apiKey.trim();
  const auth = req.headers.authorization?.trim();
  if (!auth) return undefined;
  // OFREP providers send "Bearer <key>"; Unleash SDKs send the key bare.
  return auth.toLowerCase().startsWith("bearer ") ? auth.slice(7).trim() : auth;
}

type AuthResult = { ok: true; actor: Actor } | { ok: false; status: 401 | 403 };

const authResult = (actor: Actor | null): AuthResult =>
  !actor ? { ok: false, status: 401 } : actor.tokenKind !== "sdk" ? { ok: false, status: 403 } : { ok: true, actor };

/**
 * Where SDK keys are looked up. In the main thread, the database; in the flag worker (FLAGS_PORT), the main thread,
 * asked by message: the worker never opens the database itself (on SQLite all access shares one queue).
 */
export interface FlagAuthHost {
  actorForToken(token: string): Promise<Actor | null>;
  /** The actor of an SDK key by id, unless revoked (an SSE stream's ticket names the key by id). */
  sdkKeyById(id: string): Promise<Actor | null>;
}

export async function sdkKeyByIdFromDatabase(id: string): Promise<Actor | null> {
  const row = await db().apiToken.findUnique({ where: { id } });
  return !row || row.revokedAt || row.kind !== "sdk" ? null : tokenActor(row);
}

let authHost: FlagAuthHost = { actorForToken: (token) => actorForToken(token), sdkKeyById: sdkKeyByIdFromDatabase };

export function setFlagAuthHost(host: FlagAuthHost): void {
  authHost = host;
}

/** The host's answer for a key, kept in this thread's token cache (the main thread's lookup caches it already). */
async function lookUpKey(key: string): Promise<Actor | null> {
  const actor = await authHost.actorForToken(key);
  if (actor) rememberTokenActor(hashToken(key), actor);
  return actor;
}

const TOKEN_HASH = Symbol("tidegate.sdkKeyHash");
type HashedSocket = { [TOKEN_HASH]?: { key: string; hash: string } };

/** A keep-alive connection sends the same key with every evaluation: it is hashed once per connection. */
function tokenHashOnSocket(req: IncomingMessage, key: string): string {
  const socket = req.socket as unknown as HashedSocket;
  const memo = socket[TOKEN_HASH];
  if (memo && memo.key === key) return memo.hash;
  const hash = hashToken(key);
  socket[TOKEN_HASH] = { key, hash };
  return hash;
}

/** The request's SDK key checked, without a promise when the key is cached (nearly always): the evaluation hot path. */
function authenticateThen(req: IncomingMessage, then: (auth: AuthResult) => void, fail: (e: unknown) => void): void {
  const key = sdkKeyOf(req);
  const actor = key ? cachedActorForToken(key, tokenHashOnSocket(req, key)) : null;
  if (!key || actor) {
    then(authResult(actor ?? null));
    return;
  }
  lookUpKey(key).then((a) => then(authResult(a))).catch(fail);
}

/** The same check as a promise, for the paths that are not per evaluation (features, register, metrics). */
function authenticate(req: IncomingMessage): Promise<AuthResult> {
  return new Promise((resolve, reject) => authenticateThen(req, resolve, reject));
}

/** An SDK key limited to a release or a service sees only those flags; to it the others do not exist. */
function inScope(actor: Actor, flag: ServedFlag): boolean {
  if (actor.releaseScope && actor.releaseScope !== flag.releaseId) return false;
  if (actor.serviceScope && actor.serviceScope !== flag.service) return false;
  return true;
}

/** The body as text, or null (having answered 413 in the caller's shape) when it is past the limit. */
async function readText(req: IncomingMessage, limit: number): Promise<string | null> {
  const body = await readNodeBody(req, limit);
  return body === "too_large" ? null : body.toString("utf8");
}

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
function evaluateForOfrep(flag: ServedFlag, context: EvaluationContext, nowMs: number): { status: 200 | 400; text: string } {
  const r = evaluateFlag(flag, context);
  if (!r.ok) {
    recordEvaluations(flag.spec.key, 0, 0, 1, nowMs);
    return { status: 400, text: JSON.stringify({ key: flag.spec.key, errorCode: r.errorCode, errorDetails: r.errorDetails }) };
  }
  recordEvaluations(flag.spec.key, r.value ? 1 : 0, r.value ? 0 : 1, 0, nowMs);
  return { status: 200, text: successText(flag, r) };
}

const NOTED = Symbol("tidegate.ofrepClientNoted");
type NotedSocket = { [NOTED]?: { actorId: string; second: number } };

function noteOfrepClient(req: IncomingMessage, actor: Actor, nowMs: number) {
  // At most once a second per connection and key: a keep-alive connection is one SDK instance.
  const socket = req.socket as unknown as NotedSocket;
  const second = Math.floor(nowMs / 1000);
  const noted = socket[NOTED];
  if (noted && noted.second === second && noted.actorId === actor.id) return;
  socket[NOTED] = { actorId: actor.id, second };
  const agent = req.headers["user-agent"] ?? "ofrep";
  sdkSeen({ appName: actor.displayName, instanceId: `${req.socket.remoteAddress ?? "?"} ${agent}`, sdkVersion: agent, protocol: "ofrep" }, nowMs);
}

type OfrepRequest = { actor: Actor; context: EvaluationContext; now: number };

/**
 * The prelude both OFREP evaluation paths share: the SDK key, the bounded body and the evaluation context. Calls
 * `then` with them, or answers the request itself (with the protocol's error shape, naming the flag when there is
 * one) when any of them is wrong. Callbacks rather than async/await: with Next.js loaded, async hooks are live
 * process-wide, and the promises of an async prelude were a visible share of an evaluation's CPU.
 */
function readOfrepRequest(req: IncomingMessage, res: ServerResponse, key: string | undefined, then: (request: OfrepRequest) => void): void {
  authenticateThen(req, (auth) => {
    if (!auth.ok) return send(res, auth.status);
    onNodeBody(req, OFREP_BODY_LIMIT, (error, body) => {
      try {
        if (error) throw error;
        const named = key === undefined ? {} : { key };
        if (body === "too_large") {
          return tooLarge(res, { ...named, errorCode: "PARSE_ERROR", errorDetails: `the body exceeds ${OFREP_BODY_LIMIT} bytes` });
        }
        const now = Date.now();
        noteOfrepClient(req, auth.actor, now);
        const ctx = parseContext(body!.toString("utf8"));
        if (!ctx.ok) return send(res, 400, { ...named, errorCode: ctx.errorCode, errorDetails: ctx.errorDetails });
        then({ actor: auth.actor, context: ctx.context, now });
      } catch (e) {
        failed(res, e);
      }
    });
  }, (e) => failed(res, e));
}

function ofrepSingle(req: IncomingMessage, res: ServerResponse, key: string): void {
  readOfrepRequest(req, res, key, ({ actor, context, now }) => {
    const flag = getFlag(key);
    if (!flag || !inScope(actor, flag)) {
      return send(res, 404, { key, errorCode: "FLAG_NOT_FOUND", errorDetails: `no flag "${key}" is served to this SDK key` });
    }
    const out = evaluateForOfrep(flag, context, now);
    sendJson(res, out.status, out.text);
  });
}

function ofrepBulk(req: IncomingMessage, res: ServerResponse): void {
  readOfrepRequest(req, res, undefined, ({ actor, context, now }) => {
    // The answer depends on the flags' state, the key's scope and the context: the ETag covers all three.
    const etag = `W/"${createHash("sha1").update(`${flagsEtag()}|${actor.id}|${JSON.stringify(context)}`).digest("base64url").slice(0, 24)}"`;
    if (matchesEtag(req, etag)) return send(res, 304, undefined, { etag });
    const flags = allFlags()
      .filter((f) => inScope(actor, f))
      .map((f) => evaluateForOfrep(f, context, now).text);
    // The eventStreams extension: browser providers hold this SSE stream open and re-fetch when it says so.
    const eventStreams = [{ type: "sse", endpoint: { requestUri: `/ofrep/v1/events?ticket=${streamTicket(actor.id, now)}` }, inactivityDelaySec: 120 }];
    // The same bytes as JSON.stringify({ flags, eventStreams }), with each flag's answer text reused.
    sendJson(res, 200, `{"flags":[${flags.join(",")}],"eventStreams":${JSON.stringify(eventStreams)}}`, { etag });
  });
}

// ---------------------------------------------------------------- SSE change notifications

/** Tickets already signed, by key id and expiry (cleared whole when full: it is only a cache). */
const TICKETS_KEPT = 10_000;
const ticketsIssued = new Map<string, string>();

/**
 * EventSource cannot send headers, so the stream URL carries a ticket: the SDK key's id and an expiry, signed with
 * the server secret. It is stable for a day (so bulk answers and their ETag stay stable) and valid for two.
 */
function streamTicket(tokenId: string, nowMs: number): string {
  const exp = (Math.floor(nowMs / 86_400_000) + 2) * 86_400_000;
  const unsigned = `${tokenId}.${exp}`;
  let ticket = ticketsIssued.get(unsigned);
  if (ticket === undefined) {
    // Every bulk answer carries one: signed once per key and day instead of once per request.
    if (ticketsIssued.size >= TICKETS_KEPT) ticketsIssued.clear();
    ticket = `${unsigned}.${ticketSignature(tokenId, exp)}`;
    ticketsIssued.set(unsigned, ticket);
  }
  return ticket;
}

function ticketSignature(tokenId: string, exp: number): string {
  return createHmac("sha256", config().authSecret).update(`ofrep-events:${tokenId}.${exp}`).digest("base64url").slice(0, 32);
}

async function actorForTicket(ticket: string | null, nowMs: number): Promise<Actor | null> {
  const [tokenId, expText, signature] = (ticket ?? "").split(".");
  const exp = Number(expText);
  if (!tokenId || !signature || !Number.isFinite(exp) || exp < nowMs) return null;
  const expected = Buffer.from(ticketSignature(tokenId, exp));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  // A revoked key loses its stream at the next connect.
  return authHost.sdkKeyById(tokenId);
}

async function ofrepEvents(req: IncomingMessage, res: ServerResponse, url: URL) {
  const now = Date.now();
  const actor = await actorForTicket(url.searchParams.get("ticket"), now);
  if (!actor) return send(res, 401);
  res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-store", connection: "keep-alive", "x-accel-buffering": "no" });
  res.write(": tidegate flag changes\n\n");
  noteOfrepClient(req, actor, now);
  const unsubscribe = onFlagsChanged((keys) => {
    const relevant = keys.some((k) => {
      const f = getFlag(k);
      return !f || inScope(actor, f);
    });
    if (relevant) res.write(`data: ${JSON.stringify({ type: "refetchEvaluation", etag: flagsEtag(), lastModified: Date.now() })}\n\n`);
  });
  // A comment every 25 s keeps proxies from closing an idle stream.
  const keepAlive = setInterval(() => res.write(": keep-alive\n\n"), 25_000);
  keepAlive.unref();
  const close = () => {
    clearInterval(keepAlive);
    unsubscribe();
  };
  req.on("close", close);
  res.on("error", close);
}

function matchesEtag(req: IncomingMessage, etag: string): boolean {
  const header = req.headers["if-none-match"];
  if (!header) return false;
  const bare = etag.replace(/^W\//, "");
  return header.split(",").some((t) => {
    const v = t.trim();
    return v === "*" || v === etag || v.replace(/^W\//, "") === bare;
  });
}

function tooLarge(res: ServerResponse, body: unknown) {
  // Stop reading a body we refuse; the connection closes after the answer instead of draining megabytes.
  send(res, 413, body, { connection: "close" });
}

function ofrepConfiguration(res: ServerResponse) {
  send(res, 200, {
    name: "Tidegate",
    capabilities: {
      cacheInvalidation: { polling: { enabled: true, minPollingIntervalMs: 1000 } },
      flagEvaluation: { supportedTypes: ["boolean"] },
    },
  });
}

function unleashSdkHeaders(req: IncomingMessage, actor: Actor, nowMs: number) {
  const h = (n: string) => {
    const v = req.headers[n];
    return typeof v === "string" ? v : undefined;
  };
  sdkSeen(
    {
      appName: h("unleash-appname") ?? actor.displayName,
      instanceId: h("unleash-instanceid") ?? h("unleash-connection-id") ?? req.socket.remoteAddress ?? "?",
      sdkVersion: h("unleash-sdk") ?? h("user-agent") ?? "unleash",
      protocol: "unleash",
    },
    nowMs,
  );
}

async function unleashFeatures(req: IncomingMessage, res: ServerResponse) {
  const auth = await authenticate(req);
  if (!auth.ok) return send(res, auth.status, { error: { code: auth.status === 401 ? "unauthenticated" : "forbidden", message: "An SDK key is required", details: null } });
  unleashSdkHeaders(req, auth.actor, Date.now());
  const etag = `"${createHash("sha1").update(`${flagsEtag()}|${auth.actor.id}`).digest("base64url").slice(0, 24)}"`;
  if (matchesEtag(req, etag)) return send(res, 304, undefined, { etag });
  const features = allFlags()
    .filter((f) => inScope(auth.actor, f))
    .map((f) => toUnleashFeature(f, f.releaseName));
  send(res, 200, { version: 2, features }, { etag });
}

const MetricsSchema = z.object({
  appName: z.string().max(200).optional(),
  instanceId: z.string().max(200).optional(),
  bucket: z.object({
    start: z.unknown().optional(),
    stop: z.unknown().optional(),
    toggles: z.record(
      z.string().max(200),
      z.object({ yes: z.number().int().min(0).max(1e9).default(0), no: z.number().int().min(0).max(1e9).default(0) }).passthrough(),
    ),
  }),
}).passthrough();

const RegisterSchema = z.object({
  appName: z.string().max(200),
  instanceId: z.string().max(200).optional(),
  sdkVersion: z.string().max(200).optional(),
}).passthrough();

async function unleashPost(req: IncomingMessage, res: ServerResponse, what: "register" | "metrics") {
  const auth = await authenticate(req);
  if (!auth.ok) return send(res, auth.status, { error: { code: auth.status === 401 ? "unauthenticated" : "forbidden", message: "An SDK key is required", details: null } });
  const text = await readText(req, UNLEASH_BODY_LIMIT);
  if (text === null) return tooLarge(res, { error: { code: "body_too_large", message: `The body exceeds ${UNLEASH_BODY_LIMIT} bytes`, details: null } });
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return send(res, 400, { error: { code: "invalid_json", message: "The request body is not valid JSON", details: null } });
  }
  const now = Date.now();
  if (what === "register") {
    const parsed = RegisterSchema.safeParse(body);
    if (!parsed.success) return send(res, 400, { error: { code: "invalid_request", message: "Invalid registration", details: parsed.error.issues } });
    sdkSeen({ appName: parsed.data.appName, instanceId: parsed.data.instanceId ?? "?", sdkVersion: parsed.data.sdkVersion ?? "?", protocol: "unleash" }, now);
    return send(res, 202);
  }
  const parsed = MetricsSchema.safeParse(body);
  if (!parsed.success) return send(res, 400, { error: { code: "invalid_request", message: "Invalid metrics", details: parsed.error.issues } });
  if (parsed.data.appName) sdkSeen({ appName: parsed.data.appName, instanceId: parsed.data.instanceId ?? "?", sdkVersion: "?", protocol: "unleash" }, now);
  for (const [key, counts] of Object.entries(parsed.data.bucket.toggles)) {
    const flag = getFlag(key);
    // Counts for flags this key cannot see are dropped, not stored: an SDK key writes nothing beyond its scope.
    if (flag && inScope(auth.actor, flag)) recordEvaluations(key, counts.yes, counts.no, 0, now);
  }
  send(res, 202);
}

/** Handles a request under /ofrep/ or /api/client/; anything else there is 404 or 405 in the protocol's shape. */
// A plain flag key in the path: evaluated without building a URL (the percent-encoded and odd ones take the
// general route below, whose URL parsing normalises them).
const PLAIN_SINGLE = /^\/ofrep\/v1\/evaluate\/flags\/([A-Za-z0-9_-]+)(?:\?|$)/;

export async function handleFlagRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
  try {
    const method = req.method ?? "GET";
    // Only browsers send Origin; server SDKs get no CORS headers they would ignore.
    if (req.headers.origin) for (const [k, v] of CORS_ENTRIES) res.setHeader(k, v);
    if (method === "POST") {
      const plain = PLAIN_SINGLE.exec(req.url ?? "");
      if (plain) return ofrepSingle(req, res, plain[1]);
    }
    const url = new URL(req.url ?? "/", "http://x");
    const path = url.pathname;
    if (method === "OPTIONS") return send(res, 204);
    if (path === "/ofrep/v1/evaluate/flags" || path === "/ofrep/v1/evaluate/flags/") {
      return method === "POST" ? ofrepBulk(req, res) : send(res, 405, { errorDetails: "use POST" }, { allow: "POST" });
    }
    if (path.startsWith("/ofrep/v1/evaluate/flags/")) {
      const key = decodeURIComponent(path.slice("/ofrep/v1/evaluate/flags/".length));
      return method === "POST" ? ofrepSingle(req, res, key) : send(res, 405, { key, errorCode: "GENERAL", errorDetails: "use POST" }, { allow: "POST" });
    }
    if (path === "/ofrep/v1/events") return method === "GET" ? await ofrepEvents(req, res, url) : send(res, 405, undefined, { allow: "GET" });
    if (path === "/ofrep/v1/configuration") {
      const auth = await authenticate(req);
      if (!auth.ok) return send(res, auth.status);
      return ofrepConfiguration(res);
    }
    if (path === "/api/client/features") return method === "GET" ? await unleashFeatures(req, res) : send(res, 405, undefined, { allow: "GET" });
    if (path === "/api/client/register") return method === "POST" ? await unleashPost(req, res, "register") : send(res, 405, undefined, { allow: "POST" });
    if (path === "/api/client/metrics") return method === "POST" ? await unleashPost(req, res, "metrics") : send(res, 405, undefined, { allow: "POST" });
    if (path.startsWith("/ofrep/")) return send(res, 404, { errorDetails: `no OFREP endpoint at ${path}` });
    return send(res, 404, { error: { code: "not_found", message: `No endpoint at ${path}`, details: null } });
  } catch (e) {
    failed(res, e);
  }
}

/**
 * The front of both ports (server.ts and the flag worker): a request the guard refuses is answered so, a flag path is
 * handled here; true when the request was answered. Flag evaluations come before Next.js: its route pipeline costs
 * more than the evaluation.
 */
export function answerRefusalOrFlags(req: IncomingMessage, res: ServerResponse): boolean {
  const refusal = refuseBeforeNext(req);
  if (refusal) {
    answerRefusal(req, res, refusal);
    return true;
  }
  if (!req.url || !FLAG_PATHS.test(req.url)) return false;
  void handleFlagRequest(req, res);
  return true;
}
