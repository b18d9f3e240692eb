// Leader election for once-per-cluster work, through PostgreSQL only (no protocol of our own): the leader holds a
// session advisory lock on a dedicated, unpooled connection (Prisma's pool cannot hold a session lock), and each
// takeover bumps an epoch in the ClusterLease table, the fencing token its writes are checked against.
//
// The lease is the connection: a killed leader's connection closes and PostgreSQL frees the lock at once; a frozen or
// partitioned leader stops renewing, its session goes idle and PostgreSQL ends it after LEASE_MS
// (idle_session_timeout), freeing the lock. Followers retry every RETRY_MS. So failover takes about RETRY_MS after a
// crash and LEASE_MS + RETRY_MS after a freeze (Argo Rollouts: lease 15 s, renew 10 s, retry 2 s).
import "server-only";
import pg from "pg";
import { instanceId } from "./instance-id";
import { logError, logNotice } from "../logging/ops-log";

export const LEASE_MS = Number(process.env.TIDEGATE_LEASE_MS) || 5_000;
export const RENEW_MS = 1_000;
export const RETRY_MS = 1_000;
/** pg_try_advisory_lock's key: any constant that no other lock user picks. */
const LOCK_KEY = 7_261_340_013;
export const LEADER_LEASE = "leader";

export interface Leadership {
  leads: boolean;
  /** The fencing token of this leadership; null on SQLite (one process, nothing to fence). */
  epoch: number | null;
  since: number | null;
}

export class LeaderLease {
  private client: pg.Client | null = null;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  private lastRenewedAt = 0;
  /** A leader that just lost its lease lets the followers try first, so leadership moves instead of flapping back. */
  private deferUntil = 0;
  private current: Leadership = { leads: false, epoch: null, since: null };

  constructor(
    private readonly url: string,
    private readonly onChange: (now: Leadership) => void,
  ) {}

  leadership(): Leadership {
    // A leader that could not renew within the lease (frozen, partitioned) no longer counts itself as leading, even
    // before it hears that its session ended; a write it had started is refused by the fence.
    if (this.current.leads && Date.now() - this.lastRenewedAt > LEASE_MS) this.lose("lease not renewed in time");
    return this.current;
  }

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    const c = this.client;
    this.client = null;
    this.lose("stopping");
    // Closing the connection frees the lock at once: a clean shutdown hands over without waiting for the lease.
    await c?.end().catch(() => undefined);
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => void this.step(), ms);
    this.timer.unref();
  }

  private lose(why: string): void {
    if (!this.current.leads) return;
    logNotice("leadership lost", { instance: instanceId(), epoch: this.current.epoch, why });
    this.current = { leads: false, epoch: null, since: null };
    this.deferUntil = why === "stopping" ? 0 : Date.now() + 2 * RETRY_MS;
    // Whatever the session still holds goes with it: the next attempt starts from a fresh connection, like any follower.
    const c = this.client;
    this.client = null;
    c?.end().catch(() => undefined);
    this.onChange(this.current);
  }

  private async connection(): Promise<pg.Client> {
    if (this.client) return this.client;
    const client = new pg.Client({
      connectionString: this.url,
      keepAlive: true,
      application_name: `tidegate-leader:${instanceId()}`.slice(0, 63),
    });
    client.on("error", (e) => {
      if (this.client === client) this.client = null;
      this.lose(`lease connection: ${e.message}`);
    });
    await client.connect();
    // The lease: a session that stays silent this long is ended by the server, which frees the advisory lock.
    await client.query(`SET idle_session_timeout = ${Math.round(LEASE_MS)}`);
    this.client = client;
    return client;
  }

  private async step(): Promise<void> {
    try {
      const client = await this.connection();
      if (this.leadership().leads) {
        // Renewing is being heard: any statement resets the idle timer. Checking the epoch also notices a takeover
        // that somehow happened while we still had a connection.
        const { rows } = await client.query<{ epoch: number }>(`SELECT epoch FROM "ClusterLease" WHERE name = $1`, [LEADER_LEASE]);
        if (rows[0]?.epoch !== this.current.epoch) this.lose("epoch moved");
        else this.lastRenewedAt = Date.now();
      } else if (Date.now() >= this.deferUntil) {
        const { rows } = await client.query<{ ok: boolean }>("SELECT pg_try_advisory_lock($1) AS ok", [LOCK_KEY]);
        if (rows[0]?.ok) await this.takeOver(client);
      }
    } catch (e) {
      const c = this.client;
      this.client = null;
      c?.end().catch(() => undefined);
      this.lose(`lease check failed: ${(e as Error).message}`);
      if (!this.stopped) logError("leader lease check failed", { instance: instanceId(), error: (e as Error).message });
    }
    this.schedule(this.current.leads ? RENEW_MS : RETRY_MS);
  }

  private async takeOver(client: pg.Client): Promise<void> {
    // The epoch moves in its own transaction; a fenced write of the old leader still in flight holds the row
    // FOR SHARE, so this waits for it: every old write is ordered before the takeover, none after.
    const { rows } = await client.query<{ epoch: number }>(
      `INSERT INTO "ClusterLease" (name, epoch, holder, "acquiredAt") VALUES ($1, 1, $2, now() AT TIME ZONE 'UTC')
       ON CONFLICT (name) DO UPDATE SET epoch = "ClusterLease".epoch + 1, holder = EXCLUDED.holder, "acquiredAt" = EXCLUDED."acquiredAt"
       RETURNING epoch`,
      [LEADER_LEASE, instanceId()],
    );
    this.lastRenewedAt = Date.now();
    this.current = { leads: true, epoch: rows[0]!.epoch, since: Date.now() };
    logNotice("leadership acquired", { instance: instanceId(), epoch: this.current.epoch });
    this.onChange(this.current);
  }
}
