// Ticks, un-ticks or waives a checklist item; recorded as a `checklist_updated` audit event.
import "server-only";
import type { ChecklistState } from "../core/gates";
import type { Actor } from "../../auth/server/actor";
import { mayTick } from "../core/ownership";
import { can } from "../../auth/core/roles";
import { ownerRoleOf } from "./load-release";
import { mutateRelease } from "./mutate-release";

export interface ChecklistChange {
  state: ChecklistState;
  reason?: string | null;
  evidenceUrl?: string | null;
}

export function updateChecklistItem(releaseId: string, itemId: string, change: ChecklistChange, actor: Actor) {
  return mutateRelease(releaseId, {}, (loaded, now) => {
    const item = loaded.checklistRows.find((c) => c.id === itemId);
    if (!item) return { ok: false, refusal: { code: "not_found", message: `Checklist item "${itemId}" is not part of this release`, details: { itemId } } };
    const reason = change.reason?.trim() || null;
    if (change.state === "waived" && !reason) {
      return { ok: false, refusal: { code: "reason_required", message: "Waiving an item needs a reason", details: { field: "reason" } } };
    }
    // Ownership is a rule (lib/releases/core/ownership.ts): owners tick their items; the commander or an admin on their behalf.
    const right = mayTick(
      { name: actor.name, role: actor.role, signoffRoles: actor.signoffRoles, mayCommand: can(actor.role, "command") },
      ownerRoleOf(item),
      loaded.row.commander,
    );
    if (!right.ok) {
      return { ok: false, refusal: { code: "forbidden", message: `"${item.text}": ${right.message}`, details: { itemId, ownerRole: ownerRoleOf(item), commander: loaded.row.commander } } };
    }
    if (item.metricJson && actor.kind === "user" && change.state !== "waived" && change.state !== "open") {
      // Metric-bound items follow live data; a person may only waive them or reopen them.
      return {
        ok: false,
        refusal: {
          code: "invalid_transition",
          message: `"${item.text}" evaluates itself from live metrics; it can only be waived (with a reason)`,
          details: { itemId, state: item.state },
        },
      };
    }
    return {
      ok: true,
      actorRole: actor.role,
      events: [
        {
          type: "checklist_updated",
          actor: actor.name,
          reason,
          at: now,
          before: null,
          after: null,
          data: {
            itemId,
            text: item.text,
            waveIndex: item.waveIndex,
            ownerRole: ownerRoleOf(item),
            from: item.state,
            to: change.state,
            evidenceUrl: change.evidenceUrl ?? null,
            as: right.as,
            onBehalfOf: right.onBehalfOf,
          },
        },
      ],
      write: async (tx) => {
        await tx.checklistItem.update({
          where: { id: itemId },
          data: {
            state: change.state,
            reason,
            evidenceUrl: change.evidenceUrl ?? null,
            updatedBy: actor.name,
            updatedAt: now,
          },
        });
      },
    };
  });
}
