import { beforeEach, describe, expect, it, vi } from "vitest";
import type { Socket } from "socket.io-client";
import type { EventView } from "./types";

const apiGet = vi.fn();
vi.mock("../../platform/browser/api-client", () => ({ apiGet: (path: string) => apiGet(path) }));

const { ReleaseFeed } = await import("./release-feed");

const ev = (seq: number, releaseId = "r1"): EventView => ({
  releaseId,
  seq,
  version: seq,
  type: "paused",
  actor: "a",
  actorRole: null,
  reason: null,
  at: new Date(0).toISOString(),
  before: null,
  after: null,
  data: {},
});

/** Enough of a socket.io client to drive the feed: handlers, emits with acks, connect/disconnect. */
class FakeSocket {
  connected = false;
  handlers = new Map<string, Set<(...a: unknown[]) => void>>();
  emitted: { event: string; payload: unknown; ack?: (err: Error | null, answer: unknown) => void }[] = [];
  on(event: string, fn: (...a: unknown[]) => void) {
    if (!this.handlers.has(event)) this.handlers.set(event, new Set());
    this.handlers.get(event)!.add(fn);
    return this;
  }
  off(event: string, fn: (...a: unknown[]) => void) {
    this.handlers.get(event)?.delete(fn);
    return this;
  }
  timeout() {
    return this;
  }
  emit(event: string, payload: unknown, ack?: (err: Error | null, answer: unknown) => void) {
    this.emitted.push({ event, payload, ack });
    return this;
  }
  fire(event: string, ...args: unknown[]) {
    for (const fn of this.handlers.get(event) ?? []) fn(...args);
  }
  connect() {
    this.connected = true;
    this.fire("connect");
  }
  drop() {
    this.connected = false;
    this.fire("disconnect", "transport close");
  }
  lastSubscribe() {
    return [...this.emitted].reverse().find((e) => e.event === "subscribe")!;
  }
}

const flush = () => new Promise((r) => setTimeout(r, 0));

function setup(startSeq = 0) {
  const socket = new FakeSocket();
  const applied: number[] = [];
  const synced: boolean[] = [];
  const feed = new ReleaseFeed("r1", socket as unknown as Socket, startSeq, {
    apply: (events) => applied.push(...events.map((e) => e.seq)),
    synced: (ok) => synced.push(ok),
  });
  feed.start();
  return { socket, feed, applied, synced };
}

describe("ReleaseFeed", () => {
  beforeEach(() => apiGet.mockReset());

  it("subscribes with afterSeq on connect and applies the backlog, then live events", async () => {
    const { socket, applied, synced } = setup(0);
    socket.connect();
    const sub = socket.lastSubscribe();
    expect(sub.payload).toEqual({ releaseId: "r1", afterSeq: 0 });
    sub.ack!(null, { ok: true, events: [ev(1), ev(2)] });
    await flush();
    expect(applied).toEqual([1, 2]);
    expect(synced.at(-1)).toBe(true);
    socket.fire("release:event", ev(3));
    socket.fire("release:event", ev(3));
    expect(applied).toEqual([1, 2, 3]);
  });

  it("ignores other releases' events (the overview room shares the socket)", async () => {
    const { socket, applied } = setup(0);
    socket.connect();
    socket.lastSubscribe().ack!(null, { ok: true, events: [] });
    await flush();
    socket.fire("release:event", ev(1, "other"));
    expect(applied).toEqual([]);
    expect(apiGet).not.toHaveBeenCalled();
  });

  it("fetches the missing events over HTTP when a live event skips ahead", async () => {
    const { socket, applied } = setup(0);
    socket.connect();
    socket.lastSubscribe().ack!(null, { ok: true, events: [ev(1)] });
    await flush();
    apiGet.mockResolvedValueOnce({ events: [ev(2), ev(3), ev(4)] });
    socket.fire("release:event", ev(4));
    await flush();
    expect(apiGet).toHaveBeenCalledWith(expect.stringContaining("/api/releases/r1/events?after=1"));
    expect(applied).toEqual([1, 2, 3, 4]);
  });

  it("resubscribes after a reconnect from the last applied seq, applying only what was missed", async () => {
    const { socket, applied, synced } = setup(0);
    socket.connect();
    socket.lastSubscribe().ack!(null, { ok: true, events: [ev(1), ev(2)] });
    await flush();
    socket.drop();
    expect(synced.at(-1)).toBe(false);
    socket.connect();
    const sub = socket.lastSubscribe();
    expect(sub.payload).toEqual({ releaseId: "r1", afterSeq: 2 });
    // The server joins the room before reading the backlog, so an event may come both ways.
    socket.fire("release:event", ev(3));
    sub.ack!(null, { ok: true, events: [ev(3), ev(4)] });
    await flush();
    expect(applied).toEqual([1, 2, 3, 4]);
    expect(synced.at(-1)).toBe(true);
  });

  it("ignores a late ack from a connection that has since dropped", async () => {
    const { socket, applied } = setup(0);
    socket.connect();
    const stale = socket.lastSubscribe();
    socket.drop();
    socket.connect();
    stale.ack!(null, { ok: true, events: [ev(1)] });
    await flush();
    expect(applied).toEqual([]);
    socket.lastSubscribe().ack!(null, { ok: true, events: [ev(1)] });
    await flush();
    expect(applied).toEqual([1]);
  });

  it("fetches events the release view knows about but the socket has not delivered", async () => {
    const { socket, feed, applied } = setup(0);
    socket.connect();
    socket.lastSubscribe().ack!(null, { ok: true, events: [ev(1)] });
    await flush();
    apiGet.mockResolvedValueOnce({ events: [ev(2)] });
    feed.noteLatest(2);
    await flush();
    expect(applied).toEqual([1, 2]);
  });

  it("unsubscribes and stops applying after stop()", async () => {
    const { socket, feed, applied } = setup(0);
    socket.connect();
    feed.stop();
    expect(socket.emitted.at(-1)).toMatchObject({ event: "unsubscribe", payload: { releaseId: "r1" } });
    socket.fire("release:event", ev(1));
    expect(applied).toEqual([]);
  });
});
