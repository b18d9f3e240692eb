// Hands the release's commander role to another person (issue 15), audited as `commander_changed`.
import { HandOverRequest } from "@/lib/api/core/requests";
import { errorResponse, handle, json, readJson } from "@/lib/platform/http/handle";
import { handOverCommand } from "@/lib/releases/server/hand-over-command";

export const dynamic = "force-dynamic";


export const POST = handle<{ id: string }>("command", async ({ req, params, actor }) => {
  const body = await readJson(req, HandOverRequest, "hand-over");
  const outcome = await handOverCommand(params.id, body.to, body.reason?.trim() || null, actor);
  if (!outcome.ok) return errorResponse(outcome.error);
  return json({ release: outcome.release, events: outcome.events });
});
