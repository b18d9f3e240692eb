// A release's incidents (newest first, each with its timeline); refetched when the live feed brings incident events.
import { useQuery } from "@tanstack/react-query";
import type { Incident, TimelineEntry } from "../core/incident";
import { apiGet } from "../../platform/browser/api-client";
import { queryKeys } from "../../platform/browser/query-keys";

export type IncidentView = Incident & { timeline: TimelineEntry[] };

export function useReleaseIncidents(releaseId: string) {
  return useQuery({
    queryKey: queryKeys.incidents(releaseId),
    queryFn: () => apiGet<{ incidents: IncidentView[] }>(`/api/releases/${encodeURIComponent(releaseId)}/incidents`).then((r) => r.incidents),
  });
}
