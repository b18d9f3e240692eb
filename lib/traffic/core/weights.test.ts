import { describe, expect, it } from "vitest";
import { shareOf, weightsForShare } from "./weights";

describe("weightsForShare", () => {
  it.each([10, 25, 50, 75, 20])("gives %s %% exactly on HAProxy's 0-256 scale", (percent) => {
    const result = weightsForShare(percent, 256);
    expect(result.exact).toBe(true);
    expect(result.canaryPercent).toBeCloseTo(percent, 9);
    expect(result.weights.stable).toBeLessThanOrEqual(256);
    expect(result.weights.canary).toBeLessThanOrEqual(256);
  });

  it("takes the nearest pair when the scale cannot say it, and reports the share it gives", () => {
    const result = weightsForShare(0.1, 256);
    expect(result.exact).toBe(false);
    // 1 of 257 is the finest share HAProxy can give: 0.389 %.
    expect(result.weights).toEqual({ stable: 256, canary: 1 });
    expect(result.canaryPercent).toBeCloseTo(100 / 257, 6);
  });

  it("is exact to 0.0001 % on Gateway API's 1,000,000 scale", () => {
    const result = weightsForShare(12.3456, 1_000_000);
    expect(result.weights).toEqual({ stable: 876_544, canary: 123_456 });
    expect(result.exact).toBe(true);
  });

  it("sends everything to one side at 0 and 100 %", () => {
    expect(weightsForShare(0, 256).weights).toEqual({ stable: 256, canary: 0 });
    expect(weightsForShare(100, 256).weights).toEqual({ stable: 0, canary: 256 });
  });

  it("refuses a share outside 0-100 and a bad scale", () => {
    expect(() => weightsForShare(101, 256)).toThrow(/0-100/);
    expect(() => weightsForShare(Number.NaN, 256)).toThrow(/0-100/);
    expect(() => weightsForShare(10, 0)).toThrow(/maxWeight/);
  });

  it("never misses by more than the scale's resolution", () => {
    for (let tenth = 1; tenth < 1000; tenth += 7) {
      const percent = tenth / 10;
      const result = weightsForShare(percent, 256);
      expect(Math.abs(result.canaryPercent - percent)).toBeLessThan(0.4);
    }
  });
});

describe("shareOf", () => {
  it("reads all-zero weights as 0 %", () => {
    expect(shareOf({ stable: 0, canary: 0 })).toBe(0);
    expect(shareOf({ stable: 3, canary: 1 })).toBe(25);
  });
});
