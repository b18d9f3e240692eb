// Issue 22: a programme's tracks as the release view shows them: each track's state, waves, gate, the commands it
// accepts now and what it waits for ("starts after Search migration completes").
import "server-only";
import { evaluateStartGates, evaluateWaveGates, type GateInputs, type GateStatus } from "../core/gates";
import { ALLOWED_COMMANDS, describeCommand, type CommandType } from "../core/machine";
import { trackGates } from "../core/programme";
import { TRACK_START_WAVE, isActive, trackPhase, trackPlan, wavesOfTrack } from "../core/tracks";
import { NO_STAGE_FACTS, stageGate } from "../core/stage-gate";
import { waveStatus } from "../core/waves";
import type { LoadedRelease } from "./load-release";
import { checklistItemView } from "./checklist-item-view";

/** `inputs`: the release's gate inputs (release-view's gateInputsOf), split here per track. */
export function tracksView(loaded: LoadedRelease, now: Date, inputs: GateInputs) {
  const { plan, state } = loaded;
  const tracks = plan.tracks ?? [];
  if (tracks.length === 0) return null;
  return tracks.map((track, index) => {
    const s = state.tracks?.[track.key];
    if (!s) throw new Error(`track ${track.key} has no state`);
    const own = trackPlan(plan, track);
    const gates = trackGates(inputs, index, s);
    const stage = s.status === "draft" ? stageGate(plan, track, state.tracks!, inputs.stages ?? NO_STAGE_FACTS, now) : null;
    const waiting = stage && stage.kind !== "open" ? { message: stage.message, readyAt: stage.kind === "waiting" ? stage.readyAt : null } : null;
    let gate: (GateStatus & { action: CommandType }) | null = null;
    if (s.status === "draft") gate = { action: "start", ...evaluateStartGates(own, gates) };
    else if (s.status === "running" || s.status === "paused") gate = { action: "continue", ...evaluateWaveGates(own, s.currentWaveIndex, gates) };
    const programmeDone = Object.values(state.tracks!).every((t) => t.status === "completed");
    const allowed: CommandType[] = [
      ...ALLOWED_COMMANDS[s.status].filter((a) => a !== "step_back" || s.currentWaveIndex > 0),
      // A completed track may still be rolled back while the programme runs (its flags are on for everyone).
      ...(s.status === "completed" && !programmeDone ? (["rollback"] as CommandType[]) : []),
    ];
    return {
      key: track.key,
      name: track.name,
      kind: track.kind,
      status: s.status,
      currentWaveIndex: s.currentWaveIndex,
      trafficPercent: track.kind === "step" ? 0 : s.trafficPercent,
      waveStartedAt: s.waveStartedAt?.toISOString() ?? null,
      completedAt: s.completedAt?.toISOString() ?? null,
      /** Why it may not start yet; absent once it may (or has). */
      ...(waiting ? { waitingFor: waiting.message, readyAt: waiting.readyAt?.toISOString() ?? null } : {}),
      after: track.after ?? null,
      /** Issue 25: a stage's environment, soak, and whether its promotion is blocked for good (needs a person). */
      environment: track.environment ?? null,
      soakSeconds: track.soakSeconds ?? 0,
      autoPromote: track.autoPromote ?? false,
      promotionBlocked: stage?.kind === "failed" ? stage.message : null,
      /** Issue 25: the freeze (or closed release window) holding this track's forward steps, matched on its environment. */
      frozen: gates.frozen ?? null,
      approvals: (inputs.stages?.approvals ?? []).filter((a) => a.stage === track.key).map((a) => ({ by: a.by, role: a.role, at: a.at.toISOString() })),
      delaySeconds: track.delaySeconds ?? 0,
      flags: (track.flags ?? []).map((f) => f.key),
      waves: wavesOfTrack(track).map((w, i) => ({
        index: i,
        name: w.name,
        trafficPercent: w.trafficPercent,
        bakeSeconds: w.bakeSeconds,
        autoContinue: w.autoContinue ?? false,
        status: waveStatus(s, i),
        /** Where this wave's sign-offs and items are stored: POST .../waves/<track>:<index>/signoffs. */
        phase: trackPhase(index, i),
        requiredSignoffs: w.signoffs,
        signoffQuorum: w.signoffQuorum ?? {},
        signoffs: loaded.signoffs.filter((x) => x.waveIndex === trackPhase(index, i)),
        checklist: itemsAt(loaded, trackPhase(index, i)),
      })),
      startChecklist: track.kind === "ramp" ? itemsAt(loaded, trackPhase(index, TRACK_START_WAVE)) : [],
      /** A ramp's own checklist and sign-offs gate its START (POST .../waves/<track>:start/signoffs). */
      startPhase: track.kind === "ramp" ? trackPhase(index, TRACK_START_WAVE) : null,
      gate,
      allowedActions: allowed,
      actionPreviews: Object.fromEntries(allowed.map((a) => [a, `${track.name}: ${describeCommand(own, s.status === "completed" ? { ...s, status: "running" } : s, a)}`])),
    };
  });
}

/** A track phase's checklist items, in the shape screens tick them (PATCH /api/releases/:id/checklist/:itemId). */
function itemsAt(loaded: LoadedRelease, phase: number) {
  return loaded.checklistRows.filter((c) => c.waveIndex === phase).map(checklistItemView);
}

/** The commands a programme accepts without naming a track: PAUSE while a track runs, ROLLBACK while any is up. */
export function programmeActions(loaded: LoadedRelease): CommandType[] {
  const states = Object.values(loaded.state.tracks ?? {});
  const actions: CommandType[] = [];
  if (states.some((t) => t.status === "running")) actions.push("pause");
  if (states.some((t) => isActive(t.status)) || (states.some((t) => t.status === "completed") && !states.every((t) => t.status === "completed"))) actions.push("rollback");
  return actions;
}

export type TrackView = NonNullable<ReturnType<typeof tracksView>>[number];
