// One checklist item as every screen ticks it (PATCH /api/releases/:id/checklist/:itemId): the release view and each
// track of a programme show items in this one shape.
import "server-only";
import { gateOf, ownerRoleOf, type LoadedRelease } from "./load-release";

export function checklistItemView(c: LoadedRelease["checklistRows"][number]) {
  return {
    id: c.id,
    waveIndex: c.waveIndex,
    text: c.text,
    ownerRole: ownerRoleOf(c),
    required: c.required,
    gate: gateOf(c),
    group: c.groupName,
    state: c.state,
    reason: c.reason,
    evidenceUrl: c.evidenceUrl,
    updatedBy: c.updatedBy,
    updatedAt: c.updatedAt?.toISOString() ?? null,
    metric: c.metricJson ? JSON.parse(c.metricJson) : null,
  };
}
