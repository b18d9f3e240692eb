// A commander's edit of an incident, sent with the incident version they saw (a 409 means someone edited first).
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { IncidentPatch } from "../core/incident";
import { apiPatch } from "../../platform/browser/api-client";
import { queryKeys } from "../../platform/browser/query-keys";

export function useUpdateIncident(releaseId: string, incidentId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (patch: IncidentPatch & { reason?: string }) =>
      apiPatch(`/api/releases/${encodeURIComponent(releaseId)}/incidents/${encodeURIComponent(incidentId)}`, patch),
    onSettled: () => void qc.invalidateQueries({ queryKey: queryKeys.incidents(releaseId) }),
  });
}
