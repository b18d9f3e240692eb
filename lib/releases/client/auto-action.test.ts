import { describe, expect, it } from "vitest";
import { pendingAutoAction } from "./auto-action";
import type { MetricSeries } from "./types";

const series = (metric: string, onCritical: string, criticalSince: number | null, forSeconds = 20): MetricSeries => ({
  metric,
  label: metric,
  unit: "ratio",
  guardrail: { comparator: ">", critical: 0.1, forSeconds, onCritical },
  level: criticalSince === null ? "ok" : "critical",
  current: 0.3,
  previous: 0.01,
  criticalSince,
  points: [],
});
const alert = (metric: string, actedAt: string | null = null) => ({ id: metric, metric, level: "critical", detail: "", openedAt: "", actedAt, acknowledgedBy: null, acknowledgedAt: null });

describe("pendingAutoAction", () => {
  it("counts down from critical-since plus forSeconds while the episode has not acted", () => {
    const view = { status: "running" as const, alerts: [alert("error_rate")], startedAt: new Date(0).toISOString() };
    expect(pendingAutoAction(view, [series("error_rate", "rollback", 10_000)])).toMatchObject({ action: "rollback", dueAt: 30_000 });
  });

  it("never counts from before the run began", () => {
    const view = { status: "running" as const, alerts: [alert("error_rate")], startedAt: new Date(50_000).toISOString() };
    expect(pendingAutoAction(view, [series("error_rate", "rollback", 10_000)])?.dueAt).toBe(70_000);
  });

  it("shows nothing once the guardrail acted, for notify guardrails, or for a pause on a paused release", () => {
    const started = new Date(0).toISOString();
    expect(pendingAutoAction({ status: "running", alerts: [alert("error_rate", "x")], startedAt: started }, [series("error_rate", "rollback", 1)])).toBeNull();
    expect(pendingAutoAction({ status: "running", alerts: [alert("error_rate")], startedAt: started }, [series("error_rate", "notify", 1)])).toBeNull();
    expect(pendingAutoAction({ status: "paused", alerts: [alert("latency")], startedAt: started }, [series("latency", "pause", 1)])).toBeNull();
    expect(pendingAutoAction({ status: "rolled_back", alerts: [], startedAt: started }, [series("error_rate", "rollback", 1)])).toBeNull();
  });

  it("shows the action that comes first", () => {
    const view = { status: "running" as const, alerts: [alert("a"), alert("b")], startedAt: new Date(0).toISOString() };
    expect(pendingAutoAction(view, [series("a", "rollback", 1000, 60), series("b", "pause", 1000, 5)])).toMatchObject({ action: "pause", metric: "b" });
  });
});
