import { FormatQuery, IncidentPatchRequest } from "@/lib/api/core/requests";
import { incidentMarkdown } from "@/lib/incidents/core/incident";
import { notFound } from "@/lib/platform/http/app-error";
import { errorResponse, handle, json, parseWith, readJson } from "@/lib/platform/http/handle";
import { markdown, wantsMarkdown } from "@/lib/platform/http/markdown";
import { listIncidents } from "@/lib/incidents/server/list-incidents";
import { updateIncident } from "@/lib/incidents/server/update-incident";
import { getRelease } from "@/lib/releases/server/get-release";

export const dynamic = "force-dynamic";

/** GET: one incident as JSON, or as Markdown with `?format=markdown` / `Accept: text/markdown`. */
export const GET = handle<{ id: string; incidentId: string }>(
  "read",
  async ({ req, params }) => {
    parseWith(FormatQuery, Object.fromEntries(req.nextUrl.searchParams), "query");
    const [incidents, release] = await Promise.all([listIncidents(params.id), getRelease(params.id)]);
    if (!incidents || !release) return errorResponse(notFound("Release", params.id));
    const incident = incidents.find((i) => i.id === params.incidentId);
    if (!incident) return errorResponse(notFound("Incident", params.incidentId));
    if (wantsMarkdown(req)) return markdown(incidentMarkdown(incident, incident.timeline, release), `incident-${incident.id}.md`);
    return json(incident);
  },
  { scope: "id" },
);


/** PATCH { expectedVersion, title?, status?, severity?, impact?, nextSteps?, contact?, reason? } (commanders). */
export const PATCH = handle<{ id: string; incidentId: string }>("command", async ({ req, params, actor }) => {
  const { reason, ...patch } = await readJson(req, IncidentPatchRequest, "incident");
  const outcome = await updateIncident(params.id, params.incidentId, actor, patch, reason);
  if (!outcome.ok) return errorResponse(outcome.error);
  const incident = (await listIncidents(params.id))?.find((i) => i.id === params.incidentId);
  return json({ incident, events: outcome.events });
});
