// The public shape of an incident row.
import "server-only";
import type { Incident as IncidentRow } from "../../generated/prisma/sqlite/client";
import type { Incident, IncidentStatus, IncidentTrigger, Severity } from "../core/incident";

export function toIncident(row: IncidentRow): Incident {
  return {
    id: row.id,
    releaseId: row.releaseId,
    run: row.run,
    version: row.version,
    title: row.title,
    status: row.status as IncidentStatus,
    severity: row.severity as Severity,
    trigger: row.trigger as IncidentTrigger,
    metric: row.metric,
    level: row.level as Incident["level"],
    startedAt: row.startedAt.toISOString(),
    affectedPercent: row.affectedPercent,
    impact: row.impact,
    nextSteps: row.nextSteps,
    contact: row.contact,
    openedBy: row.openedBy,
    resolvedAt: row.resolvedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
