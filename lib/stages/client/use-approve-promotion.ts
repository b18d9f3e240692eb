// Issue 25: approve promotion into a stage's environment from the board; the cache then holds the server's view.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { apiPost } from "../../platform/browser/api-client";
import { queryKeys } from "../../platform/browser/query-keys";
import { putReleaseView } from "../../releases/client/release-cache";
import type { ReleaseView } from "../../releases/client/types";

export function useApprovePromotion(releaseId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (req: { stage: string; comment?: string }) =>
      apiPost<{ release: ReleaseView }>(`/api/releases/${encodeURIComponent(releaseId)}/stages/${encodeURIComponent(req.stage)}/approve`, req.comment ? { comment: req.comment } : {}),
    onSuccess: (result) => putReleaseView(qc, result.release),
    onError: () => void qc.invalidateQueries({ queryKey: queryKeys.release(releaseId) }),
  });
}
