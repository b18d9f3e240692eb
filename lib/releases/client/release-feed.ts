// Gap-free event feed for one release over the shared socket: subscribe with afterSeq on every (re)connect,
// apply backlog and live events in seq order exactly once, and fetch over HTTP whatever the socket missed.
import type { Socket } from "socket.io-client";
import { apiGet } from "../../platform/browser/api-client";
import { EventSequencer } from "../../realtime/client/event-sequencer";
import type { EventView } from "./types";

/** The events API and the subscribe backlog answer at most this many events at a time. */
const PAGE = 1000;
const SUBSCRIBE_TIMEOUT_MS = 10_000;
const RETRY_MS = 2_000;

type Ack = { ok: true; events?: EventView[] } | { ok: false; error?: { code?: string; message?: string } };

export interface FeedHandlers {
  /** Called with each batch of newly applied events, in seq order, never twice for one seq. */
  apply(events: EventView[], lastSeq: number): void;
  /** True once the subscription for the current connection is acknowledged and its backlog applied. */
  synced(ok: boolean): void;
  refused?(error: { code?: string; message?: string }): void;
}

export class ReleaseFeed {
  private readonly sequencer: EventSequencer<EventView>;
  private stopped = false;
  private subscribing = false;
  private filling: Promise<void> | null = null;
  /** Bumped on every (re)subscribe and disconnect, so a late ack from an old connection is ignored. */
  private attempt = 0;
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();

  constructor(
    private readonly releaseId: string,
    private readonly socket: Socket,
    startSeq: number,
    private readonly handlers: FeedHandlers,
  ) {
    this.sequencer = new EventSequencer<EventView>(startSeq);
  }

  get lastSeq(): number {
    return this.sequencer.lastSeq;
  }

  start(): void {
    this.socket.on("connect", this.onConnect);
    this.socket.on("disconnect", this.onDisconnect);
    this.socket.on("release:event", this.onEvent);
    if (this.socket.connected) this.subscribe();
  }

  stop(): void {
    this.stopped = true;
    this.timers.forEach(clearTimeout);
    this.socket.off("connect", this.onConnect);
    this.socket.off("disconnect", this.onDisconnect);
    this.socket.off("release:event", this.onEvent);
    if (this.socket.connected) this.socket.emit("unsubscribe", { releaseId: this.releaseId });
  }

  /** A hint that events up to `seq` exist (the release view's lastSeq): fetch them if the socket has not. */
  noteLatest(seq: number): void {
    this.sequencer.noteLatest(seq);
    if (!this.subscribing) void this.fill();
  }

  private readonly onConnect = () => this.subscribe();

  private readonly onDisconnect = () => {
    this.attempt++;
    this.subscribing = false;
    this.handlers.synced(false);
  };

  private readonly onEvent = (event: EventView) => {
    // The overview subscription delivers every release's events on the same socket.
    if (!event || event.releaseId !== this.releaseId) return;
    this.take([event]);
    // While subscribing, the backlog answer will cover any hole; afterwards a hole means we missed something.
    if (!this.subscribing) void this.fill();
  };

  private subscribe(): void {
    if (this.stopped) return;
    const attempt = ++this.attempt;
    this.subscribing = true;
    this.handlers.synced(false);
    this.socket
      .timeout(SUBSCRIBE_TIMEOUT_MS)
      .emit("subscribe", { releaseId: this.releaseId, afterSeq: this.sequencer.lastSeq }, (err: Error | null, ack: Ack) => {
        if (this.stopped || attempt !== this.attempt) return;
        this.subscribing = false;
        if (err || !ack) return this.retry(() => this.socket.connected && this.subscribe());
        if (!ack.ok) return this.handlers.refused?.(ack.error ?? {});
        const backlog = ack.events ?? [];
        this.take(backlog);
        // A full page means the backlog was cut short: there is more to fetch.
        if (backlog.length >= PAGE) this.sequencer.noteLatest(this.sequencer.lastSeq + 1);
        void this.fill().then(() => {
          if (!this.stopped && attempt === this.attempt) this.handlers.synced(true);
        });
      });
  }

  private take(events: EventView[]): void {
    const ready = this.sequencer.accept(events);
    if (ready.length > 0 && !this.stopped) this.handlers.apply(ready, this.sequencer.lastSeq);
  }

  /** Fetches over HTTP until the known gap is closed. One fill runs at a time; callers share it. */
  private fill(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    this.filling ??= this.fillNow().finally(() => {
      this.filling = null;
    });
    return this.filling;
  }

  private async fillNow(): Promise<void> {
    try {
      while (!this.stopped && this.sequencer.hasGap()) {
        const from = this.sequencer.lastSeq;
        const { events } = await apiGet<{ events: EventView[] }>(
          `/api/releases/${encodeURIComponent(this.releaseId)}/events?after=${from}&limit=${PAGE}`,
        );
        if (this.stopped) return;
        this.take(events);
        if (events.length < PAGE && this.sequencer.lastSeq === from) {
          // The server has nothing newer than what we hold; the hint was ahead of the truth. Try again shortly.
          this.retry(() => void this.fill());
          return;
        }
      }
    } catch {
      this.retry(() => void this.fill());
    }
  }

  private retry(again: () => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (!this.stopped) again();
    }, RETRY_MS);
    this.timers.add(timer);
  }
}
