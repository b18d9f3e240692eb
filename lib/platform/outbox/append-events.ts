// Appends a release's audit events, and the outbox messages that carry them out of the process, inside the
// caller's transaction. Every event written anywhere (create, commands, ticks, guardrail) comes through here,
// so each is checked against the typed event log and none can commit without its outbox message.
import "server-only";
import { checkEventData } from "../../releases/core/events";
import type { DomainEvent } from "../../releases/core/machine";
import { OUTBOX_CHANNEL } from "../cluster/cluster-bus";
import { instanceId } from "../cluster/instance-id";
import { isPostgres, type Tx } from "../db/client";
import { toEventView, type EventView } from "../../releases/server/event-view";

export const LIVE_EVENT_TOPIC = "release.event";

/** An event as written, with the position of its outbox message (for delivery right after the commit). */
export interface AppendedEvent {
  event: EventView;
  position: number;
}

export async function appendEvents(
  tx: Tx,
  releaseId: string,
  firstSeq: number,
  version: number,
  events: readonly DomainEvent[],
  actorRole: string | null,
): Promise<AppendedEvent[]> {
  const views: EventView[] = [];
  for (const [i, event] of events.entries()) {
    const data = checkEventData(event.type, event.data);
    const row = await tx.releaseEvent.create({
      data: {
        releaseId,
        seq: firstSeq + i,
        version,
        type: event.type,
        actor: event.actor,
        actorRole,
        reason: event.reason,
        at: event.at,
        beforeJson: event.before ? JSON.stringify(event.before) : null,
        afterJson: event.after ? JSON.stringify(event.after) : null,
        dataJson: JSON.stringify(data),
      },
    });
    views.push(toEventView(row));
  }
  if (views.length === 0) return [];
  const rows = await tx.outboxMessage.createManyAndReturn({
    data: views.map((view) => ({ releaseId, seq: view.seq, topic: LIVE_EVENT_TOPIC, payload: JSON.stringify(view) })),
    select: { position: true, seq: true },
  });
  // Other instances' dispatchers read the new positions now instead of at their next poll. A notification sent in a
  // transaction is delivered only if and when it commits.
  if (isPostgres()) await tx.$executeRawUnsafe("SELECT pg_notify($1, $2)", OUTBOX_CHANNEL, instanceId());
  const positionOf = new Map(rows.map((r) => [r.seq, r.position]));
  return views.map((event) => ({ event, position: positionOf.get(event.seq)! }));
}
