import { FreezesQuery } from "@/lib/api/core/requests";
import { NewFreezeSchema } from "@/lib/freezes/core/freeze-request";
import { createFreeze } from "@/lib/freezes/server/create-freeze";
import { listFreezes } from "@/lib/freezes/server/list-freezes";
import { handle, json, parseWith, readJson } from "@/lib/platform/http/handle";

export const dynamic = "force-dynamic";

/** Current and upcoming freezes; `?pastDays=N` adds those ended or over in the last N days (at most 90). */
export const GET = handle("read", async ({ req }) => {
  const { pastDays } = parseWith(FreezesQuery, Object.fromEntries(req.nextUrl.searchParams), "query");
  return json({ freezes: await listFreezes({ includePastDays: pastDays }) });
}, { withinScope: true });

export const POST = handle("manage", async ({ req, actor }) => {
  const body = await readJson(req, NewFreezeSchema, "freeze");
  return json(await createFreeze(body, actor), 201);
});
