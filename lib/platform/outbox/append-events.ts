// Appends a release's audit events, and the outbox messages that carry them out of the process, inside the
// caller's transaction. Every event written anywhere (create, commands, ticks, guardrail) comes through here,
// so each is checked against the typed event log and none can commit without its outbox message.
import "server-only";
import { checkEventData } from "../../releases/core/events";
import type { DomainEvent } from "../../releases/core/machine";
import { OUTBOX_CHANNEL } from "../cluster/cluster-bus";
import { instanceId } from "../cluster/instance-id";
import { isPostgres, type Tx } from "../db/client";
import { holdIfFailpoint } from "../failpoints/failpoints";
import { toEventView, type EventView } from "../../releases/server/event-view";
import type { CommittedMessage } from "./committed-signal";
import type { OutboxRow } from "./outbox-store";

export const LIVE_EVENT_TOPIC = "release.event";

/**
 * This transaction took its id before the transaction that wrote the release's previous event, yet writes after
 * it (it waited on a lock, e.g. a leader's fence check, while the other committed). Consumers read in transaction
 * id order, so its events would reach them before the earlier ones: the write path retries it in a new transaction.
 */
export class OutboxOrderRace extends Error {
  constructor(releaseId: string) {
    super(`Release ${releaseId}: this transaction is older than the one that wrote the previous event; retried`);
  }
}

/** The event an outbox message carries (from memory when the writer handed it over, else from its payload). */
export function liveEventOf(row: OutboxRow & { event?: EventView }): EventView {
  return row.event ?? (JSON.parse(row.payload) as EventView);
}

export async function appendEvents(
  tx: Tx,
  releaseId: string,
  firstSeq: number,
  version: number,
  events: readonly DomainEvent[],
  actorRole: string | null,
): Promise<CommittedMessage[]> {
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
  const txid = isPostgres() ? await stampTransaction(tx, releaseId, firstSeq - 1) : 0n;
  const payloads = views.map((view) => JSON.stringify(view));
  const rows = await tx.outboxMessage.createManyAndReturn({
    data: views.map((view, i) => ({ releaseId, seq: view.seq, topic: LIVE_EVENT_TOPIC, payload: payloads[i]!, txid })),
    select: { position: true, seq: true },
  });
  await holdIfFailpoint(events.map((e) => e.reason), (ms) => (isPostgres() ? tx.$executeRawUnsafe("SELECT pg_sleep($1)", ms / 1000) : undefined));
  const positionOf = new Map(rows.map((r) => [r.seq, r.position]));
  return views.map((event, i) => ({
    txid,
    position: positionOf.get(event.seq)!,
    releaseId,
    seq: event.seq,
    topic: LIVE_EVENT_TOPIC,
    payload: payloads[i]!,
    event,
  }));
}

/**
 * PostgreSQL: this transaction's id, which stamps its messages, checked against the release's previous message
 * (see OutboxOrderRace). The same statement tells the other instances' consumers to look (a notification sent in a
 * transaction is delivered only if and when it commits); the payload names the sender and the transaction.
 */
async function stampTransaction(tx: Tx, releaseId: string, previousSeq: number): Promise<bigint> {
  const [row] = await tx.$queryRawUnsafe<{ txid: string; previous: string | null }[]>(
    `SELECT pg_current_xact_id()::text AS "txid",
       (SELECT max("txid")::text FROM "OutboxMessage" WHERE "releaseId" = $1 AND "seq" = $2) AS "previous",
       pg_notify($3, $4 || '|' || pg_current_xact_id()::text) IS NULL AS "sent"`,
    releaseId,
    previousSeq,
    OUTBOX_CHANNEL,
    instanceId(),
  );
  const txid = BigInt(row!.txid);
  if (row!.previous !== null && BigInt(row!.previous) > txid) throw new OutboxOrderRace(releaseId);
  return txid;
}
