// OFREP's eventStreams extension: an SSE stream per browser provider that says "re-fetch" when a flag it can see
// moves. Its URL carries a signed ticket naming the SDK key by id (ofrep-ticket.ts).
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Actor } from "../../auth/server/actor";
import { sendJson } from "../../platform/edge/respond";
import { noteOfrepClient } from "./ofrep";
import { ticketKeyId } from "./ofrep-ticket";
import type { FlagEdgePorts } from "./ports";
import { inScope } from "./sdk-auth";

async function actorForTicket(ports: FlagEdgePorts, ticket: string | null, nowMs: number): Promise<Actor | null> {
  const keyId = ticketKeyId(ports.ticketSecret, ticket, nowMs);
  // A revoked key loses its stream at the next connect.
  return keyId === null ? null : ports.keys.sdkKeyById(keyId);
}

export async function ofrepEvents(ports: FlagEdgePorts, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const now = Date.now();
  const actor = await actorForTicket(ports, url.searchParams.get("ticket"), now);
  if (!actor) return sendJson(res, 401);
  res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-store", connection: "keep-alive", "x-accel-buffering": "no" });
  res.write(": tidegate flag changes\n\n");
  noteOfrepClient(ports, req, actor, now);
  const unsubscribe = ports.flags.onChange((keys) => {
    const relevant = keys.some((k) => {
      const f = ports.flags.get(k);
      return !f || inScope(actor, f);
    });
    if (relevant) res.write(`data: ${JSON.stringify({ type: "refetchEvaluation", etag: ports.flags.etag(), lastModified: Date.now() })}\n\n`);
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
