// The observed split over a window, from cumulative counters sampled over time (pure: time passed in).

/** One sample of the router's cumulative counters: [at ms, stable, canary]. */
export type CounterSample = [number, number, number];

export interface ObservedSplit {
  stable: number;
  canary: number;
  /** The canary's share of the requests served in the window, or null when none were served. */
  canaryPercent: number | null;
  windowMs: number;
}

/** Keeps the samples of the last `keepMs` (bounded to `max`), with the newest appended. */
export function keepSamples(samples: readonly CounterSample[], next: CounterSample, keepMs: number, max = 120): CounterSample[] {
  // A counter that went down (HAProxy restarted) starts the history over.
  const last = samples.at(-1);
  const base = last && (next[1] < last[1] || next[2] < last[2]) ? [] : samples.filter((s) => s[0] >= next[0] - keepMs);
  return [...base, next].slice(-max);
}

/** Requests served by each side over the last `windowMs` (or since the oldest sample, when younger). */
export function observedOver(samples: readonly CounterSample[], now: number, windowMs: number): ObservedSplit | null {
  const newest = samples.at(-1);
  if (!newest || samples.length < 2) return null;
  const from = samples.find((s) => s[0] >= now - windowMs) ?? samples[0];
  const oldest = from === newest ? samples[samples.length - 2] : from;
  const stable = newest[1] - oldest[1];
  const canary = newest[2] - oldest[2];
  const total = stable + canary;
  return { stable, canary, canaryPercent: total > 0 ? (canary / total) * 100 : null, windowMs: newest[0] - oldest[0] };
}
