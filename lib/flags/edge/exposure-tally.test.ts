import { describe, expect, it } from "vitest";
import { ExposureTally, MAX_SDKS_PER_DRAIN } from "./exposure-tally";

const sdk = (instanceId: string) => ({ appName: "shop", instanceId, sdkVersion: "1", protocol: "ofrep" as const });

describe("the flag worker's exposure tally", () => {
  it("sums counts per flag and keeps an SDK's latest sighting until drained, then starts empty", () => {
    const tally = new ExposureTally();
    expect(tally.drain()).toBeNull();
    tally.evaluations("a", 1, 0, 0);
    tally.evaluations("a", 0, 1, 0);
    tally.evaluations("a", 0, 0, 1);
    tally.evaluations("b", 2, 3, 0);
    tally.sdkSeen(sdk("one"), 1000);
    tally.sdkSeen(sdk("one"), 2500);
    tally.sdkSeen(sdk("one"), 2000);
    expect(tally.drain()).toEqual({
      flags: [
        { key: "a", on: 1, off: 1, errors: 1 },
        { key: "b", on: 2, off: 3, errors: 0 },
      ],
      sdks: [{ ...sdk("one"), lastSeen: 2500 }],
      dropped: 0,
    });
    expect(tally.drain()).toBeNull();
  });

  it("keeps at most MAX_SDKS_PER_DRAIN SDK instances between drains, however many callers name", () => {
    const tally = new ExposureTally();
    for (let i = 0; i < MAX_SDKS_PER_DRAIN + 500; i++) tally.sdkSeen(sdk(`i-${i}`), 1);
    tally.sdkSeen(sdk("i-0"), 9); // one already kept is still refreshed
    const drained = tally.drain()!;
    expect(drained.sdks).toHaveLength(MAX_SDKS_PER_DRAIN);
    expect(drained.sdks[0].lastSeen).toBe(9);
    // The dropped ones are counted, so /api/metrics can say how many were let go.
    expect(drained.dropped).toBe(500);
    expect(tally.drain()).toBeNull();
  });

  it("cuts caller-chosen names (a User-Agent can be kilobytes) before keeping them", () => {
    const tally = new ExposureTally();
    tally.sdkSeen({ ...sdk("x".repeat(10_000)), sdkVersion: "ua/".repeat(3000) }, 1);
    const [kept] = tally.drain()!.sdks;
    expect(kept.instanceId).toHaveLength(200);
    expect(kept.sdkVersion).toHaveLength(200);
  });
});
