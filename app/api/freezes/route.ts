import { NewFreezeSchema } from "@/lib/freezes/core/freeze-request";
import { createFreeze } from "@/lib/freezes/server/create-freeze";
import { listFreezes } from "@/lib/freezes/server/list-freezes";
import { appError } from "@/lib/platform/http/app-error";
import { errorResponse, handle, json, readJson } from "@/lib/platform/http/handle";

export const dynamic = "force-dynamic";

/** Current and upcoming freezes; `?pastDays=N` adds those ended or over in the last N days (at most 90). */
export const GET = handle("read", async ({ req }) => {
  const raw = req.nextUrl.searchParams.get("pastDays");
  const pastDays = raw === null ? 0 : Number(raw);
  if (!Number.isInteger(pastDays) || pastDays < 0 || pastDays > 90) {
    return errorResponse(appError(400, "invalid_request", "pastDays must be a whole number of days from 0 to 90", { issues: [{ path: "pastDays", message: "0-90" }] }));
  }
  return json({ freezes: await listFreezes({ includePastDays: pastDays }) });
}, { withinScope: true });

export const POST = handle("manage", async ({ req, actor }) => {
  const body = await readJson(req, NewFreezeSchema, "freeze");
  return json(await createFreeze(body, actor), 201);
});
