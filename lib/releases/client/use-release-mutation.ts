// The write path shared by changes that answer `{ release, events }` (checklist, sign-off, alert acknowledgement):
// the answer's view goes into the cache at once, so the page shows the server's truth before the live event arrives;
// a refusal may mean the page was behind, so it refetches.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { queryKeys } from "../../platform/browser/query-keys";
import { putReleaseView } from "./release-cache";
import type { EventView, ReleaseView } from "./types";

export interface ReleaseChange {
  release: ReleaseView;
  events: EventView[];
}

export function useReleaseMutation<Input>(releaseId: string, send: (input: Input) => Promise<ReleaseChange>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: (result) => putReleaseView(qc, result.release),
    onError: () => void qc.invalidateQueries({ queryKey: queryKeys.release(releaseId) }),
  });
}
