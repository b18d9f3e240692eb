// Retention for rows that only bookkeeping reads: outbox messages every consumer has passed, and old
// idempotency records (a retry comes within minutes, not days).
import "server-only";
import { db, type Db } from "../db/client";
import { comparePositions, type OutboxPosition } from "./outbox-position";

export async function pruneBookkeeping(retentionHours: number, now = Date.now(), client: Db = db()) {
  const cutoff = new Date(now - retentionHours * 3_600_000);
  // A consumer that has not moved for the whole retention period is gone (an instance that was retired).
  const cursors: OutboxPosition[] = await client.outboxCursor.findMany({ where: { updatedAt: { gte: cutoff } }, select: { position: true, txid: true } });
  // Consumers read in (txid, position) order: only what lies at or before the slowest cursor is delivered everywhere.
  const slowest = cursors.sort(comparePositions)[0];
  const outbox = slowest
    ? await client.outboxMessage.deleteMany({
        where: {
          createdAt: { lt: cutoff },
          OR: [{ txid: { lt: slowest.txid } }, { txid: slowest.txid, position: { lte: slowest.position } }],
        },
      })
    : { count: 0 };
  const idempotency = await client.idempotencyRecord.deleteMany({ where: { createdAt: { lt: cutoff } } });
  return { outbox: outbox.count, idempotency: idempotency.count };
}
