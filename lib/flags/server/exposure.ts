// How often each flag is evaluated and what apps got: from OFREP answers and from Unleash SDK metrics. In memory,
// per instance (each instance reports what it served), reset per flag when its share changes so "observed" is
// compared with the share that is planned now.
import "server-only";
import { type ExposureCounts, exposureView, NO_EXPOSURE } from "../core/exposure-sum";
import { type SdkInstance, sdkInstanceKey, trimSighting } from "../core/served-flag";

export { type SdkInstance, sdkInstanceKey } from "../core/served-flag";

const WINDOW_SECONDS = 60;

export interface FlagExposure {
  on: number;
  off: number;
  errors: number;
  /** Since the flag's share last changed. */
  sinceChange: { on: number; off: number };
  /** Evaluations per second over the last minute, a ring indexed by epoch second. */
  ring: number[];
  ringSecond: number;
}

/**
 * SDK instances are named by their callers (Unleash appName/instanceId, OFREP User-Agent), so outside input grows this
 * map: it keeps the most recently seen MAX_SDKS and forgets those not seen for SDK_SEEN_MS (they no longer count as
 * connected anyway). 50,000 registrations with new names once took the server from 378 to 542 MB.
 */
export const MAX_SDKS = 5_000;

export interface SdkEvictions {
  /** Forgotten because MAX_SDKS newer instances were seen since. */
  capacity: number;
  /** Forgotten after SDK_SEEN_MS without a sighting. */
  expired: number;
  /** Dropped by the flag worker between two drains (its own cap, MAX_SDKS_PER_DRAIN). */
  worker: number;
}

interface ExposureState {
  flags: Map<string, FlagExposure>;
  /** In order of last refresh (an entry is re-inserted when refreshed), so the oldest is first. */
  sdks: Map<string, SdkInstance>;
  evictions: SdkEvictions;
}

const holder = globalThis as unknown as { __tidegateExposure?: ExposureState };
const state = (): ExposureState => {
  const s = (holder.__tidegateExposure ??= { flags: new Map(), sdks: new Map(), evictions: { capacity: 0, expired: 0, worker: 0 } });
  s.evictions ??= { capacity: 0, expired: 0, worker: 0 };
  return s;
};

function entry(key: string): FlagExposure {
  const flags = state().flags;
  let e = flags.get(key);
  if (!e) {
    e = { on: 0, off: 0, errors: 0, sinceChange: { on: 0, off: 0 }, ring: new Array(WINDOW_SECONDS).fill(0), ringSecond: 0 };
    flags.set(key, e);
  }
  return e;
}

function advance(e: FlagExposure, second: number) {
  if (second - e.ringSecond >= WINDOW_SECONDS) e.ring.fill(0);
  else for (let s = e.ringSecond + 1; s <= second; s++) e.ring[s % WINDOW_SECONDS] = 0;
  e.ringSecond = Math.max(e.ringSecond, second);
}

export function recordEvaluations(key: string, on: number, off: number, errors: number, nowMs: number) {
  const e = entry(key);
  const second = Math.floor(nowMs / 1000);
  if (second !== e.ringSecond) advance(e, second);
  e.on += on;
  e.off += off;
  e.errors += errors;
  e.sinceChange.on += on;
  e.sinceChange.off += off;
  e.ring[second % WINDOW_SECONDS] += on + off + errors;
}

export function resetSinceChange(key: string) {
  const e = state().flags.get(key);
  if (e) e.sinceChange = { on: 0, off: 0 };
}

/** This instance's counts of a flag now (the last minute's ring advanced to `nowMs`). */
export function countsOf(key: string, nowMs: number): ExposureCounts {
  const e = state().flags.get(key);
  if (!e) return { ...NO_EXPOSURE };
  advance(e, Math.floor(nowMs / 1000));
  return { on: e.on, off: e.off, errors: e.errors, sinceOn: e.sinceChange.on, sinceOff: e.sinceChange.off, perMinute: e.ring.reduce((a, b) => a + b, 0) };
}

/** This instance's exposure of a flag, as /api/metrics shows it (the board sums the cluster: cluster-exposure.ts). */
export function exposureOf(key: string, nowMs: number) {
  return exposureView(countsOf(key, nowMs));
}

export function allExposure(): Map<string, FlagExposure> {
  return state().flags;
}

export function sdkSeen(sighting: Omit<SdkInstance, "lastSeen">, nowMs: number) {
  const sdk = trimSighting(sighting);
  const { sdks, evictions } = state();
  const key = sdkInstanceKey(sdk);
  const known = sdks.get(key);
  // Called on every evaluation: refresh at most once a second instead of allocating per request.
  if (known && nowMs - known.lastSeen < 1000) return;
  if (known) sdks.delete(key);
  else {
    // Oldest first: drop the expired ones, then (still full) the least recently seen.
    for (const [k, s] of sdks) {
      if (nowMs - s.lastSeen < SDK_SEEN_MS) break;
      sdks.delete(k);
      evictions.expired++;
    }
    while (sdks.size >= MAX_SDKS) {
      sdks.delete(sdks.keys().next().value as string);
      evictions.capacity++;
    }
  }
  sdks.set(key, { ...sdk, lastSeen: Math.max(nowMs, known?.lastSeen ?? 0) });
}

/** Sightings the flag worker dropped at its own cap between two drains. */
export function sdkSightingsDropped(n: number) {
  if (n > 0) state().evictions.worker += n;
}

/** For /api/metrics: how many SDK instances are held, and how many were let go and why. */
export function sdkTracking(): { tracked: number; evictions: SdkEvictions } {
  const s = state();
  return { tracked: s.sdks.size, evictions: { ...s.evictions } };
}

/** An SDK instance counts as connected this long after it last registered, polled, evaluated or reported. */
export const SDK_SEEN_MS = 120_000;

/** SDK instances that registered, polled or reported within the last two minutes. */
export function connectedSdks(nowMs: number): SdkInstance[] {
  return [...state().sdks.values()].filter((s) => nowMs - s.lastSeen < SDK_SEEN_MS);
}
