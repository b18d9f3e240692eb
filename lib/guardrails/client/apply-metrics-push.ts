// Folds one `release:metrics` push into the cached metrics view: new levels and values, one more chart point.
import { describeMetricKey } from "./metric-units";
import type { MetricSeries, MetricsPush, MetricsView } from "../../releases/client/types";

export function applyMetricsPush(view: MetricsView | undefined, push: MetricsPush, windowMs: number): MetricsView {
  const base: MetricsView = view ?? { metrics: [], waveMarkers: [] };
  const metrics = [...base.metrics];
  for (const m of push.metrics) {
    const i = metrics.findIndex((s) => s.metric === m.metric);
    const series: MetricSeries =
      i >= 0 ? metrics[i] : { metric: m.metric, ...describeMetricKey(m.metric), guardrail: null, level: m.level, current: null, previous: null, points: [] };
    const cutoff = m.t - windowMs;
    // Pushes may repeat a timestamp; the newest reading for a time wins, and points stay in time order.
    const points = series.points.filter((p) => p.t >= cutoff && p.t !== m.t);
    const inOrder = points.length === 0 || points[points.length - 1].t < m.t;
    points.push({ t: m.t, canary: m.canary, baseline: m.baseline });
    if (!inOrder) points.sort((a, b) => a.t - b.t);
    const next = {
      ...series,
      level: m.level,
      current: m.current,
      previous: m.previous,
      ...(m.observed !== undefined ? { observed: m.observed } : {}),
      ...(m.criticalSince !== undefined ? { criticalSince: m.criticalSince } : {}),
      ...(m.actsAt !== undefined ? { actsAt: m.actsAt } : {}),
      ...(m.verdict !== undefined ? { verdict: m.verdict } : {}),
      points,
    };
    if (i >= 0) metrics[i] = next;
    else metrics.push(next);
  }
  return { ...base, metrics };
}
