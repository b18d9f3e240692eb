// Issue 25, stages: a stage is a track bound to an environment. Whether it may open (START) now: its upstream stages
// (all or any, as its `after` says) completed, each soaked for its `soakSeconds` with no critical breach, and the
// environment's promotion approvals given. The track's own checklist and sign-offs (its promotion gate) are the
// ordinary start gates of the track (trackPlan). Pure; time and facts come in.
import type { Plan, Track } from "../../plans/core/plan";
import { upstreamOf } from "../../plans/core/plan";
import { formatDuration, type StageFacts } from "./gates";

export type { StageFacts };
import type { TrackStates } from "./machine-types";
import { initialTrackState, isActive } from "./tracks";

export const NO_STAGE_FACTS: StageFacts = { criticalAlerts: [], approvals: [], environments: {} };

export type StageGate =
  | { kind: "open" }
  /** Not yet: `readyAt` when only time is missing (a soak or delay), null when something else must happen first. */
  | { kind: "waiting"; message: string; readyAt: Date | null; blockers: string[] }
  /** Cannot open without a person: an upstream stage rolled back, or a critical breach broke its soak. */
  | { kind: "failed"; message: string; blockers: string[] };

export const isStage = (track: Pick<Track, "environment">): boolean => track.environment !== undefined;
export const hasStages = (plan: Pick<Plan, "tracks">): boolean => (plan.tracks ?? []).some(isStage);
/** A stage's label on screens: its environment in capitals when its name is the environment's ("EU"). */
export const stageLabel = (track: Pick<Track, "name">): string => track.name;

type Upstream = { kind: "ok" } | { kind: "waiting"; message: string; readyAt: Date | null } | { kind: "failed"; message: string };

/** One upstream track's condition for `track`, with its soak and the track's delay. */
function upstreamCondition(plan: Plan, track: Track, key: string, tracks: TrackStates, facts: StageFacts, now: Date): Upstream {
  const other = plan.tracks?.find((t) => t.key === key);
  if (!other) return { kind: "ok" };
  const after = track.after!;
  const state = tracks[key] ?? initialTrackState();
  // A plain track waits for its predecessor's retry as before; a stage's promotion stops until a person decides.
  if (state.status === "rolled_back" && isStage(track)) return { kind: "failed", message: `${other.name} was rolled back: promotion to ${track.name} is paused` };
  let since: Date | null;
  let condition: string;
  if (after.when === "completed") {
    condition = `${other.name} completes`;
    since = state.status === "completed" ? (state.completedAt ?? now) : null;
  } else {
    const index = after.when.wave - 1;
    condition = `${other.name} reaches wave ${after.when.wave}`;
    const reached = state.status === "completed" || (isActive(state.status) && state.currentWaveIndex >= index);
    since = reached ? (state.reachedAt[index] ?? state.completedAt ?? now) : null;
  }
  if (!since) return { kind: "waiting", message: `${track.name} starts after ${condition}`, readyAt: null };
  // A soak counts from completion only; a stage opened at a wave of another has no soak to wait for.
  const soak = after.when === "completed" ? (other.soakSeconds ?? 0) : 0;
  const soakEnd = new Date(since.getTime() + soak * 1000);
  if (soak > 0) {
    const upTo = Math.min(now.getTime(), soakEnd.getTime());
    // Any critical episode that overlaps the soak: opened in it, or opened before (an alert can begin inconclusive or
    // as a warning and turn critical later on the same row) and not closed before the soak began.
    const breach = facts.criticalAlerts.find((a) => a.openedAt.getTime() <= upTo && (a.closedAt == null || a.closedAt.getTime() >= since.getTime()));
    if (breach) return { kind: "failed", message: `A critical breach of ${breach.metric} during ${other.name}'s soak: promotion to ${track.name} is paused (${breach.detail})` };
  }
  const readyAt = new Date(soakEnd.getTime() + (track.delaySeconds ?? 0) * 1000);
  if (readyAt.getTime() > now.getTime()) {
    const seconds = Math.ceil((readyAt.getTime() - now.getTime()) / 1000);
    const message =
      soakEnd.getTime() > now.getTime()
        ? `${track.name}: waiting for ${other.name} soak (${spokenDuration(seconds)})`
        : `${track.name} starts ${formatDuration(track.delaySeconds ?? 0)} after ${condition} (${formatDuration(seconds)} to go)`;
    return { kind: "waiting", message, readyAt };
  }
  return { kind: "ok" };
}

