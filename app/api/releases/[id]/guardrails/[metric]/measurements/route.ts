import { z } from "zod";
import { notFound } from "@/lib/platform/http/app-error";
import { errorResponse, handle, json, parseWith } from "@/lib/platform/http/handle";
import { listMeasurements } from "@/lib/guardrails/server/list-measurements";

export const dynamic = "force-dynamic";

const QuerySchema = z.object({
  run: z.coerce.number().int().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(10000).default(1000),
  before: z.iso.datetime({ offset: true }).optional(),
});

export const GET = handle<{ id: string; metric: string }>(
  "read",
  async ({ req, params }) => {
    const query = parseWith(QuerySchema, Object.fromEntries(req.nextUrl.searchParams), "query");
    const found = await listMeasurements(params.id, params.metric, { run: query.run, limit: query.limit, before: query.before ? new Date(query.before) : undefined });
    return found ? json(found) : errorResponse(notFound("Release", params.id));
  },
  { scope: "id" },
);
