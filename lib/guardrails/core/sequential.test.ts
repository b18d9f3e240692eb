import { describe, expect, it } from "vitest";
import fixtures from "./fixtures/sequential.json";
import { holmRejections, judgeContinuousSequential, judgeRatioSequential, mixtureLogLambda, type SequentialOptions } from "./sequential";
import { prng } from "./test-prng";

const options = (o: Partial<SequentialOptions> = {}): SequentialOptions => ({ alpha: 0.05, direction: "increase", minRelativeEffect: 0.5, minSamples: 10, ...o });

/** Poisson draws by inversion (Knuth): exact for the small means a 10 s bucket of errors has. */
function poisson(rand: () => number, mean: number): number {
  const limit = Math.exp(-mean);
  let k = 0;
  let p = rand();
  while (p > limit) {
    k += 1;
    p *= rand();
  }
  return k;
}

/** Standard normal by Box-Muller. */
function gauss(rand: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
}

/** A Wilson score interval for a proportion, printed beside the measured false-alarm rate. */
function wilson(successes: number, n: number, z = 1.96): [number, number] {
  const p = successes / n;
  const centre = (p + (z * z) / (2 * n)) / (1 + (z * z) / n);
  const half = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / (1 + (z * z) / n);
  return [centre - half, centre + half];
}

describe("sequential judge: statistics against an independent computation", () => {
  it.each(fixtures.cases.map((c, i) => [i, c] as const))("case %i matches the reference (numerical integration)", (_, c) => {
    const o = options({ alpha: c.alpha, minRelativeEffect: c.minRelativeEffect, minSamples: 2 });
    const v =
      c.kind === "ratio"
        ? judgeRatioSequential(c.canary as { events: number; trials: number }, c.baseline as { events: number; trials: number }, o)
        : judgeContinuousSequential(new Map(c.canary as [number, number][]), new Map(c.baseline as [number, number][]), o);
    expect(v.effect).toBeCloseTo(c.estimate, 10);
    expect(Math.log(v.lambda)).toBeCloseTo(c.logLambda, 5);
    expect(v.interval?.[0]).toBeCloseTo(c.interval[0], 6);
    expect(v.interval?.[1]).toBeCloseTo(c.interval[1], 6);
  });
});

describe("sequential judge: false alarms over 10,000 seeded A/A runs, looked at every 10 s", () => {
  // An hour of 10 s looks at 100 requests/s and a 1 % error rate in both cohorts. The bound is Ville's inequality:
  // P(any look fails) <= alpha; the measured rate must stay under alpha with its confidence interval's lower end.
  it("ratio metric: errors out of requests", () => {
    const runs = 10_000;
    const looks = 360;
    const alpha = 0.05;
    const rand = prng(7);
    let alarms = 0;
    for (let r = 0; r < runs; r++) {
      const canary = { events: 0, trials: 0 };
      const baseline = { events: 0, trials: 0 };
      for (let l = 0; l < looks; l++) {
        canary.trials += 1000;
        baseline.trials += 1000;
        canary.events += poisson(rand, 10);
        baseline.events += poisson(rand, 10);
        if (judgeRatioSequential(canary, baseline, options({ alpha, minSamples: 500 })).verdict === "fail") {
          alarms += 1;
          break;
        }
      }
    }
    const [lo, hi] = wilson(alarms, runs);
    console.log(`ratio A/A: ${alarms} false alarms in ${runs} runs = ${((100 * alarms) / runs).toFixed(2)} % (95 % CI ${(100 * lo).toFixed(2)}-${(100 * hi).toFixed(2)} %), alpha ${alpha * 100} %`);
    expect(alarms / runs).toBeLessThan(alpha);
    expect(alarms).toBeGreaterThanOrEqual(0);
  }, 120_000);

  it("continuous metric: heavy-tailed latency with drift shared by both cohorts", () => {
    const runs = 10_000;
    const looks = 90;
    const alpha = 0.05;
    const rand = prng(11);
    let alarms = 0;
    for (let r = 0; r < runs; r++) {
      const canary = new Map<number, number>();
      const baseline = new Map<number, number>();
      for (let l = 0; l < looks; l++) {
        const drift = 100 * (1 + 0.3 * Math.sin((2 * Math.PI * l) / looks));
        // Log-normal bucket p95s: heavy right tail, the same for both cohorts.
        canary.set(l * 10_000, drift * Math.exp(0.2 * gauss(rand)));
        baseline.set(l * 10_000, drift * Math.exp(0.2 * gauss(rand)));
        if (judgeContinuousSequential(canary, baseline, options({ alpha, minRelativeEffect: 0.25, minSamples: 6 })).verdict === "fail") {
          alarms += 1;
          break;
        }
      }
    }
    const [lo, hi] = wilson(alarms, runs);
    console.log(`continuous A/A: ${alarms} false alarms in ${runs} runs = ${((100 * alarms) / runs).toFixed(2)} % (95 % CI ${(100 * lo).toFixed(2)}-${(100 * hi).toFixed(2)} %), alpha ${alpha * 100} %`);
    expect(alarms / runs).toBeLessThan(alpha);
  }, 120_000);
});

