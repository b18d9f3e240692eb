// Retention across capabilities, one once-per-cluster job. Each step deletes only rows past retention, so a step
// repeated by an old leader changes nothing a current one would not; the fence is still checked before each step so
// a stale leader stops at once.
import "server-only";
import { pruneLoginAttempts } from "../auth/server/login-rate-limit";
import { pruneRevokedSessions } from "../auth/server/revoked-sessions";
import { pruneSamples } from "../guardrails/server/prune-samples";
import { config } from "../platform/config/config";
import type { ClusterJobEntry, JobContext } from "../platform/jobs/cluster-jobs";
import { stillLeading } from "../platform/jobs/still-leading";
import { pruneBookkeeping } from "../platform/outbox/prune-bookkeeping";
import { pruneDeliveries } from "../webhooks/server/prune-deliveries";

export async function retention({ epoch }: JobContext): Promise<void> {
  const cfg = config();
  await stillLeading(epoch);
  await pruneSamples(cfg.METRICS_RETENTION_HOURS);
  await stillLeading(epoch);
  await pruneBookkeeping(cfg.METRICS_RETENTION_HOURS);
  // Login attempts older than the throttling window and ended sessions past their expiry count for nothing.
  await stillLeading(epoch);
  await pruneLoginAttempts();
  await pruneRevokedSessions();
  await stillLeading(epoch);
  await pruneDeliveries();
}

export const retentionJob: ClusterJobEntry = { name: "retention", intervalMs: 60_000, run: retention };
