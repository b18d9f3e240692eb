// Acknowledges an open guardrail alert ("seen, on it"); the alert then shows who did and when.
import { apiPatch } from "../../platform/browser/api-client";
import { useReleaseMutation, type ReleaseChange } from "./use-release-mutation";

export function useAcknowledgeAlert(releaseId: string) {
  return useReleaseMutation(releaseId, (alertId: string) =>
    apiPatch<ReleaseChange>(`/api/releases/${encodeURIComponent(releaseId)}/alerts/${encodeURIComponent(alertId)}`, { acknowledged: true }),
  );
}
