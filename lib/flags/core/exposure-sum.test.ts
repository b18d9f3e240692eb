import { describe, expect, it } from "vitest";
import { distinctSdks, exposureView, NO_EXPOSURE, sumExposure } from "./exposure-sum";

describe("a flag's exposure summed over a cluster", () => {
  it("adds every count, and the observed share is computed from the sums, not averaged", () => {
    const a = { on: 10, off: 90, errors: 1, sinceOn: 10, sinceOff: 90, perMinute: 101 };
    const b = { on: 30, off: 10, errors: 0, sinceOn: 3, sinceOff: 1, perMinute: 40 };
    const sum = sumExposure([a, b]);
    expect(sum).toEqual({ on: 40, off: 100, errors: 1, sinceOn: 13, sinceOff: 91, perMinute: 141 });
    // 13 of 104, not the mean of 10 % and 75 %.
    expect(exposureView(sum)).toMatchObject({ observedShare: 12.5, samples: 104, perMinute: 141, on: 40, off: 100, errors: 1 });
  });

  it("has no observed share without samples", () => {
    expect(sumExposure([])).toEqual(NO_EXPOSURE);
    expect(exposureView(NO_EXPOSURE)).toMatchObject({ observedShare: null, samples: 0 });
  });

  it("counts an SDK instance heard by several Tidegate instances once, with its latest sighting", () => {
    const seen = distinctSdks([
      [{ key: "ofrep:shop:1", lastSeen: 5 }, { key: "ofrep:shop:2", lastSeen: 1 }],
      [{ key: "ofrep:shop:1", lastSeen: 9 }],
    ]);
    expect(seen).toHaveLength(2);
    expect(seen.find((s) => s.key === "ofrep:shop:1")?.lastSeen).toBe(9);
  });
});
