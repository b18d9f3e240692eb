import { ChecklistPatchRequest } from "@/lib/api/core/requests";
import { errorResponse, handle, json, readJson } from "@/lib/platform/http/handle";
import { updateChecklistItem } from "@/lib/releases/server/update-checklist-item";

export const dynamic = "force-dynamic";


export const PATCH = handle<{ id: string; itemId: string }>("checklist", async ({ req, params, actor }) => {
  const body = await readJson(req, ChecklistPatchRequest, "checklist change");
  const outcome = await updateChecklistItem(params.id, params.itemId, body, actor);
  if (!outcome.ok) return errorResponse(outcome.error);
  const item = [...outcome.release.preChecklist, ...outcome.release.waves.flatMap((w) => w.checklist)].find((c) => c.id === params.itemId);
  return json({ item, release: outcome.release, events: outcome.events });
});
