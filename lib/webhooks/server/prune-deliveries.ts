// Retention for the delivery log: finished deliveries (succeeded or failed) older than this are dropped with their
// attempts. Pending ones are never pruned: they are still owed to someone.
import "server-only";
import { db, type Db } from "../../platform/db/client";

export const DELIVERY_LOG_RETENTION_DAYS = 30;

export async function pruneDeliveries(now = Date.now(), client: Db = db()): Promise<number> {
  const cutoff = new Date(now - DELIVERY_LOG_RETENTION_DAYS * 86_400_000);
  const pruned = await client.webhookDelivery.deleteMany({ where: { status: { in: ["succeeded", "failed"] }, createdAt: { lt: cutoff } } });
  return pruned.count;
}
