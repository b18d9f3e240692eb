// A commander edits an incident: checked against the incident version they saw (409 when stale), written with
// an `incident_updated` audit event through the one write path.
import "server-only";
import { incidentChanges, type IncidentPatch } from "../core/incident";
import type { Actor } from "../../auth/server/actor";
import { mutateRelease } from "../../releases/server/mutate-release";
import { toIncident } from "./incident-view";

export function updateIncident(releaseId: string, incidentId: string, actor: Actor, patch: IncidentPatch, reason?: string | null) {
  return mutateRelease(releaseId, {}, async (_loaded, now, tx) => {
    const row = await tx.incident.findFirst({ where: { id: incidentId, releaseId } });
    if (!row) return { ok: false, refusal: { code: "not_found", message: `No incident "${incidentId}" on this release`, details: { incidentId } } };
    const current = toIncident(row);
    if (row.version !== patch.expectedVersion) {
      return {
        ok: false,
        refusal: {
          code: "version_conflict",
          message: `Someone else edited this incident first: it is at version ${row.version}, not ${patch.expectedVersion}`,
          details: { expectedVersion: patch.expectedVersion, currentVersion: row.version, current },
        },
      };
    }
    const changes = incidentChanges(current, patch);
    if (changes.length === 0) return { ok: true, events: [] };
    const version = row.version + 1;
    const status = patch.status ?? row.status;
    return {
      ok: true,
      actorRole: actor.role,
      events: [{ type: "incident_updated", actor: actor.name, reason: reason?.trim() || null, at: now, before: null, after: null, data: { incidentId, version, changes } }],
      write: async (t) => {
        const held = await t.incident.updateMany({
          where: { id: incidentId, version: row.version },
          data: {
            ...Object.fromEntries(changes.map((c) => [c.field, c.to])),
            version,
            updatedAt: now,
            resolvedAt: status === "resolved" ? (row.resolvedAt ?? now) : null,
          },
        });
        if (held.count !== 1) throw new Error("incident version moved inside its transaction");
      },
    };
  });
}
