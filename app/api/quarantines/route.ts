import { listQuarantines } from "@/lib/freezes/server/list-quarantines";
import { handle, json } from "@/lib/platform/http/handle";

export const dynamic = "force-dynamic";

/** Standing quarantines, newest first; `?all=1` adds the lifted ones, `?service=` narrows to one service. */
export const GET = handle("read", async ({ req }) => {
  const q = req.nextUrl.searchParams;
  const service = q.get("service") ?? undefined;
  return json({ quarantines: await listQuarantines({ includeLifted: q.get("all") === "1", service: service?.slice(0, 120) }) });
}, { withinScope: true });
