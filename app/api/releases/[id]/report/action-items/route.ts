import { NewActionItemSchema } from "@/lib/reports/core/report-edits";
import { errorResponse, handle, json, readJson } from "@/lib/platform/http/handle";
import { db } from "@/lib/platform/db/client";
import { addActionItem } from "@/lib/reports/server/edit-report";
import { toActionItem } from "@/lib/reports/server/get-report";

export const dynamic = "force-dynamic";

/** POST { text, owner, dueDate? }: a new action item on the report (approvers and above). */
export const POST = handle<{ id: string }>("checklist", async ({ req, params, actor }) => {
  const body = await readJson(req, NewActionItemSchema, "action item");
  const { id, outcome } = addActionItem(params.id, actor, body);
  const done = await outcome;
  if (!done.ok) return errorResponse(done.error);
  const row = await db().reportActionItem.findUnique({ where: { id } });
  return json({ actionItem: row ? toActionItem(row) : null, events: done.events }, 201);
});
