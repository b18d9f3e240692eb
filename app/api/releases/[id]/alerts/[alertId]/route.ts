import { AcknowledgeAlertRequest } from "@/lib/api/core/requests";
import { errorResponse, handle, json, readJson } from "@/lib/platform/http/handle";
import { acknowledgeAlert } from "@/lib/releases/server/acknowledge-alert";

export const dynamic = "force-dynamic";


/** PATCH { "acknowledged": true, "comment"?: "..." } */
export const PATCH = handle<{ id: string; alertId: string }>("command", async ({ req, params, actor }) => {
  const body = await readJson(req, AcknowledgeAlertRequest, "acknowledgement");
  const outcome = await acknowledgeAlert(params.id, params.alertId, actor, body.comment);
  if (!outcome.ok) return errorResponse(outcome.error);
  return json({ release: outcome.release, events: outcome.events });
});
