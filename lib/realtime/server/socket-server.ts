// socket.io on the app's own HTTP server: authenticated handshake, per-release rooms, gap-free resubscribe.
import "server-only";
import type { Server as HttpServer } from "node:http";
import { Server, type Socket } from "socket.io";
import { z } from "zod";
import type { Actor } from "../../auth/server/actor";
import { actorCan, actorMay, resolveActor } from "../../auth/server/authorize";
import { config } from "../../platform/config/config";
import { errorFor } from "../../platform/http/app-error";
import { isPrintableName, isWellFormed } from "../../releases/core/text";
import { listEvents } from "../../releases/server/list-events";
import { logError, logRefusal } from "../../platform/logging/ops-log";
import { attachRealtime, OVERVIEW_ROOM, releaseRoom } from "./publish";
import { startSocketRevalidation } from "./revalidate-sockets";

export const SubscribeSchema = z.union([
  z.object({ releaseId: z.string().min(1).max(100).refine((id) => isWellFormed(id) && isPrintableName(id), "not a valid id"), afterSeq: z.number().int().min(0).default(0) }).strict(),
  z.object({ all: z.literal(true) }).strict(),
]);

type Ack = (answer: unknown) => void;

export function startSocketServer(httpServer: HttpServer): Server {
  const io = new Server(httpServer, {
    path: "/socket.io",
    serveClient: false,
    // Reconnecting clients resubscribe with afterSeq, so the server keeps no per-client recovery state.
    // A heartbeat every second: a browser that misses it for 2.5 s shows the connection as lost at once
    // (lib/realtime/client/socket.ts), instead of "Live" on a dead network for the old 18 s. The transport itself is only
    // dropped after 10 s without an answer, as before, so a busy server or a browser tab stalled for a moment does
    // not cut every client and make them all handshake and resubscribe at once.
    pingInterval: 1_000,
    pingTimeout: 10_000,
  });

  io.use(async (socket, next) => {
    try {
      const token = (socket.handshake.auth as { token?: string } | undefined)?.token;
      const headers = { ...socket.handshake.headers } as Record<string, string | string[] | undefined>;
      if (token) headers.authorization = `Bearer ${token}`;
      // Fresh: a handshake right after a revoke must not be let in by a cached token.
      const actor = await resolveActor({ method: "GET", url: "/socket.io", headers }, { fresh: true });
      if (!actor) {
        logRefusal({ msg: "socket unauthenticated", path: "/socket.io", status: 401, code: "unauthenticated", address: socket.handshake.address });
        return next(Object.assign(new Error("unauthenticated"), { data: { code: "unauthenticated" } }));
      }
      socket.data.actor = actor;
      next();
    } catch (e) {
      const error = errorFor(e);
      logError("socket handshake failed", { code: error.code, error: (e as Error).message });
      next(Object.assign(new Error(error.code), { data: { code: error.code } }));
    }
  });

  io.on("connection", (socket: Socket) => {
    socket.on("subscribe", async (payload: unknown, ack?: Ack) => {
      const reply = typeof ack === "function" ? ack : () => {};
      try {
        await subscribe(socket, payload, reply);
      } catch (e) {
        // Never an unhandled rejection: the subscriber hears what went wrong in the one error shape.
        const error = errorFor(e);
        logError("socket subscribe failed", { code: error.code, error: (e as Error).message });
        reply({ ok: false, error: { code: error.code, message: error.message, details: error.details ?? null } });
      }
    });
    socket.on("unsubscribe", async (payload: unknown, ack?: Ack) => {
      const reply = typeof ack === "function" ? ack : () => {};
      const releaseId = (payload as { releaseId?: unknown } | null)?.releaseId;
      if (typeof releaseId !== "string") return reply({ ok: false, error: { code: "invalid_request", message: "unsubscribe takes { releaseId }", details: null } });
      await socket.leave(releaseRoom(releaseId));
      reply({ ok: true });
    });
  });

  attachRealtime(io);
  const stopRevalidation = startSocketRevalidation(io, config().SOCKET_RECHECK_MS);
  const close = io.close.bind(io);
  io.close = (fn) => {
    stopRevalidation();
    return close(fn);
  };
  return io;
}

async function subscribe(socket: Socket, payload: unknown, reply: Ack): Promise<void> {
  const parsed = SubscribeSchema.safeParse(payload);
  if (!parsed.success) {
    return reply({
      ok: false,
      error: { code: "invalid_request", message: "subscribe takes { releaseId, afterSeq } or { all: true }", details: parsed.error.issues },
    });
  }
  const actor = socket.data.actor as Actor | undefined;
  if (!actor) return reply({ ok: false, error: { code: "unauthenticated", message: "This connection's session has ended", details: null } });
  if ("all" in parsed.data) {
    if (!actorCan(actor, "read")) return reply(forbidden(actor, "all releases"));
    await socket.join(OVERVIEW_ROOM);
    return reply({ ok: true });
  }
  const { releaseId, afterSeq } = parsed.data;
  if (!(await actorMay(actor, "read", { releaseId }))) return reply(forbidden(actor, releaseId));
  // Join first, then read the backlog: an event committed in between arrives twice at worst, never zero
  // times, and clients drop any seq they already applied.
  await socket.join(releaseRoom(releaseId));
  const backlog = await listEvents(releaseId, afterSeq);
  if (!backlog) {
    await socket.leave(releaseRoom(releaseId));
    return reply({ ok: false, error: { code: "not_found", message: `Release "${releaseId}" does not exist`, details: null } });
  }
  reply({ ok: true, events: backlog });
}

function forbidden(actor: Actor, releaseId: string) {
  logRefusal({ msg: "socket subscription forbidden", path: "/socket.io", status: 403, code: "forbidden", actor: actor.name, releaseId });
  return { ok: false, error: { code: "forbidden", message: "You may not read this release", details: null } };
}
