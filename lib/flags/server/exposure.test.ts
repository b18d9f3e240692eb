import { describe, expect, it } from "vitest";
import { connectedSdks, exposureOf, recordEvaluations, resetSinceChange, sdkSeen } from "./exposure";

describe("exposure counters", () => {
  it("counts per variant, observes the share since the last change, and keeps totals across a reset", () => {
    const t = 1_000_000_000_000;
    recordEvaluations("exp-a", 30, 70, 2, t);
    expect(exposureOf("exp-a", t)).toMatchObject({ on: 30, off: 70, errors: 2, observedShare: 30, samples: 100, perMinute: 102 });
    resetSinceChange("exp-a");
    expect(exposureOf("exp-a", t)).toMatchObject({ on: 30, off: 70, observedShare: null, samples: 0 });
    recordEvaluations("exp-a", 0, 10, 0, t + 1000);
    expect(exposureOf("exp-a", t + 1000)).toMatchObject({ observedShare: 0, samples: 10, perMinute: 112 });
  });

  it("forgets evaluations older than a minute in the per-minute rate", () => {
    const t = 2_000_000_000_000;
    recordEvaluations("exp-b", 5, 5, 0, t);
    recordEvaluations("exp-b", 1, 0, 0, t + 30_000);
    expect(exposureOf("exp-b", t + 30_000).perMinute).toBe(11);
    expect(exposureOf("exp-b", t + 61_000).perMinute).toBe(1);
    expect(exposureOf("exp-b", t + 200_000).perMinute).toBe(0);
  });

  it("counts SDK instances seen in the last two minutes", () => {
    const t = 3_000_000_000_000;
    sdkSeen({ appName: "shop", instanceId: "i1", sdkVersion: "unleash-client-node:6", protocol: "unleash" }, t);
    sdkSeen({ appName: "shop", instanceId: "i2", sdkVersion: "unleash-client-node:6", protocol: "unleash" }, t - 150_000);
    const live = connectedSdks(t).filter((s) => s.appName === "shop");
    expect(live.map((s) => s.instanceId)).toEqual(["i1"]);
  });
});
