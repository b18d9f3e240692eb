// The flag worker's exposure sink: evaluation counts and SDK sightings since the last drain, handed to the main
// thread once a second (which owns the counts the board and /api/metrics read) and forgotten here.
import { type SdkInstance, type SdkSighting, sdkInstanceKey, trimSighting } from "../core/served-flag";
import type { ExposureSink } from "./ports";

export interface ExposureDrain {
  flags: { key: string; on: number; off: number; errors: number }[];
  sdks: SdkInstance[];
  /** Sightings of new instances dropped at MAX_SDKS_PER_DRAIN (the main thread counts them as evictions). */
  dropped: number;
}

/**
 * SDK instances are named by their callers (appName, instanceId), so between two drains at most this many are
 * kept; the rest of a flood is dropped, not queued. Flag keys need no bound: only served flags are counted.
 */
export const MAX_SDKS_PER_DRAIN = 10_000;

export class ExposureTally implements ExposureSink {
  private flags = new Map<string, { on: number; off: number; errors: number }>();
  private sdks = new Map<string, SdkInstance>();
  private dropped = 0;

  evaluations(key: string, on: number, off: number, errors: number): void {
    const counts = this.flags.get(key);
    if (!counts) {
      this.flags.set(key, { on, off, errors });
      return;
    }
    counts.on += on;
    counts.off += off;
    counts.errors += errors;
  }

  sdkSeen(sighting: SdkSighting, nowMs: number): void {
    const sdk = trimSighting(sighting);
    const key = sdkInstanceKey(sdk);
    const known = this.sdks.get(key);
    if (known) known.lastSeen = Math.max(known.lastSeen, nowMs);
    else if (this.sdks.size < MAX_SDKS_PER_DRAIN) this.sdks.set(key, { ...sdk, lastSeen: nowMs });
    else this.dropped++;
  }

  /** What was counted since the last drain (null when nothing was), and a fresh start. */
  drain(): ExposureDrain | null {
    if (this.flags.size === 0 && this.sdks.size === 0 && this.dropped === 0) return null;
    const flags = [...this.flags].map(([key, c]) => ({ key, on: c.on, off: c.off, errors: c.errors }));
    const sdks = [...this.sdks.values()];
    const dropped = this.dropped;
    this.flags = new Map();
    this.sdks = new Map();
    this.dropped = 0;
    return { flags, sdks, dropped };
  }
}
