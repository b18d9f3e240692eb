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

  /** 0 when the client may look a key up now; otherwise the seconds until it may. */
  retryAfter(client: string, nowMs: number): number {
    const bucket = this.buckets.get(client);
    if (!bucket) return 0;
    const left = this.refilled(bucket, nowMs);
    return left >= 1 ? 0 : Math.max(1, Math.ceil((1 - left) / this.options.perSecond));
  }

  /** Counts one failed lookup (an unknown or revoked key) against the client. */
  failed(client: string, nowMs: number): void {
    const bucket = this.buckets.get(client);
    const left = bucket ? this.refilled(bucket, nowMs) : this.options.burst;
    this.buckets.delete(client); // re-inserted last: the map's order is least recently failed first
    this.buckets.set(client, { left: Math.max(0, left - 1), at: nowMs });
    while (this.buckets.size > this.options.maxClients) this.buckets.delete(this.buckets.keys().next().value as string);
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
