import { notFound } from "@/lib/platform/http/app-error";
import { errorResponse, handle, json } from "@/lib/platform/http/handle";
import { listIncidents } from "@/lib/incidents/server/list-incidents";

export const dynamic = "force-dynamic";

/** GET: the release's incidents, newest first, each with its timeline built from the audit log. */
export const GET = handle<{ id: string }>(
  "read",
  async ({ params }) => {
    const incidents = await listIncidents(params.id);
    return incidents ? json({ incidents }) : errorResponse(notFound("Release", params.id));
  },
  { scope: "id" },
);
