// The only way anything reaches sockets. Called after a transaction commits, never inside one.
import "server-only";
import type { Server } from "socket.io";
import type { EventView } from "../../releases/server/event-view";

const holder = globalThis as unknown as { __tidegateIo?: Server };

export function attachRealtime(io: Server): void {
  holder.__tidegateIo = io;
}

export function realtimeServer(): Server | undefined {
  return holder.__tidegateIo;
}

export const releaseRoom = (releaseId: string) => `release:${releaseId}`;
export const OVERVIEW_ROOM = "releases:all";

export function publishEvents(releaseId: string, events: EventView[]): void {
  const io = holder.__tidegateIo;
  if (!io || events.length === 0) return;
  for (const event of events) {
    io.to(releaseRoom(releaseId)).to(OVERVIEW_ROOM).emit("release:event", event);
  }
}

export function publishMetrics(releaseId: string, payload: unknown): void {
  holder.__tidegateIo?.to(releaseRoom(releaseId)).emit("release:metrics", payload);
}
