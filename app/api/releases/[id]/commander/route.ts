// Hands the release's commander role to another person (issue 15), audited as `commander_changed`.
import { z } from "zod";
import { freeText } from "@/lib/releases/core/text";
import { errorResponse, handle, json, readJson } from "@/lib/platform/http/handle";
import { handOverCommand } from "@/lib/releases/server/hand-over-command";

export const dynamic = "force-dynamic";

const HandOverSchema = z.object({ to: z.string().trim().email().max(320), reason: freeText(2000).optional() }).strict();

export const POST = handle<{ id: string }>("command", async ({ req, params, actor }) => {
  const body = await readJson(req, HandOverSchema, "hand-over");
  const outcome = await handOverCommand(params.id, body.to, body.reason?.trim() || null, actor);
  if (!outcome.ok) return errorResponse(outcome.error);
  return json({ release: outcome.release, events: outcome.events });
});
