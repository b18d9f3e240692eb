// An approver's sign-off (approve or reject) for one wave, in a role they hold; a `signoff` audit event.
import "server-only";
import { HYPERCARE_PHASE, PRE_START_PHASE } from "../core/gates";
import { signoffOpen } from "../core/ownership";
import type { ReleaseState } from "../core/machine";
import { TRACK_START_WAVE, phaseOf, trackPhase, wavesOfTrack } from "../core/tracks";
import type { Plan } from "../../plans/core/plan";
import type { Actor } from "../../auth/server/actor";
import { mutateRelease } from "./mutate-release";

export interface SignoffRequest {
  role: string;
  decision: "approve" | "reject" | "withdraw";
  comment?: string | null;
}

/** A programme track's wave (0-based) or its start sign-offs, named by the track's key. */
export interface TrackWave {
  track: string;
  wave: number | "start";
}

export function recordSignoff(releaseId: string, at: number | TrackWave, request: SignoffRequest, actor: Actor) {
  return mutateRelease(releaseId, {}, (loaded, now) => {
    const waveIndex = typeof at === "number" ? at : trackWaveIndex(loaded.plan, at);
    if (waveIndex === null) {
      const tracks = (loaded.plan.tracks ?? []).map((t) => t.key);
      return { ok: false, refusal: { code: "not_found", message: `"${(at as TrackWave).track}" is not a track of this plan (tracks: ${tracks.join(", ") || "none"})`, details: { track: (at as TrackWave).track } } };
    }
    const wave = signoffPhase(loaded.plan, waveIndex);
    if (!wave && waveIndex === PRE_START_PHASE) {
      return { ok: false, refusal: { code: "not_found", message: "This plan has no pre-start sign-offs (preSignoffs)", details: { waveIndex } } };
    }
    if (!wave && waveIndex === HYPERCARE_PHASE) {
      return { ok: false, refusal: { code: "not_found", message: "This plan has no hypercare phase", details: { waveIndex } } };
    }
    if (!wave) {
      return { ok: false, refusal: { code: "not_found", message: `Wave ${waveIndex} does not exist (the plan has ${loaded.plan.waves.length})`, details: { waveIndex } } };
    }
    if (!wave.signoffs.includes(request.role)) {
      return {
        ok: false,
        refusal: {
          code: "invalid_request",
          message: `Wave "${wave.name}" does not need a sign-off from ${request.role} (it needs: ${wave.signoffs.join(", ") || "none"})`,
          details: { role: request.role, required: wave.signoffs },
        },
      };
    }
    if (!actor.signoffRoles.includes(request.role)) {
      return {
        ok: false,
        refusal: {
          code: "forbidden",
          message: `You do not hold the sign-off role ${request.role} (yours: ${actor.signoffRoles.join(", ") || "none"})`,
          details: { role: request.role, yours: actor.signoffRoles },
        },
      };
    }
    // Sign-offs open when their wave is next (lib/releases/core/ownership.ts); never in advance, never after the fact.
    const open = signoffOpenAt(loaded.plan, loaded.state, waveIndex);
    if (!open.ok) return { ok: false, refusal: { code: "signoff_not_open", message: open.message, details: { waveIndex, status: loaded.state.status, currentWaveIndex: loaded.state.currentWaveIndex } } };
    const comment = request.comment?.trim() || null;
    if (request.decision === "reject" && !comment) {
      return { ok: false, refusal: { code: "reason_required", message: "A rejection needs a comment saying why", details: { field: "comment" } } };
    }
    // Issue 26: one decision per person and role, so a role's quorum counts distinct people; a person withdraws or
    // changes only their own.
    const key = { releaseId_waveIndex_role_by: { releaseId: loaded.row.id, waveIndex, role: request.role, by: actor.name } };
    return {
      ok: true,
      actorRole: actor.role,
      events: [
        {
          type: "signoff",
          actor: actor.name,
          reason: comment,
          at: now,
          before: null,
          after: null,
          data: { waveIndex, wave: wave.name, role: request.role, decision: request.decision },
        },
      ],
      write: async (tx) => {
        if (request.decision === "withdraw") {
          await tx.signoff.deleteMany({ where: { releaseId: loaded.row.id, waveIndex, role: request.role, by: actor.name } });
          return;
        }
        const data = { decision: request.decision, comment, at: now };
        await tx.signoff.upsert({ where: key, create: { releaseId: loaded.row.id, waveIndex, role: request.role, by: actor.name, ...data }, update: data });
      },
    };
  });
}

/**
 * What a sign-off is given for: a wave, or (PRE_START_PHASE) the plan's pre-start sign-offs that gate START.
 * Both are stored in the same table, the pre-start ones under wave index -1.
 */
function signoffPhase(plan: Plan, waveIndex: number): { name: string; signoffs: string[] } | null {
  // Issue 22: a track's sign-offs, at its own phase indexes (lib/releases/core/tracks.ts).
  const phase = phaseOf(waveIndex);
  if (phase) {
    const track = plan.tracks?.[phase.trackIndex];
    if (!track) return null;
    if (phase.waveIndex === TRACK_START_WAVE) return track.kind === "ramp" ? { name: `${track.name}: before start`, signoffs: track.signoffs ?? [] } : null;
    const wave = wavesOfTrack(track)[phase.waveIndex];
    return wave ? { name: track.kind === "step" ? track.name : `${track.name}: ${wave.name}`, signoffs: wave.signoffs } : null;
  }
  if (waveIndex === PRE_START_PHASE) return plan.preSignoffs ? { name: "Before start", signoffs: plan.preSignoffs.roles } : null;
  if (waveIndex === HYPERCARE_PHASE) return plan.hypercare ? { name: "Hypercare", signoffs: plan.hypercare.signoffs } : null;
  return plan.waves[waveIndex] ?? null;
}

/** A track's sign-offs open as a wave's do, judged on that track's state (its start ones while it is in draft). */
function signoffOpenAt(plan: Plan, state: ReleaseState, waveIndex: number) {
  const phase = phaseOf(waveIndex);
  const track = phase ? plan.tracks?.[phase.trackIndex] : undefined;
  if (!phase || !track) return signoffOpen(state, waveIndex);
  const trackState = state.tracks?.[track.key] ?? state;
  if (phase.waveIndex === TRACK_START_WAVE) {
    return trackState.status === "draft" ? { ok: true as const } : { ok: false as const, message: `Sign-offs before ${track.name} starts close once it has started` };
  }
  return signoffOpen(trackState, phase.waveIndex);
}

function trackWaveIndex(plan: Plan, at: TrackWave): number | null {
  const index = (plan.tracks ?? []).findIndex((t) => t.key === at.track);
  if (index < 0) return null;
  return trackPhase(index, at.wave === "start" ? TRACK_START_WAVE : at.wave);
}
