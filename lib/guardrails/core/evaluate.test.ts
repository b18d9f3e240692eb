// Tests for windowed guardrail evaluation: levels, sustained vs momentary breaches, relative thresholds, no data.
import { describe, it, expect } from "vitest";
import { GuardrailSchema, type Guardrail } from "../../plans/core/plan";
import { evaluateGuardrail, relativeChange } from "./evaluate";
import type { Bucket } from "./rollup";

const B = 10_000;
const NOW = 1_800_000_000_000; // a multiple of 10 s, so boundary arithmetic in the tests is exact
const sec = (s: number) => s * 1000;

function guardrail(input: Record<string, unknown>): Guardrail {
  return GuardrailSchema.parse(input);
}

/** One bucket per 10 s from `from` to `to` (inclusive, ms offsets from NOW), each holding one sample. */
function series(from: number, to: number, value: (start: number) => number): Bucket[] {
  const out: Bucket[] = [];
  for (let start = NOW + from; start <= NOW + to; start += B) {
    const v = value(start);
    out.push({ start, count: 1, sum: v, min: v, max: v });
  }
  return out;
}
const constant = (from: number, to: number, v: number) => series(from, to, () => v);

const errorRate = guardrail({ metric: "error_rate", comparator: ">", warning: 0.05, critical: 0.1, forSeconds: 300, windowSeconds: 60, onCritical: "rollback" });

describe("evaluateGuardrail: levels at now", () => {
  it("is ok below warning, with no threshold crossed", () => {
    const e = evaluateGuardrail(errorRate, constant(-sec(600), 0, 0.01), [], NOW);
    expect(e).toMatchObject({ metric: "error_rate", level: "ok", threshold: null, sustainedCritical: false, criticalSince: null });
    expect(e.observed).toBeCloseTo(0.01, 12);
    expect(e.canaryValue).toBeCloseTo(0.01, 12);
    expect(e.baselineValue).toBeNull();
    expect(e.detail).toBe("error_rate 1% within limits (critical at > 10%, window 60s)");
  });

  it("is warning between warning and critical, reporting the warning threshold", () => {
    const e = evaluateGuardrail(errorRate, constant(-sec(600), 0, 0.07), [], NOW);
    expect(e.level).toBe("warning");
    expect(e.threshold).toBe(0.05);
    expect(e.detail).toBe("error_rate 7% > warning 5% (window 60s)");
  });

  it("uses the mean of the buckets in the window, not the latest sample", () => {
    // Window at NOW covers buckets starting NOW-60s..NOW: six at 0.2 and the latest at 0.01.
    const buckets = series(-sec(600), 0, (s) => (s === NOW ? 0.01 : 0.2));
    const e = evaluateGuardrail(errorRate, buckets, [], NOW);
    expect(e.observed).toBeCloseTo((6 * 0.2 + 0.01) / 7, 12);
    expect(e.level).toBe("critical");
  });

  it("weights buckets by sample count", () => {
    const buckets: Bucket[] = [
      { start: NOW - sec(20), count: 9, sum: 9 * 0.01, min: 0.01, max: 0.01 },
      { start: NOW - sec(10), count: 1, sum: 0.9, min: 0.9, max: 0.9 },
    ];
    const e = evaluateGuardrail(errorRate, buckets, [], NOW);
    expect(e.observed).toBeCloseTo((0.09 + 0.9) / 10, 12);
    expect(e.level).toBe("warning");
  });

  it("includes buckets overlapping (now - window, now] and excludes those entirely before it", () => {
    const g = guardrail({ metric: "latency_p95_ms", comparator: ">", critical: 500, windowSeconds: 60, forSeconds: 0 });
    const inside: Bucket = { start: NOW - sec(60), count: 1, sum: 100, min: 100, max: 100 }; // [now-60s, now-50s)
    const outside: Bucket = { start: NOW - sec(70), count: 1, sum: 900, min: 900, max: 900 }; // ends exactly at now-60s
    const future: Bucket = { start: NOW + sec(10), count: 1, sum: 900, min: 900, max: 900 };
    const e = evaluateGuardrail(g, [outside, inside, future], [], NOW);
    expect(e.observed).toBe(100);
    expect(e.level).toBe("ok");
  });

  it("rounds an unaligned now outward to whole buckets", () => {
    const g = guardrail({ metric: "latency_p95_ms", comparator: ">", critical: 500, windowSeconds: 60, forSeconds: 0 });
    // now = NOW+5s: window (NOW-55s, NOW+5s] overlaps buckets starting NOW-60s..NOW.
    const buckets = [
      { start: NOW - sec(70), count: 1, sum: 1000, min: 1000, max: 1000 },
      { start: NOW - sec(60), count: 1, sum: 200, min: 200, max: 200 },
      { start: NOW, count: 1, sum: 400, min: 400, max: 400 },
    ];
    expect(evaluateGuardrail(g, buckets, [], NOW + sec(5)).observed).toBe(300);
  });

  it("gives the same answer for unsorted buckets", () => {
    const buckets = series(-sec(600), 0, (s) => ((s / B) % 7) / 20);
    const shuffled = [...buckets].reverse();
    const a = evaluateGuardrail(errorRate, buckets, [], NOW);
    const b = evaluateGuardrail(errorRate, shuffled, [], NOW);
    expect(b).toEqual(a);
  });

  it("rejects a bucket size that would never advance", () => {
    expect(() => evaluateGuardrail(errorRate, [], [], NOW, 0)).toThrow(RangeError);
  });
});

