// Opens an incident inside the write path's transaction when a change acts on a breach or rolls back (issue 15):
// the incident row and its `incident_opened` event commit with the state change, or not at all.
import "server-only";
import { randomUUID } from "node:crypto";
import { incidentToOpen } from "../core/incident";
import type { DomainEvent, ReleaseState } from "../../releases/core/machine";
import type { Tx } from "../../platform/db/client";
import type { LoadedRelease } from "../../releases/server/load-release";

const ACTIONS = new Set(["rolled_back", "paused"]);

/** Adds the incident's row and event to a change, or returns it untouched when nothing opens one. */
export async function withIncident(
  tx: Tx,
  loaded: LoadedRelease,
  next: ReleaseState | undefined,
  events: DomainEvent[],
  now: Date,
): Promise<{ events: DomainEvent[]; write?: (tx: Tx) => Promise<void> }> {
  if (!next || next.status === loaded.state.status || !events.some((e) => ACTIONS.has(e.type))) return { events };
  const open = await tx.incident.findFirst({ where: { releaseId: loaded.row.id, run: loaded.row.run, status: { not: "resolved" } }, select: { id: true } });
  const draft = incidentToOpen({
    release: loaded.row,
    before: loaded.state,
    events,
    openAlerts: await withBreachStart(tx, loaded, events, now),
    hasOpenIncident: open !== null,
    run: loaded.row.run,
    now,
  });
  if (!draft) return { events };
  const id = randomUUID();
  const opened: DomainEvent = {
    type: "incident_opened",
    actor: draft.openedBy,
    reason: null,
    at: now,
    before: null,
    after: null,
    data: {
      incidentId: id,
      title: draft.title,
      severity: draft.severity,
      trigger: draft.trigger,
      metric: draft.metric,
      level: draft.level,
      affectedPercent: draft.affectedPercent,
      run: draft.run,
    },
  };
  return {
    events: [...events, opened],
    write: async (t) => {
      await t.incident.create({ data: { id, releaseId: loaded.row.id, ...draft, createdAt: now, updatedAt: now } });
    },
  };
}

/**
 * An episode that began as missing data opened before anything was breached: the incident starts at the episode's
 * first real breach (an earlier event, or one in this very change), not at the silence before it.
 */
async function withBreachStart(tx: Tx, loaded: LoadedRelease, events: DomainEvent[], now: Date) {
  return Promise.all(
    loaded.openAlerts.map(async (alert) => {
      const first = await tx.releaseEvent.findFirst({
        where: { releaseId: loaded.row.id, type: "breach", at: { gte: alert.openedAt }, dataJson: { contains: `"metric":${JSON.stringify(alert.metric)}` } },
        orderBy: { seq: "asc" },
        select: { at: true },
      });
      const inChange = events.some((e) => e.type === "breach" && e.data.metric === alert.metric);
      return { ...alert, openedAt: first?.at ?? (inChange ? now : alert.openedAt) };
    }),
  );
}
