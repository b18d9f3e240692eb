// Tests that chart thinning respects the point budget and never hides spikes.
import { describe, it, expect } from "vitest";
import { downsample, type Point } from "./downsample";
import { prng } from "./test-prng";

const T0 = 1_800_000_000_000;

function line(n: number, v: (i: number) => number): Point[] {
  return Array.from({ length: n }, (_, i) => ({ t: T0 + i * 10_000, v: v(i) }));
}

describe("downsample", () => {
  it("returns a copy of short series unchanged", () => {
    const pts = line(5, (i) => i);
    const out = downsample(pts, 10);
    expect(out).toEqual(pts);
    expect(out).not.toBe(pts);
  });

  it("stays within the point budget, in time order, using only input points", () => {
    const pts = line(10_000, (i) => Math.sin(i / 50));
    for (const max of [2, 3, 10, 99, 500]) {
      const out = downsample(pts, max);
      expect(out.length).toBeLessThanOrEqual(max);
      expect(out.length).toBeGreaterThan(max / 2 - 1);
      for (let i = 1; i < out.length; i++) expect(out[i].t).toBeGreaterThan(out[i - 1].t);
      for (const p of out) expect(pts).toContain(p);
    }
  });

  it("keeps a one-point spike among 8,640 points (a day of 10 s buckets) at 200 points", () => {
    const pts = line(8_640, (i) => (i === 4_321 ? 0.35 : 0.01 + (i % 3) * 0.001));
    const out = downsample(pts, 200);
    expect(out).toContainEqual({ t: T0 + 4_321 * 10_000, v: 0.35 });
  });

  it("keeps a downward spike (success_rate dropping) as well", () => {
    const pts = line(5_000, (i) => (i === 17 ? 0.2 : 0.999));
    expect(downsample(pts, 50).map((p) => p.v)).toContain(0.2);
  });

  it("always keeps the global min and max of random series", () => {
    const rand = prng(42);
    for (let trial = 0; trial < 200; trial++) {
      const n = 50 + Math.floor(rand() * 3000);
      const pts = line(n, () => rand() * 100);
      const max = 2 + Math.floor(rand() * 100);
      const out = downsample(pts, max);
      const vs = out.map((p) => p.v);
      expect(Math.max(...vs)).toBe(Math.max(...pts.map((p) => p.v)));
      expect(Math.min(...vs)).toBe(Math.min(...pts.map((p) => p.v)));
      expect(out.length).toBeLessThanOrEqual(max);
    }
  });

  it("sorts unsorted input by time", () => {
    const pts = line(100, (i) => i).reverse();
    const out = downsample(pts, 10);
    for (let i = 1; i < out.length; i++) expect(out[i].t).toBeGreaterThan(out[i - 1].t);
    expect(out[out.length - 1].v).toBe(99);
    expect(out[0].v).toBe(0);
  });

  it("rejects budgets that cannot draw a line", () => {
    expect(() => downsample(line(10, (i) => i), 1)).toThrow(RangeError);
    expect(() => downsample(line(10, (i) => i), NaN)).toThrow(RangeError);
  });
});
