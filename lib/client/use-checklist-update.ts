// Sets one checklist item's state (met / not met / open / waived) with an optional reason and evidence link.
// The answer carries the new release view, so the page shows the server's truth before the live event arrives.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { ChecklistState } from "@/lib/rollout/gates";
import { apiPatch } from "./api-client";
import { queryKeys } from "./query-keys";
import { putReleaseView } from "./release-cache";
import type { EventView, ReleaseView } from "./types";

export interface ChecklistChange {
  itemId: string;
  state: ChecklistState;
  reason?: string;
  evidenceUrl?: string;
}

export function useChecklistUpdate(releaseId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (change: ChecklistChange) =>
      apiPatch<{ release: ReleaseView; events: EventView[] }>(
        `/api/releases/${encodeURIComponent(releaseId)}/checklist/${encodeURIComponent(change.itemId)}`,
        {
          state: change.state,
          // Empty fields are left out: the API treats "" as a bad URL, and an absent reason as none.
          ...(change.reason?.trim() ? { reason: change.reason.trim() } : {}),
          ...(change.evidenceUrl?.trim() ? { evidenceUrl: change.evidenceUrl.trim() } : {}),
        },
      ),
    onSuccess: (result) => putReleaseView(qc, result.release),
    // A refusal may mean the page was behind (e.g. the item turned metric-evaluated): fetch the truth.
    onError: () => void qc.invalidateQueries({ queryKey: queryKeys.release(releaseId) }),
  });
}
