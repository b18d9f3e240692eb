// The public shape of a freeze and of a quarantine (GET /api/freezes, /api/quarantines, the screens).
import "server-only";
import type { Freeze, Quarantine } from "../../generated/prisma/sqlite/client";

export function toFreezeView(row: Freeze, now: Date) {
  const active = row.endedAt === null && row.from.getTime() <= now.getTime() && now.getTime() < row.to.getTime();
  return {
    id: row.id,
    from: row.from.toISOString(),
    to: row.to.toISOString(),
    reason: row.reason,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    environments: row.environmentsJson ? (JSON.parse(row.environmentsJson) as string[]) : null,
    services: row.servicesJson ? (JSON.parse(row.servicesJson) as string[]) : null,
    /** "current" (holding now), "upcoming", "ended" (early, by endedBy) or "over" (its time passed). */
    state: row.endedAt ? ("ended" as const) : active ? ("current" as const) : row.from.getTime() > now.getTime() ? ("upcoming" as const) : ("over" as const),
    endedAt: row.endedAt?.toISOString() ?? null,
    endedBy: row.endedBy,
    endReason: row.endReason,
  };
}

export type FreezeView = ReturnType<typeof toFreezeView>;

export function toQuarantineView(row: Quarantine) {
  return {
    id: row.id,
    service: row.service,
    serviceVersion: row.serviceVersion,
    releaseId: row.releaseId,
    releaseName: row.releaseName,
    run: row.run,
    rolledBackBy: row.rolledBackBy,
    reason: row.reason,
    at: row.at.toISOString(),
    liftedAt: row.liftedAt?.toISOString() ?? null,
    liftedBy: row.liftedBy,
    liftReason: row.liftReason,
  };
}

export type QuarantineView = ReturnType<typeof toQuarantineView>;
