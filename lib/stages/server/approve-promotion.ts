// Issue 25: a person approves promotion into a stage's environment: an admin, or someone holding one of the
// environment's approver sign-off roles. Recorded as a typed `promotion_approved` event through the one write path;
// the stage gate counts distinct approvers (stage-gate.ts).
import "server-only";
import type { Actor } from "../../auth/server/actor";
import { mutateRelease } from "../../releases/server/mutate-release";

export function approvePromotion(releaseId: string, stageKey: string, comment: string | null, actor: Actor) {
  return mutateRelease(releaseId, {}, async (loaded, now) => {
    const track = loaded.plan.tracks?.find((t) => t.key === stageKey);
    const stages = (loaded.plan.tracks ?? []).filter((t) => t.environment).map((t) => t.key);
    if (!track?.environment) {
      return { ok: false, refusal: { code: "not_found", message: `"${stageKey}" is not a stage of this release (stages: ${stages.join(", ") || "none"})`, details: { stage: stageKey, stages } } };
    }
    const state = loaded.state.tracks?.[stageKey];
    if (state && state.status !== "draft") {
      return { ok: false, refusal: { code: "invalid_transition", message: `${track.name} has opened already (${state.status}): approvals are for a stage not yet open`, details: { status: state.status, action: "approve", allowed: [] } } };
    }
    const env = loaded.stageFacts?.environments[track.environment];
    const roles = env?.approverRoles ?? [];
    const role = actor.role === "admin" ? "admin" : roles.find((r) => actor.signoffRoles.includes(r));
    if (!role) {
      return {
        ok: false,
        refusal: {
          code: "forbidden",
          message: `Promotion into ${track.environment} is approved by an admin${roles.length ? ` or a holder of ${roles.join(" or ")}` : ""} (yours: ${actor.signoffRoles.join(", ") || "none"})`,
          details: { environment: track.environment, approverRoles: roles, yours: actor.signoffRoles },
        },
      };
    }
    if (loaded.stageFacts?.approvals.some((a) => a.stage === stageKey && a.by === actor.name)) {
      return { ok: false, refusal: { code: "conflict", message: `You approved promotion into ${track.name} already`, details: { stage: stageKey } } };
    }
    return {
      ok: true,
      actorRole: actor.role,
      events: [
        { type: "promotion_approved", actor: actor.name, reason: comment, at: now, before: null, after: null, data: { stage: stageKey, stageName: track.name, environment: track.environment, role } },
      ],
    };
  });
}
