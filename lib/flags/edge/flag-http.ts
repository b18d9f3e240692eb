// The flag front door: OFREP (single, bulk, configuration, event streams) and the Unleash client API, answered
// before Next.js in the main thread (server.ts) and alone in the flag worker (FLAGS_PORT). Evaluations come from
// memory; the benchmark showed a Next.js route handler is too heavy for this path. Everything it needs from its host
// arrives through the ports (ports.ts).
import type { IncomingMessage, ServerResponse } from "node:http";
import { appError, HttpError } from "../../platform/http/app-error";
import { sendError, sendJson } from "../../platform/edge/respond";
import { logError, logRefusal } from "../../platform/logging/ops-log";
import { ofrepBulk, ofrepConfiguration, ofrepError, ofrepSingle } from "./ofrep";
import { ofrepEvents } from "./ofrep-events";
import type { FlagEdgePorts } from "./ports";
import { unleashFeatures, unleashPost } from "./unleash-client-api";

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

/** The answer to a request whose handling threw: logged, 500 (or the refusal's status) in the OFREP shape, or the connection cut mid-answer. */
function failed(res: ServerResponse, e: unknown) {
  const status = e instanceof HttpError ? e.error.status : 500;
  if (status < 500) logRefusal({ method: res.req.method, path: res.req.url?.slice(0, 200), status, code: (e as HttpError).error.code });
  else logError("flag endpoint failed", { error: (e as Error).message });
  if (res.headersSent || res.req.destroyed) return void res.destroy();
  sendJson(res, status, { errorDetails: status === 500 ? "Tidegate could not evaluate the flags; nothing was changed" : (e as Error).message });
}

// A plain flag key in the path: evaluated without building a URL (the percent-encoded and odd ones take the
// general route below, whose URL parsing normalises them).
const PLAIN_SINGLE = /^\/ofrep\/v1\/evaluate\/flags\/([A-Za-z0-9_-]+)(?:\?|$)/;

/** Handles a request under /ofrep/ or /api/client/; anything else there is 404 or 405 in the protocol's shape. */
async function handleFlagRequest(ports: FlagEdgePorts, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const fail = (e: unknown) => failed(res, e);
  try {
    const method = req.method ?? "GET";
    // Only browsers send Origin; server SDKs get no CORS headers they would ignore.
    if (req.headers.origin) for (const [k, v] of CORS_ENTRIES) res.setHeader(k, v);
    if (method === "POST") {
      const plain = PLAIN_SINGLE.exec(req.url ?? "");
      if (plain) return ofrepSingle(ports, req, res, plain[1], fail);
    }
    const url = new URL(req.url ?? "/", "http://x");
    const path = url.pathname;
    if (method === "OPTIONS") return sendJson(res, 204);
    if (path === "/ofrep/v1/evaluate/flags" || path === "/ofrep/v1/evaluate/flags/") {
      return method === "POST" ? ofrepBulk(ports, req, res, fail) : sendJson(res, 405, { errorDetails: "use POST" }, { allow: "POST" });
    }
    if (path.startsWith("/ofrep/v1/evaluate/flags/")) {
      const key = decodeURIComponent(path.slice("/ofrep/v1/evaluate/flags/".length));
      return method === "POST" ? ofrepSingle(ports, req, res, key, fail) : sendJson(res, 405, ofrepError(key, "GENERAL", "use POST"), { allow: "POST" });
    }
    if (path === "/ofrep/v1/events") return method === "GET" ? await ofrepEvents(ports, req, res, url) : sendJson(res, 405, undefined, { allow: "GET" });
    if (path === "/ofrep/v1/configuration") return await ofrepConfiguration(ports, req, res);
    if (path === "/api/client/features") return method === "GET" ? await unleashFeatures(ports, req, res) : sendJson(res, 405, undefined, { allow: "GET" });
    if (path === "/api/client/register") return method === "POST" ? await unleashPost(ports, req, res, "register") : sendJson(res, 405, undefined, { allow: "POST" });
    if (path === "/api/client/metrics") return method === "POST" ? await unleashPost(ports, req, res, "metrics") : sendJson(res, 405, undefined, { allow: "POST" });
    if (path.startsWith("/ofrep/")) return sendJson(res, 404, { errorDetails: `no OFREP endpoint at ${path}` });
    return sendError(res, appError(404, "not_found", `No endpoint at ${path}`));
  } catch (e) {
    fail(e);
  }
}

/**
 * The front door over the host's ports: answers a request under a flag path and says true, or says false ("not
 * mine") for anything else. The refusal guard (request-guard.ts) runs before it in both hosts.
 */
export function createFlagFrontDoor(ports: FlagEdgePorts): (req: IncomingMessage, res: ServerResponse) => boolean {
  return (req, res) => {
    if (!req.url || !FLAG_PATHS.test(req.url)) return false;
    void handleFlagRequest(ports, req, res);
    return true;
  };
}
