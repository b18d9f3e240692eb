// OFREP's eventStreams extension: an SSE stream per browser provider that says "re-fetch" when a flag it can see
// moves. Its URL carries a signed ticket naming the SDK key by id (ofrep-ticket.ts). A stream ends when its key is
// revoked (checked again on every token revoke, so within a second of it), and when its client stops reading: past
// STREAM_BUFFER_LIMIT unsent bytes it is dropped (counted in tidegate_ofrep_streams_closed_total), never buffered on.

/** Unsent bytes a stream may hold (a few hundred notices); a client that never reads is dropped past it. */
export const STREAM_BUFFER_LIMIT = 64 * 1024;
import type { IncomingMessage, ServerResponse } from "node:http";
import { onTokensForgotten } from "../../auth/server/token-cache";
import { sendJson } from "../../platform/edge/respond";
import { noteOfrepClient } from "./ofrep";
import { ticketKeyId } from "./ofrep-ticket";
import type { FlagEdgePorts } from "./ports";
import { inScope } from "./sdk-auth";

export async function ofrepEvents(ports: FlagEdgePorts, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const now = Date.now();
  const keyId = ticketKeyId(ports.ticketSecret, url.searchParams.get("ticket"), now);
  const actor = keyId === null ? null : await ports.keys.sdkKeyById(keyId);
  if (!actor || keyId === null) return sendJson(res, 401, { errorCode: "GENERAL", errorDetails: "The stream's ticket is missing, expired or names a revoked SDK key: fetch the flags again for a new one" });
  res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-store", connection: "keep-alive", "x-accel-buffering": "no" });
  res.write(": tidegate flag changes\n\n");
  noteOfrepClient(ports, req, actor, now);
  let open = true;
  const end = (reason: "slow" | "revoked") => {
    if (!open) return;
    ports.exposure.streamClosed(reason);
    close();
    res.destroy();
  };
  const write = (text: string) => {
    if (!open) return;
    // Back-pressure: what the client has not read stays in this process; past the bound the client is let go.
    if (res.writableLength + text.length > STREAM_BUFFER_LIMIT) return end("slow");
    res.write(text);
  };
  const unsubscribe = ports.flags.onChange((keys) => {
    const relevant = keys.some((k) => {
      const f = ports.flags.get(k);
      return !f || inScope(actor, f);
    });
    if (relevant) write(`data: ${JSON.stringify({ type: "refetchEvaluation", etag: ports.flags.etag(), lastModified: Date.now() })}\n\n`);
  });
  // Every revoke (here or on another instance) drops the token caches: the key is looked up again, and a revoked
  // key's stream ends at once rather than at the client's next connect.
  const unsubscribeRevokes = onTokensForgotten(() => {
    ports.keys
      .sdkKeyById(keyId)
      .then((still) => {
        if (!still) end("revoked");
      })
      .catch(() => {});
  });
  // A comment every 25 s keeps proxies from closing an idle stream.
  const keepAlive = setInterval(() => write(": keep-alive\n\n"), 25_000);
  keepAlive.unref();
  const close = () => {
    if (!open) return;
    open = false;
    clearInterval(keepAlive);
    unsubscribe();
    unsubscribeRevokes();
  };
  req.on("close", close);
  res.on("error", close);
}
