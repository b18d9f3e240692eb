import { z } from "zod";
import { notFound } from "@/lib/platform/http/app-error";
import { errorResponse, handle, json, parseWith } from "@/lib/platform/http/handle";
import { listEvents } from "@/lib/releases/server/list-events";

export const dynamic = "force-dynamic";

const QuerySchema = z.object({
  after: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(5000).default(1000),
});

export const GET = handle<{ id: string }>(
  "read",
  async ({ req, params }) => {
    const query = parseWith(QuerySchema, Object.fromEntries(req.nextUrl.searchParams), "query");
    const events = await listEvents(params.id, query.after, query.limit);
    return events ? json({ events }) : errorResponse(notFound("Release", params.id));
  },
  { scope: "id" },
);
