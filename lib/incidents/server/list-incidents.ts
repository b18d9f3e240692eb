// A release's incidents, newest first, each with its timeline rebuilt from the audit log.
import "server-only";
import { incidentTimeline, type Incident, type TimelineEntry } from "../core/incident";
import { db } from "../../platform/db/client";
import { toTypedEventView } from "../../releases/server/event-view";
import { toIncident } from "./incident-view";

export type IncidentWithTimeline = Incident & { timeline: TimelineEntry[] };

export async function listIncidents(releaseId: string): Promise<IncidentWithTimeline[] | null> {
  const release = await db().release.findUnique({ where: { id: releaseId }, select: { id: true } });
  if (!release) return null;
  const rows = await db().incident.findMany({ where: { releaseId }, orderBy: { createdAt: "desc" } });
  if (rows.length === 0) return [];
  const events = (await db().releaseEvent.findMany({ where: { releaseId }, orderBy: { seq: "asc" } })).map(toTypedEventView);
  return rows.map((row) => {
    const incident = toIncident(row);
    return { ...incident, timeline: incidentTimeline(incident, events) };
  });
}
