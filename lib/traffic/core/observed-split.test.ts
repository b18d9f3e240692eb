import { describe, expect, it } from "vitest";
import { keepSamples, observedOver, type CounterSample } from "./observed-split";

describe("observed split", () => {
  it("counts what was served within the window, not since HAProxy started", () => {
    const samples: CounterSample[] = [
      [0, 1000, 0],
      [30_000, 1900, 100],
      [60_000, 2800, 200],
      [90_000, 3700, 300],
    ];
    const split = observedOver(samples, 90_000, 60_000)!;
    expect(split).toMatchObject({ stable: 1800, canary: 200, windowMs: 60_000 });
    expect(split.canaryPercent).toBeCloseTo(10, 9);
  });

  it("is null before two samples, and says no share when nothing was served", () => {
    expect(observedOver([[0, 5, 5]], 0, 60_000)).toBeNull();
    expect(observedOver([[0, 5, 5], [1000, 5, 5]], 1000, 60_000)?.canaryPercent).toBeNull();
  });

  it("drops samples older than it keeps, bounds the list, and starts over when counters go down", () => {
    let samples: CounterSample[] = [];
    for (let t = 0; t < 500; t++) samples = keepSamples(samples, [t * 1000, t, t], 70_000, 50);
    expect(samples.length).toBe(50);
    expect(samples[0][0]).toBeGreaterThanOrEqual(499_000 - 70_000);
    expect(keepSamples(samples, [500_000, 1, 1], 70_000)).toEqual([[500_000, 1, 1]]);
  });
});
