import { z } from "zod";
import { freeText } from "@/lib/releases/core/text";
import { errorResponse, handle, json, readJson } from "@/lib/platform/http/handle";
import { updateChecklistItem } from "@/lib/releases/server/update-checklist-item";

export const dynamic = "force-dynamic";

const ChecklistPatchSchema = z
  .object({
    state: z.enum(["open", "met", "not_met", "waived"]),
    reason: freeText(2000).optional(),
    evidenceUrl: z.string().url().max(2000).refine((u) => /^https?:\/\//.test(u), "evidence links must be http(s) URLs").optional(),
  })
  .strict();

export const PATCH = handle<{ id: string; itemId: string }>("checklist", async ({ req, params, actor }) => {
  const body = await readJson(req, ChecklistPatchSchema, "checklist change");
  const outcome = await updateChecklistItem(params.id, params.itemId, body, actor);
  if (!outcome.ok) return errorResponse(outcome.error);
  const item = [...outcome.release.preChecklist, ...outcome.release.waves.flatMap((w) => w.checklist)].find((c) => c.id === params.itemId);
  return json({ item, release: outcome.release, events: outcome.events });
});
