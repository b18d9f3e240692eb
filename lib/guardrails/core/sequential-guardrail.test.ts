// The sequential judge through the real watch pass: cumulative data since the wave began, counts for ratios, Holm
// across the wave's metrics, forSeconds, the verdict in words, and A/A calibration that never acts.
import { describe, expect, it } from "vitest";
import { PlanSchema } from "../../plans/core/plan";
import type { Bucket } from "./rollup";
import { budgetShares, DEFAULT_JUDGE_ALPHA } from "./sequential-guardrail";
import { summarizeMetrics } from "./summary";
import { prng } from "./test-prng";
import type { BucketSeries } from "./rollup";
import { watchRelease, watchHorizonMs } from "./watch";

const B = 10_000;
const WAVE = 1_800_000_000_000;

const planOf = (extra: Record<string, unknown> = {}) =>
  PlanSchema.parse({
    name: "Sequential",
    service: "svc",
    version: "2",
    guardrails: [
      { metric: "error_rate", comparator: ">", critical: 0.05, judge: "sequential", forSeconds: 30, onCritical: "rollback" },
      { metric: "latency_p95_ms", comparator: ">", critical: 500, judge: "sequential", forSeconds: 30, onCritical: "pause" },
    ],
    waves: [{ name: "Canary", trafficPercent: 10 }, { name: "All", trafficPercent: 100 }],
    ...extra,
  });

/** Ten minutes of 10 s buckets: error rates as errors out of `rps` requests, latency bucket means with shared drift. */
function traffic(seed: number, errorFactor: number, latencyFactor: number, rps = 100, minutes = 10): BucketSeries {
  const rand = prng(seed);
  const series: Record<string, Bucket[]> = { "error_rate|canary": [], "error_rate|baseline": [], "latency_p95_ms|canary": [], "latency_p95_ms|baseline": [] };
  for (let t = WAVE - 60_000; t < WAVE + minutes * 60_000; t += B) {
    const n = rps * 10;
    const binomial = (p: number) => Math.round(n * p + Math.sqrt(n * p * (1 - p)) * gauss(rand));
    const drift = 20 * Math.sin(t / 600_000);
    const add = (key: string, count: number, sum: number) => series[key].push({ start: t, count, sum, min: 0, max: 1 });
    add("error_rate|canary", n, Math.max(0, binomial(0.01 * errorFactor)));
    add("error_rate|baseline", n, Math.max(0, binomial(0.01)));
    add("latency_p95_ms|canary", 1, (200 + drift) * latencyFactor + 10 * gauss(rand));
    add("latency_p95_ms|baseline", 1, 200 + drift + 10 * gauss(rand));
  }
  return new Map(Object.entries(series));
}

function gauss(rand: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
}

const input = (plan = planOf(), buckets: BucketSeries, now: number) => ({
  plan,
  waveIndex: 0,
  buckets,
  openAlerts: [],
  checklist: [],
  now,
  runStartedAt: WAVE,
  waveStartedAt: WAVE,
});

