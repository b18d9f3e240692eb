// One release's view (status, waves, gate, allowed actions). Refetched after every live event.
import { useQuery } from "@tanstack/react-query";
import { apiGet } from "../../platform/browser/api-client";
import { queryKeys } from "../../platform/browser/query-keys";
import { keepNewerView } from "./release-cache";
import type { ReleaseView } from "./types";

/** `pollMs`: read the release over HTTP this often (while the live feed is down); otherwise every 30 s. */
export function useRelease(releaseId: string, pollMs?: number) {
  return useQuery({
    queryKey: queryKeys.release(releaseId),
    queryFn: () => apiGet<ReleaseView>(`/api/releases/${encodeURIComponent(releaseId)}`),
    structuralSharing: keepNewerView,
    // Gates with bake times are evaluated by the server at read time; a slow refresh keeps them honest.
    refetchInterval: pollMs ?? 30_000,
  });
}
