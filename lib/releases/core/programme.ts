// Issue 22: the machine for a programme (a plan with tracks). A command names a track and is decided by the
// one-track machine on that track's state and plan; PAUSE and ROLLBACK without a track apply to every running
// track, and a rollback level that names tracks takes those down. A track never STARTs before its `after` holds.
// Pure; time comes in with the gates.
import { PRE_START_PHASE, type GateInputs } from "./gates";
import type { Command, Decision, DomainEvent, ReleaseState, TrackState, TrackStates } from "./machine-types";
import type { Plan, Track } from "../../plans/core/plan";
import { TRACK_START_WAVE, isActive, phaseOf, summarize, trackPlan, trackStatesOf } from "./tracks";
import { upstreamOf } from "../../plans/core/plan";
import { NO_STAGE_FACTS, downstreamOf, isStage, stageGate, upstreamStagesOf } from "./stage-gate";

export type OneTrackDecider = (plan: Plan, state: ReleaseState, command: Command, gates: GateInputs) => Decision;

export function decideProgramme(plan: Plan, state: ReleaseState, command: Command, gates: GateInputs, decideOne: OneTrackDecider): Decision {
  const tracks = plan.tracks ?? [];
  const states = trackStatesOf(plan, state.tracks);
  const keys = tracks.map((t) => t.key);
  // A programme of one track needs no name.
  const named = command.track ?? (tracks.length === 1 ? tracks[0].key : undefined);
  if (named !== undefined && !keys.includes(named)) {
    return {
      ok: false,
      refusal: { code: "invalid_request", message: `"${named}" is not a track of this plan (tracks: ${keys.join(", ")})`, details: { field: "track", track: named, tracks: keys } },
    };
  }
  let targets: string[];
  let level = command.level;
  if (command.type === "rollback") {
    const resolved = rollbackTargets(plan, states, named, command.level);
    targets = resolved.targets;
    level = resolved.level;
  } else if (named !== undefined) targets = [named];
  else if (command.type === "pause") targets = keys.filter((k) => states[k].status === "running");
  else {
    return {
      ok: false,
      refusal: {
        code: "invalid_request",
        message: `This release is a programme of ${tracks.length} tracks: name the track to ${command.type.replace("_", " ")} (one of ${keys.join(", ")}); only PAUSE and ROLLBACK apply to every running track`,
        details: { field: "track", track: null, tracks: keys },
      },
    };
  }
  if (targets.length === 0) {
    const allowed = command.type === "pause" ? "running" : "running, paused or completed";
    return {
      ok: false,
      refusal: {
        code: "invalid_transition",
        message: `No track is ${allowed}: nothing to ${command.type.replace("_", " ")}`,
        details: { status: state.status, action: command.type, allowed: [] },
      },
    };
  }

  const next: TrackStates = { ...states };
  const events: DomainEvent[] = [];
  for (const key of targets) {
    const index = keys.indexOf(key);
    const track = tracks[index];
    if (command.type === "start" || command.type === "retry") {
      // Issue 25: a stage also waits for its upstream soaks and its environment's approvals; a broken soak or an
      // upstream rollback holds it until a person overrides (with a reason, audited).
      const gate = stageGate(plan, track, next, gates.stages ?? NO_STAGE_FACTS, gates.now);
      const overriding = gate.kind === "failed" && command.override === true && !!command.reason?.trim();
      if (overriding) {
        // The person passed a blocked promotion: the audit trail says what they passed.
        events.push({
          type: "override",
          actor: command.actor,
          reason: command.reason ?? null,
          at: gates.now,
          before: null,
          after: null,
          data: { action: command.type, unmet: gate.blockers.map((message) => ({ kind: "breach" as const, message })), track: key, trackName: track.name },
        });
      }
      if (gate.kind === "waiting" || (gate.kind === "failed" && !overriding)) {
        const after = upstreamOf(track.after).join(", ");
        return {
          ok: false,
          refusal:
            gate.kind === "waiting"
              ? { code: "track_waiting", message: gate.message, details: { track: key, after, readyAt: gate.readyAt?.toISOString() ?? null } }
              : { code: "promotion_blocked", message: gate.message, details: { track: key, after, blockers: gate.blockers } },
        };
      }
    }
    const decided = decideTrack(plan, track, index, next[key], { ...command, level, track: key }, gates, decideOne, programmeDone(states));
    if (!decided.ok) return decided;
    next[key] = decided.state;
    events.push(...decided.events);
  }
  if (command.type === "rollback") {
    const paused = pauseDownstream(plan, targets, next, command, gates, decideOne, programmeDone(states));
    events.push(...paused);
  }
  return { ok: true, state: summarize(plan, next), events };
}

