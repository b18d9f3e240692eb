import { ReasonSchema } from "@/lib/freezes/core/freeze-request";
import { endFreeze } from "@/lib/freezes/server/end-freeze";
import { errorResponse, handle, json, readJson } from "@/lib/platform/http/handle";

export const dynamic = "force-dynamic";

/** Ends a freeze before its time, with `{ reason }`; it is kept, ended, for the record. */
export const DELETE = handle<{ id: string }>("manage", async ({ req, params, actor }) => {
  const body = await readJson(req, ReasonSchema, "end of the freeze");
  const ended = await endFreeze(params.id, body.reason, actor);
  return ended.ok ? json(ended.freeze) : errorResponse(ended.error);
});
