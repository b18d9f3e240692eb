// The one job runner for once-per-cluster work (the guardrail tick, retention, metric pulls, webhook dispatch): each
// capability contributes its jobs as entries, lib/main/job-catalogue.ts lists them all, and only the leader runs them. On PostgreSQL the leader is elected by LeaderLease; on
// SQLite there is one process, and it simply leads.
import "server-only";
import { isPostgres } from "../db/client";
import { instanceId } from "../cluster/instance-id";
import { LeaderLease, type Leadership } from "../cluster/leader-lease";
import { logError } from "../logging/ops-log";

export interface JobContext {
  /** The fencing token to pass with every write (mutateRelease's fenceEpoch, or checkFence in a transaction). */
  epoch: number | null;
}

export type ClusterJob = (ctx: JobContext) => Promise<void>;

/** One entry of the job catalogue: a capability's job, named for the logs, run every intervalMs on the leader. */
export interface ClusterJobEntry {
  name: string;
  intervalMs: number;
  run: ClusterJob;
}

interface Registered {
  name: string;
  everyMs: number;
  fn: ClusterJob;
  timer: NodeJS.Timeout | null;
  running: boolean;
}

interface Runner {
  jobs: Map<string, Registered>;
  lease: LeaderLease | null;
  leadership: Leadership;
  started: boolean;
}

// Shared through globalThis: /api/health (a bundled route) reads the leadership the custom server's runner holds.
const holder = globalThis as unknown as { __tidegateJobs?: Runner };
const runner = (): Runner =>
  (holder.__tidegateJobs ??= { jobs: new Map(), lease: null, leadership: { leads: false, epoch: null, since: null }, started: false });

/** Registers the catalogue: each entry as registerClusterJob below. */
export function registerClusterJobs(entries: readonly ClusterJobEntry[]): void {
  for (const entry of entries) registerClusterJob(entry.name, entry.intervalMs, entry.run);
}

/**
 * Registers a job that runs every `everyMs` on the leader only, first right after leadership is won (a new leader
 * catches up at once). Runs never overlap; a failure is logged and the job runs again on schedule.
 */
function registerClusterJob(name: string, everyMs: number, fn: ClusterJob): void {
  const r = runner();
  if (r.jobs.has(name)) throw new Error(`cluster job ${name} is registered twice`);
  const job: Registered = { name, everyMs, fn, timer: null, running: false };
  r.jobs.set(name, job);
  if (r.leadership.leads) schedule(job, 0);
}

/** Whether this process leads now, and with which fencing token. */
export function leadership(): Leadership {
  const r = runner();
  if (r.lease) r.leadership = r.lease.leadership();
  return r.leadership;
}

export function startClusterJobs(url = process.env.DATABASE_URL): () => Promise<void> {
  const r = runner();
  r.started = true;
  if (!isPostgres(url)) {
    changed({ leads: true, epoch: null, since: Date.now() });
    return async () => changed({ leads: false, epoch: null, since: null });
  }
  r.lease = new LeaderLease(url!, changed);
  r.lease.start();
  return async () => {
    const lease = r.lease;
    r.lease = null;
    await lease?.stop();
    changed({ leads: false, epoch: null, since: null });
  };
}

function changed(now: Leadership): void {
  const r = runner();
  r.leadership = now;
  for (const job of r.jobs.values()) {
    if (job.timer) clearTimeout(job.timer);
    job.timer = null;
    if (now.leads) schedule(job, 0);
  }
}

function schedule(job: Registered, ms: number): void {
  job.timer = setTimeout(() => void runJob(job), ms);
  job.timer.unref();
}

async function runJob(job: Registered): Promise<void> {
  job.timer = null;
  const lead = leadership();
  if (!lead.leads || job.running) return;
  job.running = true;
  try {
    await job.fn({ epoch: lead.epoch });
  } catch (e) {
    logError("cluster job failed", { job: job.name, instance: instanceId(), error: (e as Error).message });
  } finally {
    job.running = false;
  }
  // Still the leader of the same epoch: run again on schedule (a new leadership reschedules by itself).
  const after = leadership();
  if (after.leads && after.epoch === lead.epoch && !job.timer) schedule(job, job.everyMs);
}
