import { db } from "@/lib/platform/db/client";
import { readReleaseFlags } from "@/lib/flags/server/read-release-flags";
import { notFound } from "@/lib/platform/http/app-error";
import { errorResponse, handle, json } from "@/lib/platform/http/handle";
import { flagsOfPlan, type Plan } from "@/lib/plans/core/plan";

export const dynamic = "force-dynamic";

export const GET = handle<{ id: string }>(
  "read",
  async ({ params }) => {
    const row = await db().release.findUnique({ where: { id: params.id }, select: { planJson: true } });
    if (!row) return errorResponse(notFound("Release", params.id));
    const plan = JSON.parse(row.planJson) as Plan;
    return json(await readReleaseFlags(params.id, flagsOfPlan(plan), Date.now()));
  },
  { scope: "id" },
);
