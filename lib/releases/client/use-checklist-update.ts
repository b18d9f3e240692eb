// Sets one checklist item's state (met / not met / open / waived) with an optional reason and evidence link.
import type { ChecklistState } from "@/lib/releases/core/gates";
import { apiPatch } from "../../platform/browser/api-client";
import { useReleaseMutation, type ReleaseChange } from "./use-release-mutation";

export interface ChecklistChange {
  itemId: string;
  state: ChecklistState;
  reason?: string;
  evidenceUrl?: string;
}

export function useChecklistUpdate(releaseId: string) {
  return useReleaseMutation(releaseId, (change: ChecklistChange) =>
    apiPatch<ReleaseChange>(`/api/releases/${encodeURIComponent(releaseId)}/checklist/${encodeURIComponent(change.itemId)}`, {
      state: change.state,
      // Empty fields are left out: the API treats "" as a bad URL, and an absent reason as none.
      ...(change.reason?.trim() ? { reason: change.reason.trim() } : {}),
      ...(change.evidenceUrl?.trim() ? { evidenceUrl: change.evidenceUrl.trim() } : {}),
    }),
  );
}
