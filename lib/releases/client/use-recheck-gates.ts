// Re-asks a release's external gate checks now (commanders); the answers reach the board as gate_check events.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { apiPost } from "../../platform/browser/api-client";
import { queryKeys } from "../../platform/browser/query-keys";

export function useRecheckGates(releaseId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => apiPost<{ checks: { name: string; ok: boolean; message: string }[] }>(`/api/releases/${encodeURIComponent(releaseId)}/checks`, {}),
    onSettled: () => qc.invalidateQueries({ queryKey: queryKeys.release(releaseId) }),
  });
}