describe("sequential guardrails in the watch pass", () => {
  it("healthy cohorts: ok, with the effect, its interval, the requests counted and the evidence still needed", () => {
    const r = watchRelease(input(planOf(), traffic(1, 1, 1), WAVE + 120_000));
    expect(r.action).toBeNull();
    expect(r.alerts).toEqual([]);
    const errors = r.evaluations.find((e) => e.metric === "error_rate")!;
    expect(errors.level).toBe("ok");
    // 12 buckets wholly inside the wave before now (the bucket straddling the promotion is left out), 1,000 requests each.
    expect(errors.detail).toMatch(/^error_rate: [+-]?[\d.]+ pp \(99\.5 % CI -[\d.]+ to \+[\d.]+\), 12,000 canary requests/);
    expect(errors.detail).toMatch(/about .* more at the current traffic to decide$|no harm of 50 % or more$/);
    const latency = r.evaluations.find((e) => e.metric === "latency_p95_ms")!;
    expect(latency.detail).toMatch(/^latency_p95_ms: [+-]?[\d.]+ ms \(99\.5 % CI -[\d.]+ to \+[\d.]+\), 12 paired 10 s buckets/);
  });

  it("an error rate doubled from 1 % at 100 requests/s fails, holds for forSeconds, then acts (rollback)", () => {
    const buckets = traffic(2, 2, 1);
    let firstFail: number | null = null;
    let actedAt: number | null = null;
    for (let now = WAVE + B; now <= WAVE + 600_000 && actedAt === null; now += B) {
      const r = watchRelease(input(planOf(), buckets, now));
      const e = r.evaluations.find((x) => x.metric === "error_rate")!;
      if (e.level === "critical" && firstFail === null) {
        firstFail = now;
        expect(e.detail).toMatch(/ — fails, not yet judged so for 30s$/);
        expect(r.action).toBeNull();
      }
      if (r.action) {
        actedAt = now;
        expect(r.action).toMatchObject({ type: "rollback", metric: "error_rate" });
        expect(r.action.detail).toMatch(/ canary requests — fails$/);
      }
    }
    expect(firstFail).not.toBeNull();
    expect(actedAt! - firstFail!).toBeGreaterThanOrEqual(30_000);
    expect(actedAt! - WAVE).toBeLessThanOrEqual(300_000);
  });

  it("uses only data since the wave began: a breach measured before the promotion does not count", () => {
    const buckets = traffic(3, 1, 1);
    // Before the wave, the canary was terrible; the judge must not see it.
    for (const b of buckets.get("error_rate|canary")!) if (b.start < WAVE) b.sum = b.count * 0.5;
    const r = watchRelease(input(planOf(), buckets, WAVE + 60_000));
    expect(r.evaluations.find((e) => e.metric === "error_rate")!.level).toBe("ok");
    expect(watchHorizonMs(planOf(), 0, undefined, WAVE + 3_600_000, WAVE)).toBeGreaterThanOrEqual(3_600_000);
  });

  it("says so when there is not enough data, and is inconclusive", () => {
    const r = watchRelease(input(planOf(), traffic(4, 1, 1), WAVE + 20_000));
    const latency = r.evaluations.find((e) => e.metric === "latency_p95_ms")!;
    expect(latency.level).toBe("inconclusive");
    expect(latency.detail).toBe("latency_p95_ms: not enough data yet (2 paired 10 s buckets since the wave began)");
  });

  it("shares judgeAlpha: explicit alphas first, the rest split equally", () => {
    expect(DEFAULT_JUDGE_ALPHA).toBe(0.01);
    const g = planOf({ judgeAlpha: 0.01 }).guardrails;
    expect([...budgetShares(g, 0.01)]).toEqual([["error_rate", 0.005], ["latency_p95_ms", 0.005]]);
    const weighted = [{ ...g[0], alpha: 0.008 }, g[1]];
    expect([...budgetShares(weighted, 0.01)].map(([m, a]) => [m, Number(a.toFixed(6))])).toEqual([["error_rate", 0.008], ["latency_p95_ms", 0.002]]);
  });

  it("A/A calibration: the judge measures and suggests, never opens an alert or acts, even on a real difference", () => {
    const plan = planOf({ calibration: true });
    const buckets = traffic(5, 3, 1.5);
    const r = watchRelease(input(plan, buckets, WAVE + 300_000));
    expect(r.action).toBeNull();
    expect(r.alerts).toEqual([]);
    const e = r.evaluations.find((x) => x.metric === "error_rate")!;
    expect(e.level).toBe("ok");
    expect(e.detail).toMatch(/^A\/A calibration, does not act: error_rate: \+.* — would have failed on no change; natural spread ±\d+ % of the baseline: suggests minRelativeEffect [\d.]+ or more, a relative threshold \(relativeTo baseline\) at [\d.]+ or more$/);
    const summary = summarizeMetrics(plan, 0, buckets, WAVE + 300_000, null, WAVE).find((m) => m.metric === "error_rate")!;
    expect(summary.level).toBe("ok");
    expect(summary.verdict).toMatch(/^A\/A calibration, does not act: error_rate: .* would have failed on no change; natural spread/);
  });

  it("A/A calibration on truly identical cohorts suggests effect sizes from the measured spread", () => {
    const plan = planOf({ calibration: true });
    const r = watchRelease(input(plan, traffic(7, 1, 1), WAVE + 600_000));
    const latency = r.evaluations.find((x) => x.metric === "latency_p95_ms")!;
    const m = /natural spread ±([\d.]+) % of the baseline: suggests minRelativeEffect ([\d.]+) or more/.exec(latency.detail);
    expect(m).not.toBeNull();
    // 10 ms of noise per bucket on 200 ms, paired over 60 buckets: the interval is a few percent wide, not 25 %.
    expect(Number(m![1])).toBeLessThan(10);
    expect(Number(m![2])).toBeCloseTo(Number(m![1]) / 100, 2);
  });

  it("the board's summary carries the verdict in words", () => {
    const s = summarizeMetrics(planOf(), 0, traffic(6, 1, 1), WAVE + 120_000, null, WAVE);
    expect(s.find((m) => m.metric === "latency_p95_ms")!.verdict).toMatch(/^latency_p95_ms: .*12 paired 10 s buckets/);
  });
});
