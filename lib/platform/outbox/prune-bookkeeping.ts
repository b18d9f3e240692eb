// Retention for rows that only bookkeeping reads: outbox messages every consumer has passed, and old
// idempotency records (a retry comes within minutes, not days).
import "server-only";
import { db, type Db } from "../db/client";

export async function pruneBookkeeping(retentionHours: number, now = Date.now(), client: Db = db()) {
  const cutoff = new Date(now - retentionHours * 3_600_000);
  // A consumer that has not moved for the whole retention period is gone (an instance that was retired).
  const cursors = await client.outboxCursor.findMany({ where: { updatedAt: { gte: cutoff } }, select: { position: true } });
  const delivered = cursors.length === 0 ? 0 : Math.min(...cursors.map((c) => c.position));
  const outbox = await client.outboxMessage.deleteMany({ where: { position: { lte: delivered }, createdAt: { lt: cutoff } } });
  const idempotency = await client.idempotencyRecord.deleteMany({ where: { createdAt: { lt: cutoff } } });
  return { outbox: outbox.count, idempotency: idempotency.count };
}
