import { QuarantinesQuery } from "@/lib/api/core/requests";
import { listQuarantines } from "@/lib/freezes/server/list-quarantines";
import { handle, json, parseWith } from "@/lib/platform/http/handle";

export const dynamic = "force-dynamic";

/** Standing quarantines, newest first; `?all=1` adds the lifted ones, `?service=` narrows to one service. */
export const GET = handle("read", async ({ req }) => {
  const q = parseWith(QuarantinesQuery, Object.fromEntries(req.nextUrl.searchParams), "query");
  return json({ quarantines: await listQuarantines({ includeLifted: q.all === "1", service: q.service?.slice(0, 120) }) });
}, { withinScope: true });
