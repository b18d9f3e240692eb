import { StageApprovalRequest } from "@/lib/api/core/requests";
import { errorResponse, handle, json, readJson } from "@/lib/platform/http/handle";
import { approvePromotion } from "@/lib/stages/server/approve-promotion";

export const dynamic = "force-dynamic";

/** Issue 25: approve promotion into a stage's environment (an admin or one of the environment's approver roles). */
export const POST = handle<{ id: string; key: string }>(
  "checklist",
  async ({ req, params, actor }) => {
    const body = await readJson(req, StageApprovalRequest, "promotion approval");
    const outcome = await approvePromotion(params.id, params.key, body.comment?.trim() || null, actor);
    if (!outcome.ok) return errorResponse(outcome.error);
    return json({ release: outcome.release, events: outcome.events }, 201);
  },
  { scope: "id" },
);
