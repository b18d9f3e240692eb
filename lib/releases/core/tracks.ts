// Issue 22, programmes: the tracks of a plan seen as one-track plans, each with its own state, and the release's
// overall state summed up from them. Pure; the machine (programme.ts) decides on one track with the ordinary
// one-track machine over the plan `trackPlan` builds.
import { upstreamOf, type Plan, type Track, type Wave } from "../../plans/core/plan";
import { formatDuration } from "./gates";
import type { ReleaseState, ReleaseStatus, StateSnapshot, TrackState, TrackStates } from "./machine-types";

/** The one implicit track of a plan without tracks has no key: every existing code path stays as it is. */
export const isProgramme = (plan: Pick<Plan, "tracks">): boolean => (plan.tracks?.length ?? 0) > 0;

/**
 * Checklist items and sign-offs of a track are stored against a wave index of their own, so the existing
 * tables, routes and gates need no track column: track k's wave w is 1000 + 100k + w; a ramp track's own
 * checklist and sign-offs (they gate its START) sit at wave 99 of it.
 */
export const TRACK_PHASE_BASE = 1000;
export const TRACK_START_WAVE = 99;
export const trackPhase = (trackIndex: number, waveIndex: number) => TRACK_PHASE_BASE + 100 * trackIndex + waveIndex;
/** Which track and local wave a stored wave index belongs to; null for the plan's own phases. */
export function phaseOf(waveIndex: number | null): { trackIndex: number; waveIndex: number } | null {
  if (waveIndex === null || waveIndex < TRACK_PHASE_BASE) return null;
  const rest = waveIndex - TRACK_PHASE_BASE;
  return { trackIndex: Math.floor(rest / 100), waveIndex: rest % 100 };
}

/** A step track runs as one wave: START begins it, CONTINUE completes it once its checklist and sign-offs are done. */
export function wavesOfTrack(track: Track): Wave[] {
  if (track.kind === "ramp") return track.waves ?? [];
  return [
    {
      name: track.name,
      trafficPercent: 100,
      bakeSeconds: track.bakeSeconds ?? 0,
      checklist: track.checklist ?? [],
      signoffs: track.signoffs ?? [],
      ...(track.signoffQuorum ? { signoffQuorum: track.signoffQuorum } : {}),
      guardrails: [],
    },
  ];
}

/** The plan one track runs as: its waves, the plan's guardrails plus its own, its own start gates. */
export function trackPlan(plan: Plan, track: Track): Plan {
  const own = track.guardrails ?? [];
  const overridden = new Set(own.map((g) => g.metric));
  const startRoles = track.kind === "ramp" ? (track.signoffs ?? []) : [];
  return {
    ...plan,
    tracks: undefined,
    waves: wavesOfTrack(track),
    guardrails: [...plan.guardrails.filter((g) => !overridden.has(g.metric)), ...own],
    flags: track.flags,
    preChecklist: [],
    // Issue 25: a stage's promotion sign-offs may need only `quorum` of its roles.
    preSignoffs: startRoles.length
      ? { roles: startRoles, ...(track.quorum !== undefined ? { quorum: track.quorum } : {}), ...(track.signoffQuorum ? { signoffQuorum: track.signoffQuorum } : {}) }
      : undefined,
    hypercare: undefined,
    checks: undefined,
  };
}

export function initialTrackState(): TrackState {
  return { status: "draft", currentWaveIndex: 0, trafficPercent: 0, waveStartedAt: null, completedAt: null, reachedAt: [] };
}

/** Every track's state, those never written yet in draft. */
export function trackStatesOf(plan: Plan, stored: TrackStates | undefined): TrackStates {
  return Object.fromEntries((plan.tracks ?? []).map((t) => [t.key, stored?.[t.key] ?? initialTrackState()]));
}

const ACTIVE: ReadonlySet<ReleaseStatus> = new Set(["running", "paused", "hypercare"]);
export const isActive = (status: ReleaseStatus) => ACTIVE.has(status);

