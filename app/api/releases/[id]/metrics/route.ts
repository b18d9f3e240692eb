import { z } from "zod";
import { notFound } from "@/lib/server/http/app-error";
import { errorResponse, handle, json, parseWith, HttpError } from "@/lib/server/http/handle";
import { appError } from "@/lib/server/http/app-error";
import { ingestSamples } from "@/lib/server/metrics/ingest-samples";
import { readMetricSeries } from "@/lib/server/metrics/read-metric-series";

export const dynamic = "force-dynamic";

const MAX_BODY_BYTES = 8 * 1024 * 1024;

export const POST = handle<{ id: string }>(
  "ingest",
  async ({ req, params }) => {
    const text = await req.text();
    if (text.length > MAX_BODY_BYTES) throw new HttpError(appError(413, "too_large", "A batch may be at most 8 MiB"));
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return errorResponse(appError(400, "invalid_json", "The request body is not valid JSON"));
    }
    const outcome = await ingestSamples(params.id, body);
    if (!outcome.ok) return errorResponse(outcome.error);
    return json({ stored: outcome.stored }, 202);
  },
  { scope: "id" },
);

const QuerySchema = z.object({ minutes: z.coerce.number().int().min(1).max(24 * 60).default(60) });

export const GET = handle<{ id: string }>(
  "read",
  async ({ req, params }) => {
    const { minutes } = parseWith(QuerySchema, Object.fromEntries(req.nextUrl.searchParams), "query");
    const series = await readMetricSeries(params.id, minutes);
    return series ? json(series) : errorResponse(notFound("Release", params.id));
  },
  { scope: "id" },
);