describe("evaluateGuardrail: comparator '<' (success_rate < 0.90 critical)", () => {
  const successRate = guardrail({ metric: "success_rate", comparator: "<", warning: 0.95, critical: 0.9, forSeconds: 0 });

  it("is critical below 0.90, warning below 0.95, ok above", () => {
    expect(evaluateGuardrail(successRate, constant(-sec(120), 0, 0.85), [], NOW)).toMatchObject({ level: "critical", threshold: 0.9, sustainedCritical: true });
    expect(evaluateGuardrail(successRate, constant(-sec(120), 0, 0.93), [], NOW)).toMatchObject({ level: "warning", threshold: 0.95, sustainedCritical: false });
    expect(evaluateGuardrail(successRate, constant(-sec(120), 0, 0.99), [], NOW)).toMatchObject({ level: "ok", threshold: null });
  });

  it("distinguishes '<' from '<=' at exactly the threshold", () => {
    const lte = guardrail({ metric: "success_rate", comparator: "<=", critical: 0.9, forSeconds: 0 });
    const lt = guardrail({ metric: "success_rate", comparator: "<", critical: 0.9, forSeconds: 0 });
    const one = [{ start: NOW - B, count: 1, sum: 0.9, min: 0.9, max: 0.9 }];
    expect(evaluateGuardrail(lte, one, [], NOW).level).toBe("critical");
    expect(evaluateGuardrail(lt, one, [], NOW).level).toBe("ok");
  });

  it("says which way the comparison went", () => {
    const e = evaluateGuardrail(successRate, constant(-sec(120), 0, 0.85), [], NOW);
    // The first boundary with a full bucket of bad data before it is 110 s ago.
    expect(e.detail).toBe("success_rate 85% < critical 90% for 110s (window 60s)");
  });
});

