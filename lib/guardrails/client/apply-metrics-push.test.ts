import { describe, expect, it } from "vitest";
import { applyMetricsPush } from "./apply-metrics-push";
import type { MetricsView } from "../../releases/client/types";

const HOUR = 3_600_000;

const view = (): MetricsView => ({
  metrics: [
    {
      metric: "error_rate",
      label: "Error rate",
      unit: "ratio",
      guardrail: null,
      level: "ok",
      current: 0.01,
      previous: 0.01,
      points: [
        { t: 1_000, canary: 0.01, baseline: 0.01 },
        { t: HOUR + 2_000, canary: 0.01, baseline: 0.01 },
      ],
    },
  ],
  waveMarkers: [],
});

const push = (t: number, metric = "error_rate") => ({
  releaseId: "r1",
  at: t,
  metrics: [{ metric, level: "warning" as const, current: 0.03, previous: 0.01, canary: 0.03, baseline: 0.01, t }],
});

describe("applyMetricsPush", () => {
  it("updates level and values, appends a point and drops points older than the window", () => {
    const next = applyMetricsPush(view(), push(HOUR + 5_000), HOUR);
    const m = next.metrics[0];
    expect(m.level).toBe("warning");
    expect(m.current).toBe(0.03);
    expect(m.points.map((p) => p.t)).toEqual([HOUR + 2_000, HOUR + 5_000]);
  });

  it("replaces a point with the same timestamp instead of duplicating it", () => {
    const once = applyMetricsPush(view(), push(HOUR + 2_000), HOUR);
    expect(once.metrics[0].points.filter((p) => p.t === HOUR + 2_000)).toEqual([{ t: HOUR + 2_000, canary: 0.03, baseline: 0.01 }]);
  });

  it("adds a metric the endpoint did not describe, with a readable label", () => {
    const next = applyMetricsPush(undefined, push(10, "latency_p99_ms"), HOUR);
    expect(next.metrics[0]).toMatchObject({ metric: "latency_p99_ms", label: "P99 latency", unit: "ms" });
  });
});
