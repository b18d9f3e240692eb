import { describe, expect, it } from "vitest";
import { FailureLimit } from "./failure-limit";

describe("the budget of failed key lookups", () => {
  it("charges each lookup before it is made, so `burst` lookups in flight at once exhaust it, then asks the client to wait", () => {
    const limit = new FailureLimit({ burst: 3, perSecond: 2, maxClients: 10 });
    const t = 1_000_000;
    expect([limit.charge("a", t), limit.charge("a", t), limit.charge("a", t)]).toEqual([0, 0, 0]);
    expect(limit.charge("a", t)).toBe(1);
    expect(limit.charge("b", t)).toBe(0); // another client is not held back
    expect(limit.charge("a", t + 499)).toBe(1);
    expect(limit.charge("a", t + 500)).toBe(0); // 2 a second: one forgiven after half a second
    expect(limit.charge("a", t + 500)).toBe(1);
  });

  it("gives a charge back when the key was valid, never beyond the burst", () => {
    const limit = new FailureLimit({ burst: 2, perSecond: 0.001, maxClients: 10 });
    expect(limit.charge("a", 0)).toBe(0);
    limit.refund("a", 1);
    expect(limit.charge("a", 2)).toBe(0);
    expect(limit.charge("a", 2)).toBe(0);
    expect(limit.charge("a", 2)).toBeGreaterThan(0);
    limit.refund("a", 3);
    limit.refund("a", 3);
    limit.refund("a", 3);
    expect([limit.charge("a", 4), limit.charge("a", 4), limit.charge("a", 4) > 0]).toEqual([0, 0, true]);
    limit.refund("unknown", 5); // a client never charged gains nothing to remember
    expect(limit.size()).toBe(1);
  });

  it("remembers at most maxClients, forgetting the one charged longest ago", () => {
    const limit = new FailureLimit({ burst: 1, perSecond: 0.001, maxClients: 2 });
    limit.charge("a", 0);
    limit.charge("b", 1);
    limit.refund("a", 2);
    limit.charge("a", 2); // a is now the most recent
    limit.charge("c", 3);
    expect(limit.size()).toBe(2);
    expect(limit.charge("b", 4)).toBe(0); // forgotten: a fresh budget
    expect(limit.charge("c", 4)).toBeGreaterThan(0);
  });
});
