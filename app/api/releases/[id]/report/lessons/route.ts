import { LessonsSchema } from "@/lib/reports/core/report-edits";
import { errorResponse, handle, json, readJson } from "@/lib/platform/http/handle";
import { getReport } from "@/lib/reports/server/get-report";
import { updateLessons } from "@/lib/reports/server/edit-report";

export const dynamic = "force-dynamic";

/** PUT { text, expectedVersion }: the report's lessons learned (approvers and above). */
export const PUT = handle<{ id: string }>("checklist", async ({ req, params, actor }) => {
  const body = await readJson(req, LessonsSchema, "lessons");
  const outcome = await updateLessons(params.id, actor, body.text, body.expectedVersion);
  if (!outcome.ok) return errorResponse(outcome.error);
  return json({ lessons: (await getReport(params.id))?.lessons ?? null, events: outcome.events });
});
