// Where a consumer stands in the outbox, and the pure rules for moving it (no I/O: the reads are in outbox-reader).
// On PostgreSQL a message's place is (txid, position): positions are handed out at insert, not at commit, so a later
// position can commit first; transaction ids below the snapshot's xmin belong to finished transactions only, so
// everything below that horizon is final and a cursor that follows (txid, position) never passes a late commit.
// On SQLite writes are serialized and positions commit in order; txid is 0 and only position counts.

import "server-only";
export interface OutboxPosition {
  txid: bigint;
  position: number;
}

/** The largest value of the position column (a 32-bit integer on both databases). */
export const MAX_POSITION = 2_147_483_647;

export const OUTBOX_START: OutboxPosition = { txid: 0n, position: 0 };

/** Negative, zero or positive as `a` comes before, at or after `b`. */
export function comparePositions(a: OutboxPosition, b: OutboxPosition): number {
  if (a.txid !== b.txid) return a.txid < b.txid ? -1 : 1;
  return a.position - b.position;
}

export const isAfter = (a: OutboxPosition, b: OutboxPosition) => comparePositions(a, b) > 0;

export const laterOf = (a: OutboxPosition, b: OutboxPosition) => (isAfter(b, a) ? b : a);

/**
 * The place a consumer that never ran starts from: past everything already final, so history is not replayed,
 * but before every transaction still running (their messages are delivered). `horizon` is the snapshot's xmin on
 * PostgreSQL; on SQLite it is null and the last position is passed instead.
 */
export function startingPosition(horizon: bigint | null, lastPosition: number): OutboxPosition {
  if (horizon === null) return { txid: 0n, position: lastPosition };
  // (horizon - 1, max) is after every message of a finished transaction and before any of a running one.
  return { txid: horizon - 1n, position: MAX_POSITION };
}

/**
 * Messages a committed signal carried, taken without reading them back: only on SQLite (commit order is position
 * order), when they are exactly the positions right after the cursor. Anything else needs a read.
 */
export function takeFromMemory<T extends OutboxPosition>(serialized: boolean, cursor: OutboxPosition | null, committed: readonly T[]): T[] | null {
  if (!serialized || cursor === null || committed.length === 0) return null;
  const contiguous = committed.every((c, i) => c.txid === 0n && c.position === cursor.position + 1 + i);
  return contiguous && cursor.txid === 0n ? [...committed] : null;
}

/**
 * Checks a batch read in order is in fact after the cursor and ascending (the query guarantees it; a violation
 * would mean a message delivered twice or skipped), and returns the cursor after it.
 */
export function cursorAfter(cursor: OutboxPosition, batch: readonly OutboxPosition[]): OutboxPosition {
  let at = cursor;
  for (const row of batch) {
    if (!isAfter(row, at)) throw new Error(`outbox batch out of order: (${row.txid}, ${row.position}) after (${at.txid}, ${at.position})`);
    at = { txid: row.txid, position: row.position };
  }
  return at;
}

/**
 * What a cluster signal of committed messages announces: its payload is `<instance>|<txid>` (append-events.ts),
 * and the transaction's messages lie after (txid, 0). Undefined when the payload carries no transaction id.
 */
export function signalledPosition(payload: string): OutboxPosition | undefined {
  const txid = payload.split("|")[1];
  return txid && /^\d+$/.test(txid) ? { txid: BigInt(txid), position: 0 } : undefined;
}
