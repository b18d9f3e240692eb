// The fencing token check: a write made on behalf of the leader carries the epoch it was elected with, and the
// transaction proves that epoch is still current before writing. FOR SHARE keeps the row until commit, so a takeover
// (which updates it) waits for this transaction, and any write started under an old epoch afterwards is refused.
import "server-only";
import type { Tx } from "../db/client";
import { isPostgres } from "../db/client";
import { LEADER_LEASE } from "./leader-lease";
import { logNotice } from "../logging/ops-log";

export class FencedOut extends Error {
  constructor(
    readonly epoch: number,
    readonly current: number | null,
  ) {
    super(`Refused a write of an old leader (epoch ${epoch}; the cluster is at epoch ${current ?? "none"})`);
  }
}

/** Throws FencedOut unless `epoch` is the current leader epoch. A null epoch (SQLite, one process) is not checked. */
export async function checkFence(tx: Tx, epoch: number | null | undefined): Promise<void> {
  if (epoch === null || epoch === undefined || !isPostgres()) return;
  const rows = await tx.$queryRawUnsafe<{ epoch: number }[]>(`SELECT epoch FROM "ClusterLease" WHERE name = $1 FOR SHARE`, LEADER_LEASE);
  const current = rows[0]?.epoch ?? null;
  if (current !== epoch) {
    logNotice("fenced: write of an old leader refused", { epoch, current });
    throw new FencedOut(epoch, current);
  }
}