describe("evaluateGuardrail: sustained vs momentary breaches", () => {
  it("does not trip a forSeconds=300 guardrail on a single spike, at any moment after it", () => {
    const spikeAt = NOW - sec(400);
    const buckets = series(-sec(1200), sec(600), (s) => (s === spikeAt ? 1 : 0.01));
    let sawCritical = false;
    for (let t = spikeAt - sec(60); t <= NOW + sec(600); t += B) {
      const e = evaluateGuardrail(errorRate, buckets, [], t);
      if (e.level === "critical") sawCritical = true;
      expect(e.sustainedCritical).toBe(false);
    }
    // The spike is big enough to make the window critical for a while: the guardrail saw it and still held.
    expect(sawCritical).toBe(true);
  });

  it("reports a momentary breach as critical now but not sustained, since the spike entered the window", () => {
    const buckets = series(-sec(600), -B, (s) => (s === NOW - B ? 1 : 0.01));
    const e = evaluateGuardrail(errorRate, buckets, [], NOW);
    expect(e.level).toBe("critical");
    expect(e.sustainedCritical).toBe(false);
    // Only the window at now holds the spike; the boundary at NOW - B must not see the data after it.
    expect(e.criticalSince).toBe(NOW);
    expect(e.detail).toContain("not yet the 5m required to act");
  });

  it("trips once a breach has held for forSeconds", () => {
    const breachStart = NOW - sec(360);
    const buckets = series(-sec(1200), 0, (s) => (s >= breachStart ? 0.5 : 0.01));
    const e = evaluateGuardrail(errorRate, buckets, [], NOW);
    expect(e.level).toBe("critical");
    expect(e.sustainedCritical).toBe(true);
    // One bad bucket of seven is not yet critical; two are, and a boundary sees only buckets before it.
    expect(e.criticalSince).toBe(breachStart + 2 * B);
  });

  it("first trips no earlier than forSeconds and no later than forSeconds + window after the breach starts", () => {
    const breachStart = NOW - sec(1000);
    const buckets = series(-sec(2000), sec(600), (s) => (s >= breachStart ? 0.5 : 0.01));
    let firstTrip: number | null = null;
    for (let t = breachStart; t <= NOW + sec(600) && firstTrip === null; t += B) {
      if (evaluateGuardrail(errorRate, buckets, [], t).sustainedCritical) firstTrip = t;
    }
    expect(firstTrip).not.toBeNull();
    expect(firstTrip! - breachStart).toBeGreaterThanOrEqual(sec(300));
    expect(firstTrip! - breachStart).toBeLessThanOrEqual(sec(360));
  });

  it("does not trip a breach that has held just under forSeconds", () => {
    const buckets = series(-sec(1200), 0, (s) => (s >= NOW - sec(290) ? 0.5 : 0.01));
    const e = evaluateGuardrail(errorRate, buckets, [], NOW);
    expect(e.level).toBe("critical");
    expect(e.sustainedCritical).toBe(false);
  });

  it("needs data covering back to now - forSeconds: a fresh canary that is bad from its first sample is not sustained yet", () => {
    const young = constant(-sec(200), 0, 0.5);
    const e = evaluateGuardrail(errorRate, young, [], NOW);
    expect(e.level).toBe("critical");
    expect(e.criticalSince).toBe(NOW - sec(190));
    expect(e.sustainedCritical).toBe(false);
    const old = constant(-sec(310), 0, 0.5);
    expect(evaluateGuardrail(errorRate, old, [], NOW).sustainedCritical).toBe(true);
  });

  it("does not count a gap in the data as time in breach", () => {
    const buckets = [...constant(-sec(900), -sec(300), 0.5), ...constant(-sec(190), 0, 0.5)];
    const e = evaluateGuardrail(errorRate, buckets, [], NOW);
    expect(e.level).toBe("critical");
    expect(e.criticalSince).toBe(NOW - sec(180));
    expect(e.sustainedCritical).toBe(false);
  });

  it("with forSeconds 0, critical now is enough", () => {
    const g = guardrail({ metric: "error_rate", comparator: ">", critical: 0.1, forSeconds: 0 });
    const e = evaluateGuardrail(g, series(-sec(600), -B, (s) => (s === NOW - B ? 1 : 0.01)), [], NOW);
    expect(e).toMatchObject({ level: "critical", sustainedCritical: true, criticalSince: NOW });
  });

  it("describes a sustained breach in one sentence", () => {
    const e = evaluateGuardrail(errorRate, constant(-sec(310), 0, 0.124), [], NOW);
    expect(e.criticalSince).toBe(NOW - sec(300));
    expect(e.detail).toBe("error_rate 12.4% > critical 10% for 5m (window 60s)");
  });
});

describe("evaluateGuardrail: no data is inconclusive, never a pass", () => {
  it("is inconclusive with no canary buckets at all", () => {
    const e = evaluateGuardrail(errorRate, [], constant(-sec(60), 0, 0.01), NOW);
    expect(e).toMatchObject({ level: "inconclusive", observed: null, canaryValue: null, threshold: null, sustainedCritical: false, criticalSince: null });
    expect(e.detail).toBe("error_rate: no canary data in the last 60s, so it cannot be judged");
  });

  it("is inconclusive when canary data is older than the window, even if it was critical", () => {
    const e = evaluateGuardrail(errorRate, constant(-sec(900), -sec(120), 0.9), [], NOW);
    expect(e.level).toBe("inconclusive");
    expect(e.sustainedCritical).toBe(false);
  });

  it("is inconclusive when the window's buckets hold no samples", () => {
    const e = evaluateGuardrail(errorRate, [{ start: NOW - B, count: 0, sum: 0, min: Infinity, max: -Infinity }], [], NOW);
    expect(e.level).toBe("inconclusive");
  });
});

