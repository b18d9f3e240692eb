// Unit tests for one watch pass: which guardrails it evaluates, the strongest action, stale alerts, bound items.
import { describe, expect, it } from "vitest";
import { PlanSchema } from "../../plans/core/plan";
import type { OpenAlert } from "./alerts";
import type { Bucket } from "./rollup";
import type { BucketSeries } from "./rollup";
import { watchHorizonMs, watchRelease, type BoundChecklistItem } from "./watch";

const NOW = 1_800_000_000_000;
const B = 10_000;

const plan = PlanSchema.parse({
  name: "Watch",
  service: "svc",
  version: "1",
  guardrails: [
    { metric: "error_rate", comparator: ">", warning: 0.05, critical: 0.1, windowSeconds: 60, forSeconds: 0, onCritical: "pause" },
    { metric: "latency_p95_ms", comparator: ">", critical: 500, windowSeconds: 60, forSeconds: 0, onCritical: "rollback" },
  ],
  waves: [
    { name: "Canary", trafficPercent: 10 },
    // The last wave stops watching latency.
    { name: "All", trafficPercent: 100, guardrails: [{ metric: "error_rate", comparator: ">", critical: 0.1, windowSeconds: 60, forSeconds: 0, onCritical: "notify" }] },
  ],
});

function series(value: number, fromMs: number, toMs: number): Bucket[] {
  const out: Bucket[] = [];
  for (let t = fromMs; t < toMs; t += B) out.push({ start: t, count: 5, sum: value * 5, min: value, max: value });
  return out;
}

function buckets(entries: Record<string, Bucket[]>): BucketSeries {
  return new Map(Object.entries(entries));
}

const base = { plan, waveIndex: 0, openAlerts: [] as OpenAlert[], checklist: [] as BoundChecklistItem[], now: NOW, runStartedAt: NOW - 600_000 };

describe("watchRelease", () => {
  it("evaluates every guardrail of the current wave and stays quiet while healthy", () => {
    const r = watchRelease({
      ...base,
      buckets: buckets({ "error_rate|canary": series(0.01, NOW - 120_000, NOW), "latency_p95_ms|canary": series(200, NOW - 120_000, NOW) }),
    });
    expect(r.evaluations.map((e) => [e.metric, e.level])).toEqual([
      ["error_rate", "ok"],
      ["latency_p95_ms", "ok"],
    ]);
    expect(r.alerts).toEqual([]);
    expect(r.action).toBeNull();
  });

  it("picks the strongest action when several guardrails are sustained critical", () => {
    const r = watchRelease({
      ...base,
      buckets: buckets({ "error_rate|canary": series(0.5, NOW - 120_000, NOW), "latency_p95_ms|canary": series(900, NOW - 120_000, NOW) }),
    });
    expect(r.alerts.map((a) => [a.metric, a.next?.level, a.events.map((e) => e.type)])).toEqual([
      ["error_rate", "critical", ["breach"]],
      ["latency_p95_ms", "critical", ["breach"]],
    ]);
    expect(r.action).toMatchObject({ type: "rollback", metric: "latency_p95_ms" });
  });

  it("does not ask again for an episode whose action was committed", () => {
    // Its detail already tells the 50% it still measures, so nothing is rewritten either.
    const acted: OpenAlert = { metric: "error_rate", level: "critical", openedAt: NOW - 60_000, healthySince: null, actedAt: NOW - 30_000, detailValue: 0.5 };
    const r = watchRelease({ ...base, openAlerts: [acted], buckets: buckets({ "error_rate|canary": series(0.5, NOW - 120_000, NOW), "latency_p95_ms|canary": series(100, NOW - 120_000, NOW) }) });
    expect(r.action).toBeNull();
    expect(r.alerts).toEqual([]);
  });

  it("closes alerts for metrics the current wave no longer watches", () => {
    const open: OpenAlert = { metric: "cpu_percent", level: "warning", openedAt: NOW - 60_000, healthySince: null, actedAt: null };
    const r = watchRelease({ ...base, openAlerts: [open], buckets: buckets({ "error_rate|canary": series(0.01, NOW - 120_000, NOW), "latency_p95_ms|canary": series(100, NOW - 120_000, NOW) }) });
    expect(r.alerts).toEqual([
      { metric: "cpu_percent", previous: open, next: null, events: [{ type: "recovery", detail: "cpu_percent is no longer watched in this wave" }] },
    ]);
  });

  it("ignores canary data from before the run: no data of its own is inconclusive, not a breach", () => {
    const r = watchRelease({ ...base, runStartedAt: NOW - 5_000, buckets: buckets({ "error_rate|canary": series(0.5, NOW - 300_000, NOW - 20_000) }) });
    expect(r.evaluations[0].level).toBe("inconclusive");
    expect(r.action).toBeNull();
  });

  it("moves metric-bound items of the current wave between met, not met and open", () => {
    const items: BoundChecklistItem[] = [
      { id: "a", waveIndex: 0, state: "open", metric: { metric: "error_rate", comparator: "<", threshold: 0.02 } },
      { id: "b", waveIndex: 0, state: "met", metric: { metric: "latency_p95_ms", comparator: "<", threshold: 100 } },
      { id: "c", waveIndex: 0, state: "met", metric: { metric: "cpu_percent", comparator: "<", threshold: 50 } },
      { id: "d", waveIndex: 1, state: "open", metric: { metric: "error_rate", comparator: "<", threshold: 0.02 } },
      { id: "e", waveIndex: 0, state: "waived", metric: { metric: "error_rate", comparator: ">", threshold: 0.02 } },
    ];
    const r = watchRelease({
      ...base,
      checklist: items,
      buckets: buckets({ "error_rate|canary": series(0.01, NOW - 120_000, NOW), "latency_p95_ms|canary": series(300, NOW - 120_000, NOW) }),
    });
    expect(r.checklist.map((c) => [c.id, c.from, c.to])).toEqual([
      ["a", "open", "met"],
      ["b", "met", "not_met"],
      ["c", "met", "open"],
    ]);
  });

  it("for a draft (no run), evaluates only the pre-deployment items and no guardrail", () => {
    const items: BoundChecklistItem[] = [
      { id: "pre", waveIndex: null, state: "open", metric: { metric: "error_rate", comparator: "<", threshold: 0.02 } },
      { id: "w0", waveIndex: 0, state: "open", metric: { metric: "error_rate", comparator: "<", threshold: 0.02 } },
    ];
    const r = watchRelease({ ...base, runStartedAt: null, checklist: items, buckets: buckets({ "error_rate|canary": series(0.5, NOW - 120_000, NOW) }) });
    expect(r.evaluations).toEqual([]);
    expect(r.action).toBeNull();
    expect(r.checklist.map((c) => [c.id, c.to])).toEqual([["pre", "not_met"]]);
    const healthy = watchRelease({ ...base, runStartedAt: null, checklist: items, buckets: buckets({ "error_rate|canary": series(0.01, NOW - 120_000, NOW) }) });
    expect(healthy.checklist.map((c) => [c.id, c.to])).toEqual([["pre", "met"]]);
  });

  it("reads back far enough for the longest window plus sustain period", () => {
    expect(watchHorizonMs(plan, 0)).toBe((60 + 0 + 20) * 1000);
  });
});