/**
 * Issue 25: a stage rolled back pauses promotion after it: stages downstream that run are paused, and the event says
 * which upstream stages could be rolled back too (`rollbackUpstream: "ask"`, the default, leaves that to a person;
 * "yes" already took them down with it, see rollbackTargets). Writes into `next`.
 */
function pauseDownstream(plan: Plan, rolledBack: string[], next: TrackStates, command: Command, gates: GateInputs, decideOne: OneTrackDecider, done: boolean): DomainEvent[] {
  const tracks = plan.tracks ?? [];
  const events: DomainEvent[] = [];
  for (const key of rolledBack) {
    const track = tracks.find((t) => t.key === key);
    if (!track || !isStage(track)) continue;
    const downstream = downstreamOf(plan, key);
    const pausedNow: string[] = [];
    for (const d of downstream) {
      if (next[d]?.status !== "running" || rolledBack.includes(d)) continue;
      const index = tracks.findIndex((t) => t.key === d);
      const decided = decideTrack(plan, tracks[index], index, next[d], { type: "pause", actor: command.actor, reason: `${track.name} was rolled back`, track: d }, gates, decideOne, done);
      if (!decided.ok) continue;
      next[d] = decided.state;
      events.push(...decided.events);
      pausedNow.push(d);
    }
    const upstream = upstreamStagesOf(plan, key).filter((u) => !rolledBack.includes(u) && (next[u]?.status === "completed" || isActive(next[u]?.status ?? "draft")));
    events.push({
      type: "promotion_paused",
      actor: command.actor,
      reason: command.reason ?? null,
      at: gates.now,
      before: null,
      after: null,
      data: { stage: key, environment: track.environment!, downstream, paused: pausedNow, upstream, rollbackUpstream: plan.rollbackUpstream ?? "ask" },
    });
  }
  return events;
}

/** One track through the one-track machine; its events say which track moved. */
function decideTrack(
  plan: Plan,
  track: Track,
  index: number,
  state: TrackState,
  command: Command,
  gates: GateInputs,
  decideOne: OneTrackDecider,
  done: boolean,
): { ok: true; state: TrackState; events: DomainEvent[] } | Extract<Decision, { ok: false }> {
  // While the programme runs, ROLLBACK takes down tracks that already completed too (their flags are on for
  // everyone); once every track completed, the programme has ended like a completed release.
  const asState: ReleaseState = command.type === "rollback" && state.status === "completed" && !done ? { ...state, status: "running" } : state;
  const decision = decideOne(trackPlan(plan, track), asState, command, trackGates(gates, index, state));
  if (!decision.ok) {
    const refusal = decision.refusal;
    const message = refusal.code === "invalid_transition" ? `${track.name}: ${refusal.message.replace("a release that is", "a track that is")}` : `${track.name}: ${refusal.message}`;
    return { ok: false, refusal: { ...refusal, message } as typeof refusal };
  }
  const now = gates.now;
  const after = decision.state;
  const restarted = (command.type === "start" || command.type === "retry") && after.status === "running";
  const reachedAt = restarted ? [] : [...state.reachedAt];
  if (isActive(after.status) && reachedAt[after.currentWaveIndex] == null) reachedAt[after.currentWaveIndex] = now;
  const completedAt = after.status === "completed" ? (state.status === "completed" ? state.completedAt : now) : null;
  const nextState: TrackState = {
    status: after.status,
    currentWaveIndex: after.currentWaveIndex,
    trafficPercent: after.trafficPercent,
    waveStartedAt: after.waveStartedAt,
    completedAt,
    reachedAt,
  };
  const events = decision.events.map(
    (e) =>
      // The one-track machine writes only machine events, and every machine event's schema carries the optional
      // track fields (`onTrack` in events.ts); spreading over the union loses that pairing for the compiler, not at
      // run time, where appendEvents checks each event's data against its type's schema again.
      ({
        ...e,
        // A completed track rolled back: its event shows where it really was.
        before: e.before && asState !== state ? { ...e.before, status: state.status } : e.before,
        data: { ...e.data, track: track.key, trackName: track.name },
      }) as DomainEvent,
  );
  return { ok: true, state: nextState, events };
}

