// The Unleash client API (features, register, metrics) for Unleash SDKs, answered from the flag source; its errors
// are in the house shape.
import type { IncomingMessage, ServerResponse } from "node:http";
import { createHash } from "node:crypto";
import { z } from "zod";
import type { Actor } from "../../auth/server/actor";
import { appError } from "../../platform/http/app-error";
import { readNodeBody } from "../../platform/edge/read-node-body";
import { lingerThenClose, matchesEtag, sendError, sendJson, sendTooLarge } from "../../platform/edge/respond";
import { isJsonContentType } from "../../platform/http/read-json-body";
import { toUnleashFeature } from "../core/unleash-features";
import type { FlagEdgePorts } from "./ports";
import { authenticate, authRefusal, inScope } from "./sdk-auth";

const UNLEASH_BODY_LIMIT = 1024 * 1024;

export const MetricsSchema = z.object({
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

export const RegisterSchema = z.object({
  appName: z.string().max(200),
  instanceId: z.string().max(200).optional(),
  sdkVersion: z.string().max(200).optional(),
}).passthrough();

function noteUnleashClient(ports: FlagEdgePorts, req: IncomingMessage, actor: Actor, nowMs: number) {
  const h = (n: string) => {
    const v = req.headers[n];
    return typeof v === "string" ? v : undefined;
  };
  ports.exposure.sdkSeen(
    {
      appName: h("unleash-appname") ?? actor.displayName,
      instanceId: h("unleash-instanceid") ?? h("unleash-connection-id") ?? req.socket.remoteAddress ?? "?",
      sdkVersion: h("unleash-sdk") ?? h("user-agent") ?? "unleash",
      protocol: "unleash",
    },
    nowMs,
  );
}

export async function unleashFeatures(ports: FlagEdgePorts, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const auth = await authenticate(ports, req);
  if (!auth.ok) {
    const refusal = authRefusal(auth);
    return sendError(res, refusal.error, refusal.headers);
  }
  noteUnleashClient(ports, req, auth.actor, Date.now());
  const etag = `"${createHash("sha1").update(`${ports.flags.etag()}|${auth.actor.id}`).digest("base64url").slice(0, 24)}"`;
  if (matchesEtag(req.headers, etag)) return sendJson(res, 304, undefined, { etag });
  const features = ports.flags
    .all()
    .filter((f) => inScope(auth.actor, f))
    .map((f) => toUnleashFeature(f, f.releaseName));
  sendJson(res, 200, { version: 2, features }, { etag });
}

export async function unleashPost(ports: FlagEdgePorts, req: IncomingMessage, res: ServerResponse, what: "register" | "metrics"): Promise<void> {
  const auth = await authenticate(ports, req);
  if (!auth.ok) {
    const refusal = authRefusal(auth);
    return sendError(res, refusal.error, refusal.headers);
  }
  const type = req.headers["content-type"] ?? null;
  if (!isJsonContentType(type)) {
    sendError(res, appError(415, "unsupported_media_type", "Send the body as JSON with Content-Type: application/json", { contentType: type }));
    return lingerThenClose(req);
  }
  const body = await readNodeBody(req, UNLEASH_BODY_LIMIT);
  if (body === "too_large") return sendTooLarge(req, res, { error: { code: "body_too_large", message: `The body exceeds ${UNLEASH_BODY_LIMIT} bytes`, details: null } });
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString("utf8"));
  } catch {
    return sendError(res, appError(400, "invalid_json", "The request body is not valid JSON"));
  }
  const now = Date.now();
  if (what === "register") {
    const registration = RegisterSchema.safeParse(parsed);
    if (!registration.success) return sendError(res, appError(400, "invalid_request", "Invalid registration", registration.error.issues));
    const { appName, instanceId, sdkVersion } = registration.data;
    ports.exposure.sdkSeen({ appName, instanceId: instanceId ?? "?", sdkVersion: sdkVersion ?? "?", protocol: "unleash" }, now);
    return sendJson(res, 202);
  }
  const metrics = MetricsSchema.safeParse(parsed);
  if (!metrics.success) return sendError(res, appError(400, "invalid_request", "Invalid metrics", metrics.error.issues));
  if (metrics.data.appName) ports.exposure.sdkSeen({ appName: metrics.data.appName, instanceId: metrics.data.instanceId ?? "?", sdkVersion: "?", protocol: "unleash" }, now);
  for (const [key, counts] of Object.entries(metrics.data.bucket.toggles)) {
    const flag = ports.flags.get(key);
    // Counts for flags this key cannot see are dropped, not stored: an SDK key writes nothing beyond its scope.
    if (flag && inScope(auth.actor, flag)) ports.exposure.evaluations(key, counts.yes, counts.no, 0, now);
  }
  sendJson(res, 202);
}
