import { EventsQuery } from "@/lib/api/core/requests";
import { notFound } from "@/lib/platform/http/app-error";
import { errorResponse, handle, json, parseWith } from "@/lib/platform/http/handle";
import { listEvents } from "@/lib/releases/server/list-events";

export const dynamic = "force-dynamic";


export const GET = handle<{ id: string }>(
  "read",
  async ({ req, params }) => {
    const query = parseWith(EventsQuery, Object.fromEntries(req.nextUrl.searchParams), "query");
    const events = await listEvents(params.id, query.after, query.limit);
    return events ? json({ events }) : errorResponse(notFound("Release", params.id));
  },
  { scope: "id" },
);
