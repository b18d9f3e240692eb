// Sends a command with the version the user saw; afterwards the cache holds the server's truth either way.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { apiPost } from "../../platform/browser/api-client";
import { isApiError } from "../../platform/browser/api-error";
import { putReleaseView } from "./release-cache";
import { queryKeys } from "../../platform/browser/query-keys";
import type { ActionResult, CommandType, ReleaseView } from "./types";

export interface ActionRequest {
  action: CommandType;
  expectedVersion: number;
  reason?: string;
  override?: boolean;
  /** ROLLBACK (plan v2): the rollback level, 1-based. */
  level?: number;
  /** Issue 22, a programme: the track the command is for. */
  track?: string;
  /** Issue 25: break the freeze for this command with the same reason (admins). */
  breakFreeze?: boolean;
}

export function useReleaseAction(releaseId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (req: ActionRequest) =>
      apiPost<ActionResult>(`/api/releases/${encodeURIComponent(releaseId)}/actions`, {
        action: req.action,
        expectedVersion: req.expectedVersion,
        ...(req.reason?.trim() ? { reason: req.reason.trim() } : {}),
        ...(req.override ? { override: true } : {}),
        ...(req.level !== undefined ? { level: req.level } : {}),
        ...(req.track !== undefined ? { track: req.track } : {}),
        ...(req.breakFreeze && req.reason?.trim() ? { breakFreeze: { reason: req.reason.trim() } } : {}),
      }),
    onSuccess: (result) => {
      const { events: _events, ...view } = result;
      putReleaseView(qc, view as ReleaseView);
    },
    onError: (e) => {
      if (isApiError(e, "version_conflict")) {
        const current = (e.details as { current?: ReleaseView } | null)?.current;
        if (current) putReleaseView(qc, current);
      }
      // Never leave a stale board after a refusal, whatever the reason.
      void qc.invalidateQueries({ queryKey: queryKeys.release(releaseId) });
    },
  });
}