/**
 * Which tracks a ROLLBACK takes down, and with which of the plan's rollback levels. A named track is rolled back
 * with the first level meant for it (one naming it or naming no tracks) unless a level is given; a level that names
 * tracks takes those down too. Without a track: the level's tracks, or every track that is running, paused or done.
 */
function rollbackTargets(plan: Plan, states: TrackStates, named: string | undefined, asked: number | undefined): { targets: string[]; level: number | undefined } {
  const levels = plan.rollback?.levels ?? [];
  let level = asked;
  if (level === undefined && named !== undefined && levels.length) {
    const fitting = levels.findIndex((l) => !l.tracks || l.tracks.includes(named));
    level = fitting >= 0 ? fitting + 1 : undefined;
  }
  const levelTracks = level !== undefined ? levels[level - 1]?.tracks : levels.length && named === undefined ? levels[0].tracks : undefined;
  const takeable = (k: string) => isActive(states[k].status) || (states[k].status === "completed" && !programmeDone(states));
  const all = (plan.tracks ?? []).map((t) => t.key);
  const wanted = new Set<string>([...(named !== undefined ? [named] : []), ...(levelTracks ?? (named !== undefined ? [] : all))]);
  // Issue 25: a stage's rollback takes the stages before it down too when the plan says so.
  if (named !== undefined && plan.rollbackUpstream === "yes") for (const u of upstreamStagesOf(plan, named)) wanted.add(u);
  // A named track is decided even when it cannot roll back, so the person hears why; the others only when they can.
  const targets = all.filter((k) => wanted.has(k) && (k === named || takeable(k)));
  return { targets, level };
}

/**
 * The gate inputs one track is judged on: its own checklist and sign-offs (stored at its phase indexes, see
 * trackPhase) seen as a plan's, its own wave clock; breaches and no-data holds are the release's.
 */
export function trackGates(gates: GateInputs, trackIndex: number, state: Pick<TrackState, "waveStartedAt">): GateInputs {
  const local = (waveIndex: number | null) => {
    const phase = phaseOf(waveIndex);
    return phase && phase.trackIndex === trackIndex ? phase.waveIndex : undefined;
  };
  return {
    ...gates,
    waveStartedAt: state.waveStartedAt,
    // Issue 25: a freeze of one environment holds the stage bound to it, not the others.
    frozen: gates.trackFrozen ? (gates.trackFrozen[trackIndex] ?? null) : gates.frozen,
    trackFrozen: undefined,
    checklist: gates.checklist.flatMap((c) => {
      const w = local(c.waveIndex);
      return w === undefined ? [] : [{ ...c, waveIndex: w === TRACK_START_WAVE ? null : w }];
    }),
    signoffs: gates.signoffs.flatMap((s) => {
      const w = local(s.waveIndex);
      return w === undefined ? [] : [{ ...s, waveIndex: w === TRACK_START_WAVE ? PRE_START_PHASE : w }];
    }),
    checks: [],
  };
}

const programmeDone = (states: TrackStates) => Object.values(states).every((s) => s.status === "completed");
