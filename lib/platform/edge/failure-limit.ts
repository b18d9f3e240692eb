// A per-client budget of failed key lookups for the front doors outside Next.js. The token caches hold only valid
// keys, so every unknown key costs a lookup in the store (on SQLite, a place in the one queue all access shares);
// a client that keeps sending unknown keys is told to wait instead. Valid keys from a client within its budget are
// never held back, and cached keys never reach the budget at all.
import { appError, type AppError } from "../http/app-error";

export interface FailureLimitOptions {
  /** Failures a client may have in a row before it must wait. */
  burst: number;
  /** Failures forgiven per second. */
  perSecond: number;
  /** Clients remembered at once; past this the longest untouched is forgotten (the map is bounded). */
  maxClients: number;
}

interface Bucket {
  /** Failures still allowed, as of `at`. */
  left: number;
  at: number;
}

export class FailureLimit {
  private readonly buckets = new Map<string, Bucket>();

  constructor(private readonly options: FailureLimitOptions) {}

  private refilled(bucket: Bucket, nowMs: number): number {
    return Math.min(this.options.burst, bucket.left + ((nowMs - bucket.at) / 1000) * this.options.perSecond);
  }

  /**
   * Charges one lookup that may fail against the client before it is made (so concurrent guesses cannot overdraw
   * the budget): 0 when charged, else the seconds until the client may try again (nothing charged).
   */
  charge(client: string, nowMs: number): number {
    const bucket = this.buckets.get(client);
    const left = bucket ? this.refilled(bucket, nowMs) : this.options.burst;
    if (left < 1) return Math.max(1, Math.ceil((1 - left) / this.options.perSecond));
    this.buckets.delete(client); // re-inserted last: the map's order is least recently charged first
    this.buckets.set(client, { left: left - 1, at: nowMs });
    while (this.buckets.size > this.options.maxClients) this.buckets.delete(this.buckets.keys().next().value as string);
    return 0;
  }

  /** Gives a charge back: the key turned out valid. */
  refund(client: string, nowMs: number): void {
    const bucket = this.buckets.get(client);
    if (bucket) this.buckets.set(client, { left: Math.min(this.options.burst, this.refilled(bucket, nowMs) + 1), at: nowMs });
  }

  /** How many clients are remembered (for tests). */
  size(): number {
    return this.buckets.size;
  }
}

/**
 * The budget both front doors use, one per thread: 100 unknown keys in a row, then 20 a second. A client of a shared
 * proxy counts as the proxy unless TRUSTED_PROXIES names it (request-guard.ts, clientAddress).
 */
export const failedKeyLookups = new FailureLimit({ burst: 100, perSecond: 20, maxClients: 10_000 });

export function rateLimited(retryAfterSeconds: number): AppError {
  return appError(429, "rate_limited", `Too many unknown keys from this address; retry in ${retryAfterSeconds} s`, { retryAfterSeconds });
}
