// Follows one release's events over socket.io with an API token, the way the board does: subscribe after the last
// event seen, apply events once each in seq order, and on every reconnect subscribe again after the last one
// delivered, so a dropped connection neither loses nor repeats an event.
import { io, type Socket } from "socket.io-client";
import { EventSequencer } from "../realtime/client/event-sequencer";
import type { EventView } from "../releases/client/types";
import { type Connection, request } from "./api";
import { CliError, EXIT } from "./exit-codes";

export interface LiveHandlers {
  /** Events in seq order, each exactly once. */
  onEvents(events: EventView[]): void;
  /** The connection went down (socket.io retries on its own) or came back. */
  onConnection?(state: "live" | "reconnecting", detail?: string): void;
  /** Following cannot go on (token revoked, release gone). */
  onFatal(error: CliError): void;
}

export interface LiveFeed {
  close(): void;
}

type SubscribeAnswer = { ok: true; events: EventView[] } | { ok: false; error: { code: string; message: string } };

/** How long an out-of-order gap may last before the missing events are fetched over HTTP. */
const GAP_FILL_MS = 1500;

export function followRelease(conn: Connection, releaseId: string, afterSeq: number, handlers: LiveHandlers): LiveFeed {
  const sequencer = new EventSequencer<EventView>(afterSeq);
  let closed = false;
  let gapTimer: ReturnType<typeof setTimeout> | undefined;
  const socket: Socket = io(conn.url, {
    path: "/socket.io",
    transports: ["websocket"],
    auth: { token: conn.token },
    reconnectionDelayMax: 5_000,
  });

  const fatal = (error: CliError) => {
    if (closed) return;
    feed.close();
    handlers.onFatal(error);
  };

  const deliver = (events: EventView[]) => {
    if (closed) return;
    const ready = sequencer.accept(events.filter((e) => e.releaseId === releaseId));
    if (ready.length > 0) handlers.onEvents(ready);
    if (sequencer.hasGap() && !gapTimer) {
      gapTimer = setTimeout(() => {
        gapTimer = undefined;
        if (!sequencer.hasGap()) return;
        request<{ events: EventView[] }>(conn, "GET", `/api/releases/${encodeURIComponent(releaseId)}/events?after=${sequencer.lastSeq}`)
          .then((r) => deliver(r.events))
          .catch(() => {}); // the next reconnect or event tries again
      }, GAP_FILL_MS);
    }
  };

  socket.on("connect", () => {
    handlers.onConnection?.("live");
    socket.emit("subscribe", { releaseId, afterSeq: sequencer.lastSeq }, (answer: SubscribeAnswer) => {
      if (answer.ok) return deliver(answer.events);
      const code = answer.error.code;
      const exit = code === "not_found" ? EXIT.notFound : code === "forbidden" || code === "unauthenticated" || code === "token_expired" ? EXIT.auth : EXIT.error;
      fatal(new CliError(`Cannot follow release ${releaseId}: ${answer.error.message}`, exit));
    });
  });
  socket.on("release:event", (event: EventView) => deliver([event]));
  socket.on("connect_error", (e: Error) => {
    // Refused by the server's handshake (unknown or revoked token): socket.io does not retry that on its own.
    if (!socket.active) return fatal(new CliError(`The server refused the live connection: ${e.message}`, EXIT.auth));
    handlers.onConnection?.("reconnecting", e.message);
  });
  socket.on("disconnect", (reason) => {
    if (closed) return;
    handlers.onConnection?.("reconnecting", reason);
    // A server-side disconnect is not retried by socket.io; a new handshake says whether we may come back.
    if (reason === "io server disconnect") setTimeout(() => !closed && socket.connect(), 1000);
  });
  socket.on("session:ended", (why: { code?: string; message?: string; reconnect?: boolean }) => {
    if (why?.reconnect) setTimeout(() => socket.connect(), 500);
    else fatal(new CliError(`The server ended the live connection: ${why?.message ?? why?.code ?? "session ended"}`, EXIT.auth));
  });

  const feed: LiveFeed = {
    close() {
      closed = true;
      clearTimeout(gapTimer);
      socket.removeAllListeners();
      socket.close();
    },
  };
  return feed;
}
