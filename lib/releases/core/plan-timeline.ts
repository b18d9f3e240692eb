// The schedule a plan implies, on one cumulative time axis from START: when each wave can begin at the earliest
// (the previous wave's bake is over), when its decision is due (`maxSeconds`), whether it promotes on its own
// (`autoContinue`), and the hypercare observation after the last wave. Pure: seconds from START, no clock.
import type { Plan } from "../../plans/core/plan";

export interface TimelineWave {
  index: number;
  name: string;
  trafficPercent: number;
  unit: string | null;
  /** Earliest entry, seconds after START. */
  startSeconds: number;
  /** End of the bake time: the earliest moment the wave may be left. */
  bakeEndSeconds: number;
  /** The decision deadline (an "overdue" alert past it), when the wave has `maxSeconds`. */
  deadlineSeconds: number | null;
  /** The deadline falls inside the bake time: the alert would fire before anyone may continue. */
  deadlineBeforeBakeEnd: boolean;
  /** Promotes itself at the end of its bake when every gate is open; otherwise a person continues. */
  autoContinue: boolean;
}

export interface PlanTimeline {
  waves: TimelineWave[];
  hypercare: { startSeconds: number; endSeconds: number } | null;
  /** The earliest the release can complete: every bake, then hypercare. */
  earliestEndSeconds: number;
  /** The latest it should complete if every decision waits for its deadline; null when a wave has no deadline. */
  latestEndSeconds: number | null;
}

export function planTimeline(plan: Plan): PlanTimeline {
  let at = 0;
  let latest: number | null = 0;
  const waves = plan.waves.map((wave, index): TimelineWave => {
    const startSeconds = at;
    const bakeEndSeconds = startSeconds + wave.bakeSeconds;
    const deadlineSeconds = wave.maxSeconds === undefined ? null : startSeconds + wave.maxSeconds;
    at = bakeEndSeconds;
    // An automatic promotion does not wait for a person, so its bake is also its latest end.
    if (latest !== null) latest = wave.autoContinue ? latest + wave.bakeSeconds : wave.maxSeconds === undefined ? null : latest + Math.max(wave.bakeSeconds, wave.maxSeconds);
    return {
      index,
      name: wave.name,
      trafficPercent: wave.trafficPercent,
      unit: wave.unit ?? null,
      startSeconds,
      bakeEndSeconds,
      deadlineSeconds,
      deadlineBeforeBakeEnd: deadlineSeconds !== null && deadlineSeconds < bakeEndSeconds,
      autoContinue: wave.autoContinue === true,
    };
  });
  const hypercare = plan.hypercare ? { startSeconds: at, endSeconds: at + plan.hypercare.durationSeconds } : null;
  const hypercareSeconds = plan.hypercare?.durationSeconds ?? 0;
  return {
    waves,
    hypercare,
    earliestEndSeconds: at + hypercareSeconds,
    latestEndSeconds: latest === null ? null : latest + hypercareSeconds,
  };
}
