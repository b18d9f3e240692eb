import { NextResponse } from "next/server";
import { leadership } from "@/lib/platform/jobs/cluster-jobs";
import { instanceId } from "@/lib/platform/cluster/instance-id";
import { checkDatabase } from "@/lib/platform/db/check-database";

export const dynamic = "force-dynamic";

export async function GET() {
  const database = await checkDatabase();
  const lead = leadership();
  // Which instance answered and whether it runs the once-per-cluster work (the guardrail evaluator among it).
  const cluster = { instance: instanceId(), leader: lead.leads, epoch: lead.epoch, leaderSince: lead.since ? new Date(lead.since).toISOString() : null };
  return NextResponse.json({ status: database.ok ? "ok" : "degraded", database, cluster }, { status: database.ok ? 200 : 503 });
}
