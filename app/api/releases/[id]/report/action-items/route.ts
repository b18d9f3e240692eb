import { NewActionItemSchema } from "@/lib/reports/core/report-edits";
import { errorResponse, handle, json, readJson } from "@/lib/platform/http/handle";
import { addActionItem } from "@/lib/reports/server/edit-report";
import { readActionItem } from "@/lib/reports/server/read-action-item";

export const dynamic = "force-dynamic";

/** POST { text, owner, dueDate? }: a new action item on the report (approvers and above). */
export const POST = handle<{ id: string }>("checklist", async ({ req, params, actor }) => {
  const body = await readJson(req, NewActionItemSchema, "action item");
  const { id, outcome } = addActionItem(params.id, actor, body);
  const done = await outcome;
  if (!done.ok) return errorResponse(done.error);
  return json({ actionItem: await readActionItem(id), events: done.events }, 201);
});