describe("sequential judge: verdicts", () => {
  it("catches an error rate doubled from 1 % at 100 requests/s within 5 minutes", () => {
    const rand = prng(3);
    let caughtAt: number | null = null;
    const canary = { events: 0, trials: 0 };
    const baseline = { events: 0, trials: 0 };
    for (let l = 1; l <= 30 && caughtAt === null; l++) {
      canary.trials += 1000;
      baseline.trials += 1000;
      canary.events += poisson(rand, 20);
      baseline.events += poisson(rand, 10);
      if (judgeRatioSequential(canary, baseline, options({ alpha: 0.005, minSamples: 500 })).verdict === "fail") caughtAt = l * 10;
    }
    expect(caughtAt).not.toBeNull();
    expect(caughtAt).toBeLessThanOrEqual(300);
  });

  it("never fails on a harmless difference, and says how much more data it needs", () => {
    const better = judgeRatioSequential({ events: 1, trials: 10_000 }, { events: 100, trials: 10_000 }, options());
    expect(better.verdict).toBe("pass");
    expect(better.pValue).toBe(1);
    const early = judgeRatioSequential({ events: 2, trials: 200 }, { events: 2, trials: 200 }, options());
    expect(early.verdict).toBe("pass");
    expect(early.moreNeeded).toBeGreaterThan(0);
    expect(early.interval?.[0]).toBeLessThan(0);
    expect(early.interval?.[1]).toBeGreaterThan(0);
  });

  it("gives no verdict below its minimum evidence, and counts it", () => {
    const v = judgeRatioSequential({ events: 5, trials: 40 }, { events: 0, trials: 400 }, options({ minSamples: 100 }));
    expect(v.verdict).toBe("not_enough_data");
    expect(v.canaryN).toBe(40);
    const c = judgeContinuousSequential(new Map([[0, 1]]), new Map([[0, 1]]), options());
    expect(c.verdict).toBe("not_enough_data");
  });

  it("pairs continuous buckets by start and ignores the unpaired", () => {
    const canary = new Map<number, number>();
    const baseline = new Map<number, number>();
    for (let i = 0; i < 20; i++) {
      canary.set(i, 100 + (i % 3));
      baseline.set(i, 100 + ((i + 1) % 3));
    }
    canary.set(99, 10_000);
    const v = judgeContinuousSequential(canary, baseline, options({ minSamples: 5 }));
    expect(v.canaryN).toBe(20);
    expect(v.verdict).toBe("pass");
  });

  it("the mixture statistic grows with the evidence", () => {
    expect(mixtureLogLambda(0, 1, 1)).toBeLessThan(0);
    expect(mixtureLogLambda(3, 1, 1)).toBeGreaterThan(mixtureLogLambda(2, 1, 1));
  });
});

describe("Holm across a wave's metrics", () => {
  it("rejects step-down and stops at the first that misses its share", () => {
    const p = new Map([
      ["a", 0.001],
      ["b", 0.02],
      ["c", 0.04],
      ["d", 0.3],
    ]);
    // a <= 0.05/4, b <= 0.05/3 fails (0.02 > 0.0167): only a.
    expect([...holmRejections(p, 0.05)]).toEqual(["a"]);
    expect([...holmRejections(new Map([["a", 0.01], ["b", 0.02]]), 0.05)].sort()).toEqual(["a", "b"]);
    expect(holmRejections(new Map(), 0.05).size).toBe(0);
  });

  it("shares the budget by weight when per-metric alphas are set", () => {
    const p = new Map([
      ["critical", 0.03],
      ["minor", 0.03],
    ]);
    expect([...holmRejections(p, 0.05, new Map([["critical", 4], ["minor", 1]]))]).toEqual(["critical", "minor"]);
    expect(holmRejections(p, 0.05).size).toBe(0);
  });

  it("ten healthy metrics share one budget: family-wise false alarms stay under alpha over 2,000 A/A releases", () => {
    const rand = prng(23);
    const runs = 2000;
    let alarms = 0;
    for (let r = 0; r < runs; r++) {
      const counts = Array.from({ length: 10 }, () => ({ c: { events: 0, trials: 0 }, b: { events: 0, trials: 0 } }));
      for (let l = 0; l < 120; l++) {
        const pv = new Map<string, number>();
        counts.forEach((m, i) => {
          m.c.trials += 1000;
          m.b.trials += 1000;
          m.c.events += poisson(rand, 10);
          m.b.events += poisson(rand, 10);
          pv.set(`m${i}`, judgeRatioSequential(m.c, m.b, options({ minSamples: 500 })).pValue);
        });
        if (holmRejections(pv, 0.05).size > 0) {
          alarms += 1;
          break;
        }
      }
    }
    console.log(`ten metrics with Holm: ${alarms} family-wise false alarms in ${runs} releases`);
    expect(alarms / runs).toBeLessThan(0.05);
  }, 120_000);
});
