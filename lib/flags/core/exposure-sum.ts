// A flag's evaluation counts as one instance keeps them, and their sum over the instances of a cluster. Pure.

export interface ExposureCounts {
  /** Totals since the instance started. */
  on: number;
  off: number;
  errors: number;
  /** Since the flag's share last changed: what the observed share is computed from. */
  sinceOn: number;
  sinceOff: number;
  /** Evaluations over the last minute. */
  perMinute: number;
}

export const NO_EXPOSURE: ExposureCounts = { on: 0, off: 0, errors: 0, sinceOn: 0, sinceOff: 0, perMinute: 0 };

export function sumExposure(parts: readonly ExposureCounts[]): ExposureCounts {
  const sum = { ...NO_EXPOSURE };
  for (const p of parts) {
    sum.on += p.on;
    sum.off += p.off;
    sum.errors += p.errors;
    sum.sinceOn += p.sinceOn;
    sum.sinceOff += p.sinceOff;
    sum.perMinute += p.perMinute;
  }
  return sum;
}

/** What the board and /api/metrics show of counts: the share of "on" answers since the last change, and how many. */
export function exposureView(c: ExposureCounts) {
  const samples = c.sinceOn + c.sinceOff;
  return {
    on: c.on,
    off: c.off,
    errors: c.errors,
    observedShare: samples > 0 ? (100 * c.sinceOn) / samples : null,
    samples,
    perMinute: c.perMinute,
  };
}

/** SDK instances heard of by several Tidegate instances (a load balancer spreads one app's calls): each once. */
export function distinctSdks<T extends { key: string; lastSeen: number }>(lists: readonly (readonly T[])[]): T[] {
  const byKey = new Map<string, T>();
  for (const list of lists) for (const s of list) {
    const known = byKey.get(s.key);
    if (!known || known.lastSeen < s.lastSeen) byKey.set(s.key, s);
  }
  return [...byKey.values()];
}