/**
 * Whether `track` may open now, as far as its `after`, soaks and environment approvals go. A track without `after`
 * or environment is open (the ordinary start gates still apply).
 */
export function stageGate(plan: Plan, track: Track, tracks: TrackStates, facts: StageFacts, now: Date): StageGate {
  const keys = upstreamOf(track.after);
  const results = keys.map((k) => upstreamCondition(plan, track, k, tracks, facts, now));
  const mode = track.after?.mode ?? "all";
  const failed = results.filter((r): r is Extract<Upstream, { kind: "failed" }> => r.kind === "failed");
  const waiting = results.filter((r): r is Extract<Upstream, { kind: "waiting" }> => r.kind === "waiting");
  const oks = results.filter((r) => r.kind === "ok").length;
  const upstreamHolds = keys.length === 0 || (mode === "all" ? oks === keys.length : oks > 0);
  if (!upstreamHolds) {
    if (mode === "all" ? failed.length > 0 : failed.length === keys.length) {
      return { kind: "failed", message: failed[0].message, blockers: failed.map((f) => f.message) };
    }
    const first = waiting[0] ?? { message: `${track.name} waits for its upstream stages`, readyAt: null };
    const readyAts = waiting.map((w) => w.readyAt);
    // Only time is missing when every unmet upstream has a time (for "any", the earliest one).
    const allTimed = readyAts.every((d) => d !== null) && failed.length === 0;
    const readyAt = allTimed && readyAts.length ? new Date((mode === "all" ? Math.max : Math.min)(...readyAts.map((d) => d!.getTime()))) : null;
    return { kind: "waiting", message: first.message, readyAt, blockers: waiting.map((w) => w.message) };
  }
  const env = track.environment ? facts.environments[track.environment] : undefined;
  if (env && env.approverRoles.length > 0) {
    const given = new Set(facts.approvals.filter((a) => a.stage === track.key).map((a) => a.by)).size;
    if (given < env.requiredApprovals) {
      const message = `${track.name}: waiting for promotion approval into ${track.environment} (${given} of ${env.requiredApprovals}, by ${env.approverRoles.join(" or ")})`;
      return { kind: "waiting", message, readyAt: null, blockers: [message] };
    }
  }
  return { kind: "open" };
}

/** "1 h 12 min", "12 min", "30 s": how the wall screen says a soak's remaining time. */
export function spokenDuration(totalSeconds: number): string {
  const s = Math.max(0, Math.ceil(totalSeconds));
  if (s < 60) return `${s} s`;
  const minutes = Math.ceil(s / 60);
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h === 0) return `${m} min`;
  return m === 0 ? `${h} h` : `${h} h ${m} min`;
}

/** Stages that come after `key` (directly or through others), in plan order. */
export function downstreamOf(plan: Plan, key: string): string[] {
  const found = new Set<string>([key]);
  for (const t of plan.tracks ?? []) if (upstreamOf(t.after).some((u) => found.has(u))) found.add(t.key);
  found.delete(key);
  return [...found];
}

/** Stages that come before `key` (directly or through others), nearest first. */
export function upstreamStagesOf(plan: Plan, key: string): string[] {
  const tracks = plan.tracks ?? [];
  const found: string[] = [];
  const visit = (k: string) => {
    for (const u of upstreamOf(tracks.find((t) => t.key === k)?.after)) {
      if (!found.includes(u)) {
        found.push(u);
        visit(u);
      }
    }
  };
  visit(key);
  return found;
}
