import { MetricSeriesQuery } from "@/lib/api/core/requests";
import { notFound } from "@/lib/platform/http/app-error";
import { errorResponse, handle, json, parseWith } from "@/lib/platform/http/handle";
import { BODY_LIMITS, readJsonBody } from "@/lib/platform/http/read-json-body";
import { ingestSamples } from "@/lib/guardrails/server/ingest-samples";
import { readMetricSeries } from "@/lib/guardrails/server/read-metric-series";

export const dynamic = "force-dynamic";

export const POST = handle<{ id: string }>(
  "ingest",
  async ({ req, params }) => {
    const body = await readJsonBody(req, BODY_LIMITS.ingest);
    const outcome = await ingestSamples(params.id, body);
    if (!outcome.ok) return errorResponse(outcome.error);
    return json({ stored: outcome.stored }, 202);
  },
  { scope: "id" },
);


export const GET = handle<{ id: string }>(
  "read",
  async ({ req, params }) => {
    const { minutes } = parseWith(MetricSeriesQuery, Object.fromEntries(req.nextUrl.searchParams), "query");
    const series = await readMetricSeries(params.id, minutes);
    return series ? json(series) : errorResponse(notFound("Release", params.id));
  },
  { scope: "id" },
);
