import { describe, expect, it } from "vitest";
import { classifyStatus, DEFAULT_RETRY_SCHEDULE_MS, nextAttemptDelay, parseRetryAfter } from "./retry-schedule";

describe("retry schedule", () => {
  it("spans about three days and then gives up", () => {
    const total = DEFAULT_RETRY_SCHEDULE_MS.reduce((a, b) => a + b, 0);
    expect(total / 86_400_000).toBeGreaterThan(2.9);
    expect(total / 86_400_000).toBeLessThan(3.5);
    expect(nextAttemptDelay(DEFAULT_RETRY_SCHEDULE_MS.length + 1, DEFAULT_RETRY_SCHEDULE_MS, 0.5)).toBeNull();
  });

  it("grows exponentially with ±20 % jitter", () => {
    expect(nextAttemptDelay(1, DEFAULT_RETRY_SCHEDULE_MS, 0.5)).toBe(5_000);
    expect(nextAttemptDelay(1, DEFAULT_RETRY_SCHEDULE_MS, 0)).toBe(4_000);
    expect(nextAttemptDelay(1, DEFAULT_RETRY_SCHEDULE_MS, 0.999_999)).toBe(6_000);
    expect(nextAttemptDelay(3, DEFAULT_RETRY_SCHEDULE_MS, 0.5)).toBe(120_000);
  });

  it("honours a longer Retry-After, never a shorter one", () => {
    expect(nextAttemptDelay(1, DEFAULT_RETRY_SCHEDULE_MS, 0.5, 60_000)).toBe(60_000);
    expect(nextAttemptDelay(3, DEFAULT_RETRY_SCHEDULE_MS, 0.5, 1_000)).toBe(120_000);
  });

  it("reads Retry-After as seconds or an HTTP date, capped at a day", () => {
    const now = Date.parse("2026-11-30T00:00:00Z");
    expect(parseRetryAfter("120", now)).toBe(120_000);
    expect(parseRetryAfter("Mon, 30 Nov 2026 00:01:00 GMT", now)).toBe(60_000);
    expect(parseRetryAfter("9999999", now)).toBe(86_400_000);
    expect(parseRetryAfter("soon", now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });

  it("retries network-ish failures, stops on 410 and other 4xx", () => {
    const now = Date.parse("2026-11-30T00:00:00Z");
    expect(classifyStatus(204, null, now).kind).toBe("delivered");
    expect(classifyStatus(500, null, now).kind).toBe("retryable");
    expect(classifyStatus(503, "7", now)).toEqual({ kind: "retryable", retryAfterMs: 7_000 });
    expect(classifyStatus(429, null, now).kind).toBe("retryable");
    expect(classifyStatus(410, null, now).kind).toBe("gone");
    expect(classifyStatus(400, null, now).kind).toBe("permanent");
    expect(classifyStatus(301, null, now).kind).toBe("permanent");
  });
});
