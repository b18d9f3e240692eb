// The one place that reads and writes Freeze and Quarantine rows (issue 25).
import "server-only";
import type { Freeze, Quarantine } from "../../generated/prisma/sqlite/client";
import type { FreezeRecord, QuarantineRecord } from "../core/forward-block";
import type { Tx } from "../../platform/db/client";

/** At most this many freezes are read for a release's gates (a calendar, not a log: more would be a mistake). */
export const MAX_OPEN_FREEZES = 200;

export function toFreezeRecord(row: Freeze): FreezeRecord {
  return {
    id: row.id,
    from: row.from,
    to: row.to,
    reason: row.reason,
    createdBy: row.createdBy,
    environments: row.environmentsJson ? (JSON.parse(row.environmentsJson) as string[]) : null,
    services: row.servicesJson ? (JSON.parse(row.servicesJson) as string[]) : null,
    endedAt: row.endedAt,
  };
}

export function toQuarantineRecord(row: Quarantine): QuarantineRecord {
  return {
    id: row.id,
    service: row.service,
    serviceVersion: row.serviceVersion,
    releaseId: row.releaseId,
    releaseName: row.releaseName,
    rolledBackBy: row.rolledBackBy,
    reason: row.reason,
    at: row.at,
    liftedAt: row.liftedAt,
  };
}

/**
 * Every release load reads the open freezes (ingest and reads included), so they are kept for a second: a change made
 * here is seen at once (create and end forget the copy), one made on another instance within FRESH_MS. The list is
 * small (a calendar) and bounded.
 */
const FRESH_MS = 1000;
let cached: { at: number; freezes: FreezeRecord[] } | null = null;
/** Bumped by every forget: a read that began before a change committed must not store what it read. */
let generation = 0;

export function forgetOpenFreezes(): void {
  generation++;
  cached = null;
}

/** Freezes not ended and not over by `now`: current and upcoming, soonest first. */
export async function readOpenFreezes(client: Tx, now: Date): Promise<FreezeRecord[]> {
  const t = Date.now();
  let freezes = cached && t - cached.at < FRESH_MS && t >= cached.at ? cached.freezes : null;
  if (!freezes) {
    const began = generation;
    const rows = await client.freeze.findMany({ where: { endedAt: null, to: { gt: new Date(t) } }, orderBy: { from: "asc" }, take: MAX_OPEN_FREEZES });
    freezes = rows.map(toFreezeRecord);
    if (began === generation) cached = { at: t, freezes };
  }
  return freezes.filter((f) => f.to.getTime() > now.getTime());
}

/** Unlifted quarantines of one service version. */
export async function readQuarantinesOf(client: Tx, service: string, serviceVersion: string): Promise<QuarantineRecord[]> {
  const rows = await client.quarantine.findMany({ where: { service, serviceVersion, liftedAt: null }, orderBy: { at: "asc" }, take: 20 });
  return rows.map(toQuarantineRecord);
}
