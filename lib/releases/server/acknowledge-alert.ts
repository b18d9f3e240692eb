// A human acknowledges an open guardrail alert ("seen, on it"); recorded as an audit event.
import "server-only";
import type { Actor } from "../../auth/server/actor";
import type { AlertLevel } from "../../guardrails/core/alerts";
import { mutateRelease } from "./mutate-release";

export function acknowledgeAlert(releaseId: string, alertId: string, actor: Actor, comment?: string | null) {
  return mutateRelease(releaseId, {}, (loaded, now) => {
    const alert = loaded.openAlerts.find((a) => a.id === alertId);
    if (!alert) return { ok: false, refusal: { code: "not_found", message: `No open alert "${alertId}" on this release`, details: { alertId } } };
    if (alert.acknowledgedAt) {
      return { ok: false, refusal: { code: "invalid_transition", message: `Already acknowledged by ${alert.acknowledgedBy}`, details: { alertId } } };
    }
    return {
      ok: true,
      actorRole: actor.role,
      events: [
        { type: "alert_acknowledged", actor: actor.name, reason: comment?.trim() || null, at: now, before: null, after: null, data: { alertId, metric: alert.metric, level: alert.level as AlertLevel } },
      ],
      write: async (tx) => {
        await tx.alert.update({ where: { id: alertId }, data: { acknowledgedBy: actor.name, acknowledgedAt: now } });
      },
    };
  });
}
