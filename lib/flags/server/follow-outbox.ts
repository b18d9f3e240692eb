// Keeps the flag store on the outbox: a release's flags are reloaded when one of its events that can move them
// (creation, a state change) is committed, here at once (the writer waits for it, so its caller reads its own
// write) and on other instances when their outbox consumer reads it. The version poll is only a slow backstop.
import "server-only";
import { db, isPostgres } from "../../platform/db/client";
import { liveEventOf, LIVE_EVENT_TOPIC } from "../../platform/outbox/append-events";
import { onCommitted } from "../../platform/outbox/committed-signal";
import { OutboxConsumer } from "../../platform/outbox/outbox-consumer";
import type { OutboxPosition } from "../../platform/outbox/outbox-position";
import { STATE_CHANGING_EVENTS, type AuditEventType } from "../../releases/core/events";
import type { EventView } from "../../releases/server/event-view";
import { refreshFlags, storedReleaseVersion } from "./flag-store";

/** Events after which a release's flags may answer differently. */
const movesFlags = (event: EventView) => event.type === "created" || STATE_CHANGING_EVENTS.has(event.type as AuditEventType);

async function reloadFor(events: readonly EventView[]): Promise<void> {
  const latest = new Map<string, number>();
  for (const e of events) if (movesFlags(e)) latest.set(e.releaseId, Math.max(latest.get(e.releaseId) ?? 0, e.version));
  for (const [releaseId, version] of latest) {
    // Already loaded at this version or later (this process's own commit, or the poll): nothing to read.
    if ((storedReleaseVersion(releaseId) ?? 0) >= version) continue;
    await refreshFlags(releaseId);
  }
}

const holder = globalThis as unknown as { __tidegateFlagOutbox?: OutboxConsumer };

/** Wakes the flag store's consumer (the cluster bus and the outbox poll call it). */
export function kickFlagOutbox(target?: OutboxPosition): void {
  holder.__tidegateFlagOutbox?.kick(target);
}

/** Starts following the outbox; call after the store's first load has begun. Returns the stop function. */
export async function followOutboxForFlags(): Promise<() => void> {
  // The cursor lives in memory: at start the store loads everything anyway, so it begins after what is final.
  const consumer = new OutboxConsumer({
    name: null,
    client: db,
    dialect: isPostgres() ? "postgres" : "sqlite",
    handle: (rows) => reloadFor(rows.filter((r) => r.topic === LIVE_EVENT_TOPIC).map(liveEventOf)),
  });
  holder.__tidegateFlagOutbox = consumer;
  await consumer.drain();
  const unsubscribe = onCommitted(async (messages) => {
    await reloadFor(messages.map((m) => m.event));
    consumer.offer(messages);
  });
  return () => {
    unsubscribe();
    consumer.stop();
    if (holder.__tidegateFlagOutbox === consumer) holder.__tidegateFlagOutbox = undefined;
  };
}
