// Quarantines a release's service version inside the write path's transaction when a change rolls it back (issue
// 25): the Quarantine row and its `quarantined` event commit with the rollback, or not at all.
import "server-only";
import { randomUUID } from "node:crypto";
import type { DomainEvent } from "../../releases/core/machine";
import type { Tx } from "../../platform/db/client";
import type { LoadedRelease } from "../../releases/server/load-release";

/** Adds the quarantine's row and event to a change that rolls back, unless the version is quarantined already. */
export async function withQuarantine(
  tx: Tx,
  loaded: LoadedRelease,
  events: DomainEvent[],
  now: Date,
): Promise<{ events: DomainEvent[]; write?: (tx: Tx) => Promise<void> }> {
  const rollback = events.find((e) => e.type === "rolled_back");
  if (rollback?.type !== "rolled_back") return { events };
  const { service, serviceVersion } = loaded.row;
  const standing = await tx.quarantine.findFirst({ where: { service, serviceVersion, liftedAt: null }, select: { id: true } });
  if (standing) return { events };
  const id = randomUUID();
  const metric = rollback.data.metric;
  const reason = rollback.reason?.trim() || (metric ? `guardrail on ${metric}` : `rolled back in wave "${rollback.data.wave}"`);
  const quarantined: DomainEvent = {
    type: "quarantined",
    actor: rollback.actor,
    reason,
    at: now,
    before: null,
    after: null,
    data: { quarantineId: id, service, version: serviceVersion },
  };
  return {
    events: [...events, quarantined],
    write: async (t) => {
      await t.quarantine.create({
        data: { id, service, serviceVersion, releaseId: loaded.row.id, releaseName: loaded.row.name, run: loaded.row.run, rolledBackBy: rollback.actor, reason: reason.slice(0, 2000), at: now },
      });
    },
  };
}
