import { MeasurementsQuery } from "@/lib/api/core/requests";
import { notFound } from "@/lib/platform/http/app-error";
import { errorResponse, handle, json, parseWith } from "@/lib/platform/http/handle";
import { listMeasurements } from "@/lib/guardrails/server/list-measurements";

export const dynamic = "force-dynamic";


export const GET = handle<{ id: string; metric: string }>(
  "read",
  async ({ req, params }) => {
    const query = parseWith(MeasurementsQuery, Object.fromEntries(req.nextUrl.searchParams), "query");
    const found = await listMeasurements(params.id, params.metric, { run: query.run, limit: query.limit, before: query.before ? new Date(query.before) : undefined });
    return found ? json(found) : errorResponse(notFound("Release", params.id));
  },
  { scope: "id" },
);
