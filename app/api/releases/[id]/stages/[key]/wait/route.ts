import { z } from "zod";
import { handle, json, parseWith } from "@/lib/platform/http/handle";
import { WAIT_UNTIL } from "@/lib/stages/core/stage-wait";
import { MAX_WAIT_SECONDS, waitForStage } from "@/lib/stages/server/wait-for-stage";

export const dynamic = "force-dynamic";

const QuerySchema = z
  .object({
    until: z.enum(WAIT_UNTIL).default("open"),
    timeout: z.coerce.number().int().min(0).max(MAX_WAIT_SECONDS).default(30),
  })
  .strict();

/**
 * Issue 25: long-poll until the stage opens (or `until=completed`), is rolled back or blocked, or `timeout` seconds
 * (at most 60) pass. The answer carries `exitCode` with the meaning `tidegate wait` gives it: 0, 3, 4 or 5.
 */
export const POST = handle<{ id: string; key: string }>(
  "read",
  async ({ req, params }) => {
    const query = parseWith(QuerySchema, Object.fromEntries(req.nextUrl.searchParams), "wait query");
    return json(await waitForStage(params.id, params.key, query.until, query.timeout, req.signal));
  },
  { scope: "id" },
);
