// Declares one of the plan's manual triggers ("Data corruption detected -> rollback level 3") with one click: the
// declaration is audited as `trigger_declared` and its prescribed action goes through the one command path.
import { DeclareTriggerRequest } from "@/lib/api/core/requests";
import { errorResponse, handle, json, readJson } from "@/lib/platform/http/handle";
import { applyCommand } from "@/lib/releases/server/apply-command";

export const dynamic = "force-dynamic";


export const POST = handle<{ id: string }>("command", async ({ req, params, actor }) => {
  const body = await readJson(req, DeclareTriggerRequest, "trigger");
  const outcome = await applyCommand(params.id, {
    // The type is replaced by the trigger's prescribed action; "pause" only stands in until the plan is read.
    command: { type: "pause", actor: actor.name, reason: body.reason },
    actorRole: actor.role,
    expectedVersion: body.expectedVersion,
    trigger: body.name,
  });
  if (!outcome.ok) return errorResponse(outcome.error);
  return json({ release: outcome.release, events: outcome.events }, 200);
});
