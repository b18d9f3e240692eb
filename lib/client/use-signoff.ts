// Approves, rejects (with a comment) or withdraws one wave's sign-off in a role the person holds.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { apiPost } from "./api-client";
import { queryKeys } from "./query-keys";
import { putReleaseView } from "./release-cache";
import type { EventView, ReleaseView } from "./types";

export type SignoffDecision = "approve" | "reject" | "withdraw";

export interface SignoffRequest {
  waveIndex: number;
  role: string;
  decision: SignoffDecision;
  comment?: string;
}

export function useSignoff(releaseId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (req: SignoffRequest) =>
      apiPost<{ release: ReleaseView; events: EventView[] }>(
        `/api/releases/${encodeURIComponent(releaseId)}/waves/${req.waveIndex}/signoffs`,
        { role: req.role, decision: req.decision, ...(req.comment?.trim() ? { comment: req.comment.trim() } : {}) },
      ),
    onSuccess: (result) => putReleaseView(qc, result.release),
    onError: () => void qc.invalidateQueries({ queryKey: queryKeys.release(releaseId) }),
  });
}
