// Approves, rejects (with a comment) or withdraws one wave's sign-off in a role the person holds.
import { apiPost } from "../../platform/browser/api-client";
import { useReleaseMutation, type ReleaseChange } from "./use-release-mutation";

export type SignoffDecision = "approve" | "reject" | "withdraw";

export interface SignoffRequest {
  /** -1: the plan's pre-start sign-offs (sent as /waves/pre/signoffs). */
  waveIndex: number;
  role: string;
  decision: SignoffDecision;
  comment?: string;
}

export function useSignoff(releaseId: string) {
  return useReleaseMutation(releaseId, (req: SignoffRequest) =>
    apiPost<ReleaseChange>(`/api/releases/${encodeURIComponent(releaseId)}/waves/${req.waveIndex === -1 ? "pre" : req.waveIndex === -2 ? "hypercare" : req.waveIndex}/signoffs`, {
      role: req.role,
      decision: req.decision,
      ...(req.comment?.trim() ? { comment: req.comment.trim() } : {}),
    }),
  );
}
