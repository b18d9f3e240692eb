import { describe, expect, it } from "vitest";
import { connectedSdks, exposureOf, MAX_SDKS, recordEvaluations, resetSinceChange, SDK_SEEN_MS, sdkSeen, sdkSightingsDropped, sdkTracking } from "./exposure";

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

describe("the main thread's SDK map under a flood of new names", () => {
  it("keeps at most MAX_SDKS, newest first out last, and counts what it let go", () => {
    const t = 4_000_000_000_000;
    const before = sdkTracking().evictions;
    const heapBefore = process.memoryUsage().heapUsed;
    // 50,000 Unleash registrations, each with a new app and instance name, and a long User-Agent for good measure.
    for (let i = 0; i < 50_000; i++) sdkSeen({ appName: `app-${i}`, instanceId: `inst-${i}`, sdkVersion: `agent/${i} ${"x".repeat(500)}`, protocol: "unleash" }, t + i);
    const after = sdkTracking();
    expect(after.tracked).toBeLessThanOrEqual(MAX_SDKS);
    expect(after.evictions.capacity - before.capacity).toBeGreaterThanOrEqual(50_000 - MAX_SDKS);
    expect(connectedSdks(t + 50_000).length).toBeLessThanOrEqual(MAX_SDKS);
    // The newest stay: the flags panel shows who is asking now, not who asked first.
    expect(connectedSdks(t + 50_000).some((s) => s.appName === "app-49999")).toBe(true);
    expect(connectedSdks(t + 50_000).some((s) => s.appName === "app-0")).toBe(false);
    expect(connectedSdks(t + 50_000).every((s) => s.sdkVersion.length <= 200)).toBe(true);
    // 5,000 entries of a few hundred bytes: far below the 160 MB the flood once added.
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(40 * 1024 * 1024);
  });

  it("forgets instances unseen for two minutes when new ones arrive", () => {
    const t = 5_000_000_000_000;
    const before = sdkTracking().evictions.expired;
    const tracked = sdkTracking().tracked;
    sdkSeen({ appName: "late", instanceId: "only", sdkVersion: "1", protocol: "ofrep" }, t + SDK_SEEN_MS * 10);
    expect(sdkTracking().evictions.expired - before).toBe(tracked);
    expect(sdkTracking().tracked).toBe(1);
  });

  it("counts the worker's dropped sightings as evictions", () => {
    const before = sdkTracking().evictions.worker;
    sdkSightingsDropped(37);
    expect(sdkTracking().evictions.worker - before).toBe(37);
  });
});
