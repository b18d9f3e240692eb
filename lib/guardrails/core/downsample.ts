// Thins long chart series to a point budget while keeping every bucket's extremes, so spikes stay visible.
export type Point = { t: number; v: number };

/**
 * Min/max per slice rather than LTTB: LTTB picks by triangle area and can drop a one-point spike next to
 * other large values, while min/max guarantees the global extremes (the spike behind a rollback) survive.
 * Returns input points (same objects) in time order, at most maxPoints of them.
 */
export function downsample(points: readonly Point[], maxPoints: number): Point[] {
  if (!Number.isFinite(maxPoints) || maxPoints < 2) throw new RangeError(`maxPoints must be at least 2, got ${maxPoints}`);
  let sorted = true;
  for (let i = 1; i < points.length; i++) {
    if (points[i].t < points[i - 1].t) {
      sorted = false;
      break;
    }
  }
  const list = sorted ? points : [...points].sort((a, b) => a.t - b.t);
  const n = list.length;
  if (n <= maxPoints) return [...list];

  const slices = Math.floor(maxPoints / 2);
  const out: Point[] = [];
  for (let s = 0; s < slices; s++) {
    const from = Math.floor((s * n) / slices);
    const to = Math.floor(((s + 1) * n) / slices);
    let minI = from;
    let maxI = from;
    for (let i = from + 1; i < to; i++) {
      const v = list[i].v;
      if (v < list[minI].v) minI = i;
      if (v > list[maxI].v) maxI = i;
    }
    // Emitting in time order keeps the polyline from doubling back within a slice.
    if (minI === maxI) out.push(list[minI]);
    else if (minI < maxI) out.push(list[minI], list[maxI]);
    else out.push(list[maxI], list[minI]);
  }
  return out;
}
