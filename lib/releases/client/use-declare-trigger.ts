// Declares one of the plan's manual triggers (plan v2); its prescribed action goes through the command path.
import { apiPost } from "../../platform/browser/api-client";
import { useReleaseMutation, type ReleaseChange } from "./use-release-mutation";

export interface DeclareTrigger {
  name: string;
  expectedVersion: number;
}

export function useDeclareTrigger(releaseId: string) {
  return useReleaseMutation(releaseId, (req: DeclareTrigger) =>
    apiPost<ReleaseChange>(`/api/releases/${encodeURIComponent(releaseId)}/triggers`, { name: req.name, expectedVersion: req.expectedVersion }),
  );
}
