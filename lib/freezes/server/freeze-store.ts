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

/** Freezes not ended and not over by `now`: current and upcoming, soonest first. */
export async function readOpenFreezes(client: Tx, now: Date): Promise<FreezeRecord[]> {
  const rows = await client.freeze.findMany({ where: { endedAt: null, to: { gt: now } }, orderBy: { from: "asc" }, take: MAX_OPEN_FREEZES });
  return rows.map(toFreezeRecord);
}

/** Unlifted quarantines of one service version. */
export async function readQuarantinesOf(client: Tx, service: string, serviceVersion: string): Promise<QuarantineRecord[]> {
  const rows = await client.quarantine.findMany({ where: { service, serviceVersion, liftedAt: null }, orderBy: { at: "asc" }, take: 20 });
  return rows.map(toQuarantineRecord);
}
