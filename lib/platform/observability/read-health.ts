// GET /api/health: the database's round trip, and which instance answered and whether it runs the once-per-cluster
// work (the guardrail evaluator among it).
import "server-only";
import { instanceId } from "../cluster/instance-id";
import { checkDatabase } from "../db/check-database";
import { leadership } from "../jobs/cluster-jobs";

export async function readHealth() {
  const database = await checkDatabase();
  const lead = leadership();
  const cluster = { instance: instanceId(), leader: lead.leads, epoch: lead.epoch, leaderSince: lead.since ? new Date(lead.since).toISOString() : null };
  return { status: database.ok ? ("ok" as const) : ("degraded" as const), database, cluster };
}
