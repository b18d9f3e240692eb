import { StageWaitQuery } from "@/lib/api/core/requests";
import { handle, json, parseWith } from "@/lib/platform/http/handle";
import { waitForStage } from "@/lib/stages/server/wait-for-stage";

export const dynamic = "force-dynamic";

/**
 * Issue 25: long-poll until the stage opens (or `until=completed`), is rolled back or blocked, or `timeout` seconds
 * (at most 60) pass. The answer carries `exitCode` with the meaning `tidegate wait` gives it: 0, 3, 4 or 5.
 */
export const POST = handle<{ id: string; key: string }>(
  "read",
  async ({ req, params }) => {
    const query = parseWith(StageWaitQuery, Object.fromEntries(req.nextUrl.searchParams), "wait query");
    return json(await waitForStage(params.id, params.key, query.until, query.timeout, req.signal));
  },
  { scope: "id" },
);