describe("evaluateGuardrail: relative to baseline", () => {
  const memory = guardrail({ metric: "memory_mb", comparator: ">", warning: 0.5, critical: 1, relativeTo: "baseline", forSeconds: 0, onCritical: "rollback" });
  const baseline = constant(-sec(300), 0, 300);

  it("is critical when canary memory is more than +100% over baseline", () => {
    const e = evaluateGuardrail(memory, constant(-sec(300), 0, 650), baseline, NOW);
    expect(e.level).toBe("critical");
    expect(e.observed).toBeCloseTo(650 / 300 - 1, 12);
    expect(e.canaryValue).toBe(650);
    expect(e.baselineValue).toBe(300);
    expect(e.threshold).toBe(1);
    expect(e.sustainedCritical).toBe(true);
    expect(e.detail).toBe("memory_mb +117% vs baseline (650 vs 300) > critical +100% for 4m50s (window 60s)");
  });

  it("is warning above +50% and ok at +10%, even though the absolute values are far above the thresholds", () => {
    expect(evaluateGuardrail(memory, constant(-sec(300), 0, 500), baseline, NOW)).toMatchObject({ level: "warning", threshold: 0.5 });
    const ok = evaluateGuardrail(memory, constant(-sec(300), 0, 330), baseline, NOW);
    expect(ok.level).toBe("ok");
    expect(ok.observed).toBeCloseTo(0.1, 12);
  });

  it("follows the baseline: the same canary value is fine when baseline rises with it", () => {
    const e = evaluateGuardrail(memory, constant(-sec(300), 0, 650), constant(-sec(300), 0, 600), NOW);
    expect(e.level).toBe("ok");
  });

  it("compares over the same window only", () => {
    // Baseline was 100 long ago and 400 now: only the recent 400 counts.
    const b = [...constant(-sec(900), -sec(300), 100), ...constant(-sec(60), 0, 400)];
    const e = evaluateGuardrail(memory, constant(-sec(900), 0, 650), b, NOW);
    expect(e.baselineValue).toBe(400);
    expect(e.level).toBe("warning");
  });

  it("is inconclusive when the baseline is missing, and says so", () => {
    const e = evaluateGuardrail(memory, constant(-sec(300), 0, 650), [], NOW);
    expect(e).toMatchObject({ level: "inconclusive", observed: null, canaryValue: 650, baselineValue: null });
    expect(e.detail).toBe("memory_mb: no baseline data in the last 60s to compare against, so it cannot be judged");
  });

  it("is inconclusive when the baseline stopped reporting before the window", () => {
    const e = evaluateGuardrail(memory, constant(-sec(300), 0, 650), constant(-sec(600), -sec(200), 300), NOW);
    expect(e.level).toBe("inconclusive");
  });

  it("is inconclusive when the canary is missing but the baseline is there", () => {
    const e = evaluateGuardrail(memory, [], baseline, NOW);
    expect(e.level).toBe("inconclusive");
    expect(e.detail).toContain("no canary data");
  });

  it("handles a zero baseline: 0 vs 0 is no change, anything vs 0 is infinitely worse", () => {
    const counts = guardrail({ metric: "invariant_violations", comparator: ">", critical: 0.5, relativeTo: "baseline", forSeconds: 0 });
    const zero = constant(-sec(60), 0, 0);
    expect(evaluateGuardrail(counts, zero, zero, NOW)).toMatchObject({ level: "ok", observed: 0 });
    expect(evaluateGuardrail(counts, constant(-sec(60), 0, 3), zero, NOW)).toMatchObject({ level: "critical", observed: Infinity });
    expect(relativeChange(0, 0)).toBe(0);
    expect(relativeChange(1, 0)).toBe(Infinity);
    expect(relativeChange(3, 2)).toBe(0.5);
  });

  it("supports '<' on relative thresholds (throughput down more than 30%)", () => {
    const tput = guardrail({ metric: "throughput_rps", comparator: "<", critical: -0.3, relativeTo: "baseline", forSeconds: 0 });
    expect(evaluateGuardrail(tput, constant(-sec(60), 0, 60), constant(-sec(60), 0, 100), NOW).level).toBe("critical");
    expect(evaluateGuardrail(tput, constant(-sec(60), 0, 80), constant(-sec(60), 0, 100), NOW).level).toBe("ok");
  });

  it("needs the relative breach to hold for forSeconds, like an absolute one", () => {
    const slow = guardrail({ metric: "memory_mb", comparator: ">", critical: 1, relativeTo: "baseline", forSeconds: 300 });
    const b = constant(-sec(900), 0, 300);
    const spike = series(-sec(900), 0, (s) => (s === NOW - B ? 5000 : 300));
    expect(evaluateGuardrail(slow, spike, b, NOW)).toMatchObject({ level: "critical", sustainedCritical: false });
    const held = series(-sec(900), 0, (s) => (s >= NOW - sec(400) ? 700 : 300));
    expect(evaluateGuardrail(slow, held, b, NOW)).toMatchObject({ level: "critical", sustainedCritical: true });
  });
});

describe("evaluateGuardrail: long critical runs", () => {
  it("finds a breach that has held for a whole day of 10 s buckets", () => {
    const day = constant(-sec(86_400), 0, 0.5);
    const result = evaluateGuardrail(errorRate, day, [], NOW);
    expect(result.sustainedCritical).toBe(true);
    expect(result.criticalSince).toBeLessThanOrEqual(NOW - sec(86_000));
  });
});
