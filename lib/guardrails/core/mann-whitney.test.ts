import { describe, expect, it } from "vitest";
import fixtures from "./fixtures/mann-whitney.json";
import { DEFAULT_MIN_SAMPLES, judgeCanary, mannWhitneyTest } from "./mann-whitney";

type Case = { name: string; x: number[]; y: number[]; confLevel: number; W: number; pValue: number; confInt: [number, number] | null; estimate: number | null };
const cases = fixtures.cases as Case[];

// The reference interval came from a root finder run to 1e-12; ours is the exact jump, so they agree to that.
const close = (actual: number, expected: number, tol = 1e-9) => expect(Math.abs(actual - expected)).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(expected)));

describe("mannWhitneyTest against the committed reference fixtures", () => {
  it("has at least 20 cases, ties and identical samples among them", () => {
    expect(cases.length).toBeGreaterThanOrEqual(20);
    expect(cases.some((c) => c.name.includes("ties"))).toBe(true);
    expect(cases.some((c) => c.name.includes("identical"))).toBe(true);
  });

  it.each(cases.map((c) => [c.name, c] as const))("%s", (_name, c) => {
    const r = mannWhitneyTest(c.x, c.y, c.confLevel);
    expect(r.W).toBe(c.W);
    close(r.pValue, c.pValue, 1e-10);
    if (c.confInt === null) {
      expect(r.confInt).toBeNull();
      expect(r.estimate).toBeNull();
    } else {
      expect(r.confInt).not.toBeNull();
      close(r.confInt![0], c.confInt[0]);
      close(r.confInt![1], c.confInt[1]);
      close(r.estimate!, c.estimate!);
    }
  });

  it("is antisymmetric: swapping the samples mirrors W, the interval and the estimate", () => {
    const c = cases.find((k) => k.name === "latency lognormal")!;
    const a = mannWhitneyTest(c.x, c.y);
    const b = mannWhitneyTest(c.y, c.x);
    expect(b.W).toBe(c.x.length * c.y.length - a.W);
    close(b.pValue, a.pValue, 1e-12);
    close(b.confInt![0], -a.confInt![1]);
    close(b.confInt![1], -a.confInt![0]);
    close(b.estimate!, -a.estimate!);
  });

  it("refuses empty samples, non-finite values and an impossible confidence level", () => {
    expect(() => mannWhitneyTest([], [1])).toThrow(RangeError);
    expect(() => mannWhitneyTest([1, Number.NaN], [1])).toThrow(/finite/);
    expect(() => mannWhitneyTest([1], [2], 1)).toThrow(/confLevel/);
  });
});

const byName = (name: string) => cases.find((c) => c.name === name)!;

describe("judgeCanary (Kayenta's classification)", () => {
  it("says not_enough_data below the minimum sample count, naming the counts", () => {
    const r = judgeCanary(Array(49).fill(1), Array(80).fill(2));
    expect(r.verdict).toBe("not_enough_data");
    expect(r.minSamples).toBe(DEFAULT_MIN_SAMPLES);
    expect(r.reason).toContain("49 canary and 80 baseline samples, 50 of each needed");
    expect(judgeCanary([1, 2, 3], [4, 5], { minSamples: 3 }).verdict).toBe("not_enough_data");
  });

  it("flags a clear increase as high, with the interval in its reason", () => {
    const c = byName("clear shift up");
    const r = judgeCanary(c.x, c.y, { direction: "increase" });
    expect(r.verdict).toBe("high");
    expect(r.test!.confInt![0]).toBeGreaterThan(r.bounds![1]);
    expect(r.reason).toMatch(/canary higher than baseline: shift \+18\.5 \(98% CI 14\.2 to 22\.8/);
  });

  it("ignores a decrease when only increases fail, and calls it low under either", () => {
    const c = byName("clear shift down");
    expect(judgeCanary(c.x, c.y, { direction: "increase" }).verdict).toBe("pass");
    expect(judgeCanary(c.x, c.y, { direction: "either" }).verdict).toBe("low");
    expect(judgeCanary(c.x, c.y, { direction: "decrease" }).verdict).toBe("low");
  });

  it("passes noise, identical samples and all-tied samples", () => {
    for (const name of ["no shift", "small shift", "identical samples", "identical shuffled", "all tied", "heavy ties integers"]) {
      const c = byName(name);
      expect(judgeCanary(c.x, c.y, { direction: "either" }).verdict, name).toBe("pass");
    }
    expect(judgeCanary(byName("identical shuffled").x, byName("identical shuffled").y).reason).toBe("canary and baseline values are identical");
  });

  it("needs the interval to clear the tolerance, not just zero", () => {
    // Shift 2 with this spread: the 98% interval is [0.5, 3.5]; it clears 0 but not 25% of the estimate (0.5).
    const x = [...Array(60)].map((_, i) => 12 + (i % 20) * 0.5);
    const y = [...Array(60)].map((_, i) => 10 + (i % 20) * 0.5);
    const strict = judgeCanary(x, y, { direction: "increase", tolerance: 0 });
    const kayenta = judgeCanary(x, y, { direction: "increase" });
    expect(strict.test!.confInt).toEqual([0.5, 3.5]);
    expect(strict.verdict).toBe("high");
    expect(kayenta.bounds).toEqual([-0.5, 0.5]);
    expect(kayenta.verdict).toBe("pass");
  });

  it("judges error ratios (small numbers) on their own scale", () => {
    const x = [...Array(60)].map((_, i) => 0.02 + (i % 10) * 0.001);
    const y = [...Array(60)].map((_, i) => 0.01 + (i % 10) * 0.001);
    const r = judgeCanary(x, y, { direction: "increase" });
    expect(r.verdict).toBe("high");
    expect(r.reason).toBe("canary higher than baseline: shift +0.01 (98% CI 0.009 to 0.011, tolerance ±0.0025, p=<0.0001, 60 vs 60 samples)");
    expect(r.ratio).toBeGreaterThan(1);
    // The reference case "error ratios" (noisier): its interval does not clear the tolerance, so Kayenta passes it.
    const c = byName("error ratios");
    expect(judgeCanary(c.x, c.y, { direction: "increase" }).verdict).toBe("pass");
  });
});
