// socket.io on the app's own HTTP server: authenticated handshake, per-release rooms, gap-free resubscribe.
import type { Server as HttpServer } from "node:http";
import { Server, type Socket } from "socket.io";
import { z } from "zod";
import type { Actor } from "../auth/actor";
import { actorCan, resolveActor } from "../auth/authorize";
import { listEvents } from "../releases/list-events";
import { attachRealtime, OVERVIEW_ROOM, releaseRoom } from "./publish";

const SubscribeSchema = z.union([
  z.object({ releaseId: z.string().min(1).max(100), afterSeq: z.number().int().min(0).default(0) }).strict(),
  z.object({ all: z.literal(true) }).strict(),
]);

type Ack = (answer: unknown) => void;

export function startSocketServer(httpServer: HttpServer): Server {
  const io = new Server(httpServer, {
    path: "/socket.io",
    serveClient: false,
    // Reconnecting clients resubscribe with afterSeq, so the server keeps no per-client recovery state.
    pingInterval: 10_000,
    pingTimeout: 8_000,
  });

  io.use(async (socket, next) => {
    try {
      const token = (socket.handshake.auth as { token?: string } | undefined)?.token;
      const headers = { ...socket.handshake.headers } as Record<string, string | string[] | undefined>;
      if (token) headers.authorization = `Bearer ${token}`;
      const actor = await resolveActor({ method: "GET", url: "/socket.io", headers });
      if (!actor) {
        console.warn(JSON.stringify({ msg: "socket unauthenticated", address: socket.handshake.address }));
        return next(Object.assign(new Error("unauthenticated"), { data: { code: "unauthenticated" } }));
      }
      socket.data.actor = actor;
      next();
    } catch (e) {
      next(e as Error);
    }
  });

  io.on("connection", (socket: Socket) => {
    socket.on("subscribe", async (payload: unknown, ack?: Ack) => {
      const reply = typeof ack === "function" ? ack : () => {};
      const parsed = SubscribeSchema.safeParse(payload);
      if (!parsed.success) {
        return reply({ ok: false, error: { code: "invalid_request", message: "subscribe takes { releaseId, afterSeq } or { all: true }", details: parsed.error.issues } });
      }
      const actor = socket.data.actor as Actor;
      if ("all" in parsed.data) {
        if (!actorCan(actor, "read")) return reply(forbidden(actor));
        await socket.join(OVERVIEW_ROOM);
        return reply({ ok: true });
      }
      const { releaseId, afterSeq } = parsed.data;
      if (!actorCan(actor, "read", releaseId)) return reply(forbidden(actor));
      // Join first, then read the backlog: an event committed in between arrives twice at worst, never zero
      // times, and clients drop any seq they already applied.
      await socket.join(releaseRoom(releaseId));
      const backlog = await listEvents(releaseId, afterSeq);
      if (!backlog) {
        await socket.leave(releaseRoom(releaseId));
        return reply({ ok: false, error: { code: "not_found", message: `Release "${releaseId}" does not exist` } });
      }
      reply({ ok: true, events: backlog });
    });
    socket.on("unsubscribe", async (payload: { releaseId?: string }) => {
      if (payload?.releaseId) await socket.leave(releaseRoom(payload.releaseId));
    });
  });

  attachRealtime(io);
  return io;
}

function forbidden(actor: Actor) {
  console.warn(JSON.stringify({ msg: "socket subscription forbidden", actor: actor.name }));
  return { ok: false, error: { code: "forbidden", message: "You may not read this release" } };
}
