import { describe, expect, it } from "vitest";
import { FailureLimit } from "./failure-limit";

describe("the budget of failed key lookups", () => {
  it("lets a client fail `burst` times, then asks it to wait until one failure is forgiven", () => {
    const limit = new FailureLimit({ burst: 3, perSecond: 2, maxClients: 10 });
    const t = 1_000_000;
    for (let i = 0; i < 3; i++) {
      expect(limit.retryAfter("a", t)).toBe(0);
      limit.failed("a", t);
    }
    expect(limit.retryAfter("a", t)).toBe(1);
    expect(limit.retryAfter("b", t)).toBe(0); // another client is not held back
    expect(limit.retryAfter("a", t + 499)).toBe(1);
    expect(limit.retryAfter("a", t + 500)).toBe(0); // 2 a second: one forgiven after half a second
    limit.failed("a", t + 500);
    expect(limit.retryAfter("a", t + 500)).toBe(1);
    // Forgiveness stops at the burst: a long quiet spell buys no more than `burst` failures.
    limit.failed("a", t + 3_600_000);
    limit.failed("a", t + 3_600_000);
    expect(limit.retryAfter("a", t + 3_600_000)).toBe(0);
    limit.failed("a", t + 3_600_000);
    expect(limit.retryAfter("a", t + 3_600_000)).toBe(1);
  });

  it("remembers at most maxClients, forgetting the one that failed longest ago", () => {
    const limit = new FailureLimit({ burst: 1, perSecond: 0.001, maxClients: 2 });
    limit.failed("a", 0);
    limit.failed("b", 1);
    limit.failed("a", 2); // a is now the most recent
    limit.failed("c", 3);
    expect(limit.size()).toBe(2);
    expect(limit.retryAfter("b", 4)).toBe(0); // forgotten
    expect(limit.retryAfter("a", 4)).toBeGreaterThan(0);
    expect(limit.retryAfter("c", 4)).toBeGreaterThan(0);
  });
});
