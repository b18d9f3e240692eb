import { ReasonSchema } from "@/lib/freezes/core/freeze-request";
import { liftQuarantine } from "@/lib/freezes/server/lift-quarantine";
import { errorResponse, handle, json, readJson } from "@/lib/platform/http/handle";

export const dynamic = "force-dynamic";

/** Lifts a quarantined service version with `{ reason }`: releases of it may START again. */
export const POST = handle<{ id: string }>("manage", async ({ req, params, actor }) => {
  const body = await readJson(req, ReasonSchema, "lift");
  const lifted = await liftQuarantine(params.id, body.reason, actor);
  return lifted.ok ? json(lifted.quarantine) : errorResponse(lifted.error);
});
