import { db } from "@/lib/server/db/client";
import { readReleaseFlags } from "@/lib/server/flags/read-release-flags";
import { notFound } from "@/lib/server/http/app-error";
import { errorResponse, handle, json } from "@/lib/server/http/handle";
import type { Plan } from "@/lib/rollout/plan";

export const dynamic = "force-dynamic";

export const GET = handle<{ id: string }>(
  "read",
  async ({ params }) => {
    const row = await db().release.findUnique({ where: { id: params.id }, select: { planJson: true } });
    if (!row) return errorResponse(notFound("Release", params.id));
    const plan = JSON.parse(row.planJson) as Plan;
    return json(await readReleaseFlags(params.id, plan.flags ?? [], Date.now()));
  },
  { scope: "id" },
);
