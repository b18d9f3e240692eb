// A sender's claim on webhook deliveries while it sends them: short (WEBHOOK_CLAIM_MS), renewed every third of its
// length while calls are in flight, and fenced by its token. The token is the claim's fencing: a renewal and the
// record of an outcome only touch rows whose claimedBy is still this token (a conditional UPDATE, its count checked),
// so a sender whose claim ran out and was taken over (a freeze, a starved machine) can neither extend it nor write
// over the newer claim. Before each call the sender asks `mayCall`: the claim must be confirmed (by the claim or its
// last renewal) for a while longer, and the row still ours; otherwise the call is left to whoever holds it next.
import "server-only";
import type { Db } from "../../platform/db/client";
import { logError } from "../../platform/logging/ops-log";

/** A claim lasts this long unless renewed (WEBHOOK_CLAIM_MS): the longest a dead sender holds a delivery. */
export const DEFAULT_CLAIM_MS = 15_000;

export class DeliveryClaim {
  /** Rows this claim still holds as far as the database last said (recorded or taken-over rows drop out). */
  private readonly held: Set<string>;
  private readonly called = new Set<string>();
  /** Until when the claim is known to be ours: the claim's or its last successful renewal's start plus its length. */
  private confirmedUntil: number;
  private renewing: Promise<void> | null = null;
  private readonly timer: ReturnType<typeof setInterval>;
  private stopped = false;

  constructor(
    private readonly db: Db,
    readonly token: string,
    ids: readonly string[],
    claimedAt: number,
    private readonly claimMs: number,
  ) {
    this.held = new Set(ids);
    this.confirmedUntil = claimedAt + claimMs;
    this.timer = setInterval(() => void this.renew(), Math.max(50, Math.floor(claimMs / 3)));
    this.timer.unref?.();
  }

  /** A call should not start on a claim with less than this left: the renewal every third keeps far more. */
  private get margin(): number {
    return Math.floor(this.claimMs / 3);
  }

  /**
   * Extends the claim on every row still ours. One renewal at a time; a failed one leaves the claim to run out
   * (calls not started by then are skipped, and the next claim sends them).
   */
  renew(): Promise<void> {
    if (this.renewing) return this.renewing;
    if (this.stopped || this.held.size === 0) return Promise.resolve();
    const at = Date.now();
    this.renewing = (async () => {
      const renewed = await this.db.webhookDelivery.updateMany({ where: { claimedBy: this.token }, data: { claimedUntil: new Date(at + this.claimMs) } });
      if (renewed.count !== this.held.size) {
        // Fewer rows than held: some were recorded (their claim ends with the record) or taken over. Ask which.
        const still = await this.db.webhookDelivery.findMany({ where: { claimedBy: this.token }, select: { id: true } });
        const ours = new Set(still.map((r) => r.id));
        for (const id of this.held) if (!ours.has(id)) this.held.delete(id);
      }
      this.confirmedUntil = Math.max(this.confirmedUntil, at + this.claimMs);
    })()
      .catch((e) => logError("webhook claim renewal failed", { error: (e as Error).message }))
      .finally(() => {
        this.renewing = null;
      });
    return this.renewing;
  }

  /** Whether this sender may call the receiver for this delivery now (and is then counted as having called). */
  async mayCall(id: string): Promise<boolean> {
    if (Date.now() >= this.confirmedUntil - this.margin) await this.renew();
    const ok = this.held.has(id) && Date.now() < this.confirmedUntil - this.margin;
    if (ok) this.called.add(id);
    return ok;
  }

  /** This delivery is being called regardless (a replay, just claimed): it is not freed by stop(). */
  calling(id: string): void {
    this.called.add(id);
  }

  /**
   * Stops renewing, and frees the rows still ours that were never called (skipped), so the next poll sends them.
   * A row that was called but whose outcome could not be written keeps the claim until it runs out: its receiver
   * may have it already.
   */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.renewing;
    const uncalled = [...this.held].filter((id) => !this.called.has(id));
    if (uncalled.length === 0) return;
    await this.db.webhookDelivery
      .updateMany({ where: { id: { in: uncalled }, claimedBy: this.token }, data: { claimedBy: null, claimedUntil: null } })
      .catch((e) => logError("webhook claim release failed", { count: uncalled.length, error: (e as Error).message }));
  }
}
