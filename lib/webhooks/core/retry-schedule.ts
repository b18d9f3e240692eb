// When a failed delivery is tried again: exponential backoff with jitter over about three days, honouring a
// receiver's Retry-After. Pure: the random draw and the time come in as arguments.

/** Delays after the 1st, 2nd, ... failed attempt (ms): 5 s, 30 s, 2 min, 10 min, 30 min, 1 h, 2 h, 4 h, 8 h, 12 h, 24 h, 24 h (about 3.2 days in all). */
export const DEFAULT_RETRY_SCHEDULE_MS: readonly number[] = [
  5_000, 30_000, 120_000, 600_000, 1_800_000, 3_600_000, 7_200_000, 14_400_000, 28_800_000, 43_200_000, 86_400_000, 86_400_000,
];

/** Retry-After is honoured up to this (a receiver cannot park a delivery for longer than the whole schedule's last step). */
const MAX_RETRY_AFTER_MS = 86_400_000;
/** ±20 % jitter, so receivers coming back from an outage are not hit by every endpoint's retries at once. */
const JITTER = 0.2;

export type AttemptOutcome =
  | { kind: "delivered" }
  /** Network error, timeout, 5xx, 429, 408: worth trying again. */
  | { kind: "retryable"; retryAfterMs?: number }
  /** 410 Gone: the receiver says it will never want these again. */
  | { kind: "gone" }
  /** Any other 4xx, or a refused address: trying again would get the same answer. */
  | { kind: "permanent" };

export function classifyStatus(status: number, retryAfterHeader: string | null | undefined, now: number): AttemptOutcome {
  if (status >= 200 && status < 300) return { kind: "delivered" };
  if (status === 410) return { kind: "gone" };
  if (status === 429 || status === 408 || status >= 500) return { kind: "retryable", retryAfterMs: parseRetryAfter(retryAfterHeader, now) };
  return { kind: "permanent" };
}

/** Retry-After as seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, now: number): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Math.min(Number(trimmed) * 1000, MAX_RETRY_AFTER_MS);
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return undefined;
  return Math.min(Math.max(0, at - now), MAX_RETRY_AFTER_MS);
}

/**
 * When to try again after `failedAttempts` failures, or null when the schedule is exhausted. `random` is in [0, 1).
 * A Retry-After longer than the scheduled delay wins; a shorter one never makes us retry sooner than the schedule.
 */
export function nextAttemptDelay(failedAttempts: number, schedule: readonly number[], random: number, retryAfterMs?: number): number | null {
  const base = schedule[failedAttempts - 1];
  if (base === undefined) return null;
  const jittered = Math.round(base * (1 - JITTER + 2 * JITTER * random));
  return retryAfterMs !== undefined ? Math.max(jittered, retryAfterMs) : jittered;
}
