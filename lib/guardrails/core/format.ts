// Number and duration formatting for the one-sentence details shown to humans in alerts and on the dashboard.
import { RATIO_METRICS } from "../../plans/core/plan";

const RATIOS = new Set(RATIO_METRICS);

/** Under two minutes reads better in seconds ("window 60s"); beyond that in m/h ("for 5m"). */
export function formatDuration(ms: number): string {
  const s = Math.round(Math.max(0, ms) / 1000);
  if (s < 120) return `${s}s`;
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rs = s % 60;
  if (h === 0) return rs ? `${m}m${rs}s` : `${m}m`;
  return m ? `${h}h${m}m` : `${h}h`;
}

function trim(v: number): string {
  if (Number.isInteger(v)) return String(v);
  // Enough digits to see a difference from the threshold, not so many that the sentence is noise.
  if (Math.abs(v) >= 100) return String(Math.round(v));
  return String(Number(v.toPrecision(3)));
}

/** Ratio metrics are stored as 0..1 but people read them as percentages. */
export function formatMetricValue(metric: string, v: number): string {
  if (!Number.isFinite(v)) return v > 0 ? "∞" : v < 0 ? "-∞" : "NaN";
  return RATIOS.has(metric) ? `${trim(v * 100)}%` : trim(v);
}

/** A fraction relative to baseline: 1.12 -> "+112%". */
export function formatRelative(fraction: number): string {
  if (fraction === Infinity) return "+∞%";
  if (!Number.isFinite(fraction)) return String(fraction);
  const pct = trim(fraction * 100);
  return fraction > 0 ? `+${pct}%` : `${pct}%`;
}

/** An absolute difference from a reference level, signed: +0.02 error rate -> "+2 pp" (points), +120 ms -> "+120". */
export function formatDifference(metric: string, v: number): string {
  if (!Number.isFinite(v)) return formatMetricValue(metric, v);
  const text = RATIOS.has(metric) ? `${trim(v * 100)} pp` : trim(v);
  return v > 0 ? `+${text}` : text;
}