/**
 * The release's own state, summed up from its tracks: running while any track runs (or some are done and some
 * still to come), paused when the only active tracks are held, completed when all are, rolled back when nothing is
 * active and a track was rolled back. Its traffic is the highest share any ramp track serves.
 */
export function summarize(plan: Plan, tracks: TrackStates): ReleaseState {
  const list = (plan.tracks ?? []).map((t) => ({ track: t, state: tracks[t.key] ?? initialTrackState() }));
  const statuses = list.map((l) => l.state.status);
  let status: ReleaseStatus;
  if (statuses.every((s) => s === "draft")) status = "draft";
  else if (statuses.some((s) => s === "running" || s === "hypercare")) status = "running";
  else if (statuses.some((s) => s === "paused")) status = "paused";
  else if (statuses.every((s) => s === "completed")) status = "completed";
  else if (statuses.some((s) => s === "rolled_back")) status = "rolled_back";
  else status = "running"; // some done, some still to start
  const ramps = list.filter((l) => l.track.kind === "ramp");
  const trafficPercent = Math.max(0, ...ramps.map((l) => l.state.trafficPercent));
  const started = list.map((l) => l.state.waveStartedAt).filter((d): d is Date => d !== null && d !== undefined);
  return {
    status,
    currentWaveIndex: 0,
    trafficPercent,
    waveStartedAt: started.length ? new Date(Math.max(...started.map((d) => d.getTime()))) : null,
    tracks,
  };
}

export function trackSnapshot(state: TrackState): StateSnapshot {
  return { status: state.status, currentWaveIndex: state.currentWaveIndex, trafficPercent: state.trafficPercent };
}

/** Stored as JSON on the release row (tracksJson); dates as ISO strings. */
export function tracksToJson(tracks: TrackStates): string {
  return JSON.stringify(tracks);
}

export function tracksFromJson(json: string | null): TrackStates | undefined {
  if (!json) return undefined;
  const raw = JSON.parse(json) as Record<string, Record<string, unknown>>;
  const date = (v: unknown) => (typeof v === "string" ? new Date(v) : null);
  return Object.fromEntries(
    Object.entries(raw).map(([key, s]) => [
      key,
      {
        status: s.status as ReleaseStatus,
        currentWaveIndex: Number(s.currentWaveIndex ?? 0),
        trafficPercent: Number(s.trafficPercent ?? 0),
        waveStartedAt: date(s.waveStartedAt),
        completedAt: date(s.completedAt),
        reachedAt: Array.isArray(s.reachedAt) ? s.reachedAt.map(date) : [],
      },
    ]),
  );
}

/**
 * Whether a track may start now: its `after` condition holds and its delay has passed. Returns what it is waiting
 * for ("starts after Search migration completes") or null.
 */
export function waitingFor(plan: Plan, track: Track, tracks: TrackStates, now: Date): { message: string; readyAt: Date | null } | null {
  const after = track.after;
  if (!after) return null;
  // One upstream track (several are judged by stage-gate.ts, which the machine and the views use).
  const other = plan.tracks?.find((t) => t.key === upstreamOf(after)[0]);
  if (!other) return null;
  const state = tracks[other.key] ?? initialTrackState();
  const condition = after.when === "completed" ? `${other.name} completes` : `${other.name} reaches wave ${after.when.wave}`;
  let since: Date | null = null;
  if (after.when === "completed") since = state.status === "completed" ? (state.completedAt ?? now) : null;
  else {
    const index = after.when.wave - 1;
    const reached = state.status === "completed" || (isActive(state.status) && state.currentWaveIndex >= index);
    since = reached ? (state.reachedAt[index] ?? state.completedAt ?? now) : null;
  }
  if (!since) return { message: `${track.name} starts after ${condition}`, readyAt: null };
  const readyAt = new Date(since.getTime() + (track.delaySeconds ?? 0) * 1000);
  if (readyAt.getTime() > now.getTime()) {
    const left = Math.ceil((readyAt.getTime() - now.getTime()) / 1000);
    return { message: `${track.name} starts ${formatDuration(track.delaySeconds ?? 0)} after ${condition} (${formatDuration(left)} to go)`, readyAt };
  }
  return null;
}
