import { ActionItemPatchSchema } from "@/lib/reports/core/report-edits";
import { errorResponse, handle, json, readJson } from "@/lib/platform/http/handle";
import { removeActionItem, updateActionItem } from "@/lib/reports/server/edit-report";
import { readActionItem } from "@/lib/reports/server/read-action-item";

export const dynamic = "force-dynamic";

/** PATCH { expectedVersion, text?, owner?, dueDate?, done? } */
export const PATCH = handle<{ id: string; itemId: string }>("checklist", async ({ req, params, actor }) => {
  const body = await readJson(req, ActionItemPatchSchema, "action item");
  const outcome = await updateActionItem(params.id, params.itemId, actor, body);
  if (!outcome.ok) return errorResponse(outcome.error);
  return json({ actionItem: await readActionItem(params.itemId), events: outcome.events });
});

export const DELETE = handle<{ id: string; itemId: string }>("checklist", async ({ params, actor }) => {
  const outcome = await removeActionItem(params.id, params.itemId, actor);
  if (!outcome.ok) return errorResponse(outcome.error);
  return json({ events: outcome.events });
});
