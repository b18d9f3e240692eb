import { ActionItemPatchSchema } from "@/lib/reports/core/report-edits";
import { db } from "@/lib/platform/db/client";
import { errorResponse, handle, json, readJson } from "@/lib/platform/http/handle";
import { removeActionItem, updateActionItem } from "@/lib/reports/server/edit-report";
import { toActionItem } from "@/lib/reports/server/get-report";

export const dynamic = "force-dynamic";

/** PATCH { expectedVersion, text?, owner?, dueDate?, done? } */
export const PATCH = handle<{ id: string; itemId: string }>("checklist", async ({ req, params, actor }) => {
  const body = await readJson(req, ActionItemPatchSchema, "action item");
  const outcome = await updateActionItem(params.id, params.itemId, actor, body);
  if (!outcome.ok) return errorResponse(outcome.error);
  const row = await db().reportActionItem.findUnique({ where: { id: params.itemId } });
  return json({ actionItem: row ? toActionItem(row) : null, events: outcome.events });
});

export const DELETE = handle<{ id: string; itemId: string }>("checklist", async ({ params, actor }) => {
  const outcome = await removeActionItem(params.id, params.itemId, actor);
  if (!outcome.ok) return errorResponse(outcome.error);
  return json({ events: outcome.events });
});
