// The outbox's reads and cursor writes for consumers: the one place that knows the visibility rule in SQL.
import "server-only";
import type { Db } from "../db/client";
import { isUniqueRace } from "../db/with-conflict-retry";
import { MAX_POSITION, startingPosition, type OutboxPosition } from "./outbox-position";

export interface OutboxRow extends OutboxPosition {
  releaseId: string;
  seq: number;
  topic: string;
  payload: string;
}

export type OutboxDialect = "sqlite" | "postgres";

type PgRow = { position: number; txid: string; releaseId: string; seq: number; topic: string; payload: string };

/**
 * Up to `limit` messages after `after`, in delivery order. PostgreSQL: only messages of transactions below the
 * snapshot's xmin, i.e. finished ones; a transaction still running (or one that commits late) holds back every
 * message after it until it ends. The horizon and the rows come from the same statement, hence the same snapshot.
 * ORDER BY names the table's columns: the bare "txid" would be the text output column (and 1014 sort before 992).
 */
export async function readOutbox(client: Db, dialect: OutboxDialect, after: OutboxPosition, limit: number): Promise<OutboxRow[]> {
  if (dialect === "sqlite") {
    const rows = await client.outboxMessage.findMany({
      where: { position: { gt: after.position } },
      orderBy: { position: "asc" },
      take: limit,
      select: { position: true, releaseId: true, seq: true, topic: true, payload: true },
    });
    return rows.map((r) => ({ ...r, txid: 0n }));
  }
  const rows = await client.$queryRawUnsafe<PgRow[]>(
    `SELECT "position", "txid"::text AS "txid", "releaseId", "seq", "topic", "payload" FROM "OutboxMessage"
      WHERE ("txid", "position") > ($1::bigint, $2::int)
        AND "txid" < pg_snapshot_xmin(pg_current_snapshot())::text::bigint
      ORDER BY "OutboxMessage"."txid", "OutboxMessage"."position" LIMIT $3`,
    after.txid.toString(),
    after.position,
    limit,
  );
  return rows.map((r) => ({ ...r, txid: BigInt(r.txid) }));
}

/** Where a consumer that never ran starts: after what is already final (history is not replayed). */
export async function outboxStart(client: Db, dialect: OutboxDialect): Promise<OutboxPosition> {
  if (dialect === "sqlite") {
    const last = await client.outboxMessage.findFirst({ orderBy: { position: "desc" }, select: { position: true } });
    return startingPosition(null, last?.position ?? 0);
  }
  const [row] = await client.$queryRawUnsafe<{ horizon: string }[]>(`SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS horizon`);
  return startingPosition(BigInt(row!.horizon), MAX_POSITION);
}

/** The stored cursor, created at the start position on first use. */
export async function loadOutboxCursor(client: Db, dialect: OutboxDialect, consumer: string): Promise<OutboxPosition> {
  const row = await client.outboxCursor.findUnique({ where: { consumer } });
  if (row) return { txid: row.txid, position: row.position };
  const start = await outboxStart(client, dialect);
  await client.outboxCursor.create({ data: { consumer, txid: start.txid, position: start.position } }).catch((e) => {
    if (!isUniqueRace(e)) throw e;
  });
  // Two processes sharing a consumer name may both have created it: the stored one wins.
  const stored = await client.outboxCursor.findUnique({ where: { consumer } });
  return stored ? { txid: stored.txid, position: stored.position } : start;
}

/** Moves the stored cursor forward only (two saves racing on a connection pool can land in either order). */
export async function saveOutboxCursor(client: Db, consumer: string, to: OutboxPosition): Promise<void> {
  const moved = await client.outboxCursor.updateMany({
    where: { consumer, OR: [{ txid: { lt: to.txid } }, { txid: to.txid, position: { lt: to.position } }] },
    data: { txid: to.txid, position: to.position },
  });
  if (moved.count > 0) return;
  if (await client.outboxCursor.findUnique({ where: { consumer } })) return; // already at or past `to`
  await client.outboxCursor.create({ data: { consumer, txid: to.txid, position: to.position } }).catch((e) => {
    if (!isUniqueRace(e)) throw e;
  });
}
