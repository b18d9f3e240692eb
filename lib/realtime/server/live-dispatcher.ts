// Delivers committed outbox messages to this instance's live sockets, in order, through an outbox consumer whose
// cursor is kept in the database, so a process that dies between a commit and its publish delivers the message
// after the restart. Wake-ups: this process's committed signal (answered after the caller is, since fan-out to
// thousands of sockets blocks for tens of ms), the cluster bus and the outbox poll (see background-jobs.ts).
import "server-only";
import { instanceId } from "../../platform/cluster/instance-id";
import { db, isPostgres } from "../../platform/db/client";
import { liveEventOf, LIVE_EVENT_TOPIC } from "../../platform/outbox/append-events";
import type { CommittedMessage } from "../../platform/outbox/committed-signal";
import { OutboxConsumer } from "../../platform/outbox/outbox-consumer";
import { publishEvents, realtimeServer } from "./publish";

/**
 * Every instance delivers every message to its own sockets, so each keeps its own cursor; the name is stable
 * across restarts of the same instance (TIDEGATE_INSTANCE_ID, else host and port) so a restart resumes.
 */
export const liveConsumerName = () => `live:${instanceId()}`;

// One consumer per process, shared by server.ts and Next's bundled route handlers (separate module graphs).
const holder = globalThis as unknown as { __tidegateLiveOutbox?: OutboxConsumer };

function consumer(): OutboxConsumer {
  holder.__tidegateLiveOutbox ??= new OutboxConsumer({
    name: liveConsumerName(),
    client: db,
    dialect: isPostgres() ? "postgres" : "sqlite",
    handle: (rows) => {
      for (const row of rows) if (row.topic === LIVE_EVENT_TOPIC) publishEvents(row.releaseId, [liveEventOf(row)]);
    },
  });
  return holder.__tidegateLiveOutbox;
}

/**
 * Only a process with sockets delivers: a script that writes (the demo seed, the CLI) must not move the cursor of
 * the server it shares a host and port name with.
 */
export function kickLiveDispatcher(): void {
  if (realtimeServer()) consumer().kick();
}

/** The committed signal's listener: the caller is answered first, then the messages go out. */
export function offerCommittedToLive(messages: readonly CommittedMessage[]): void {
  if (!realtimeServer()) return;
  setImmediate(() => consumer().offer(messages));
}

/** A commit on another instance (the cluster bus): its transaction id says what to wait for. */
export function kickLiveDispatcherFor(txid: bigint | null): void {
  if (realtimeServer()) consumer().kick(txid === null ? undefined : { txid, position: 0 });
}

/** Resolves when no dispatch pass is running (tests and shutdown wait on it). */
export function liveDispatcherIdle(): Promise<void> {
  return consumer().idle();
}
