// One release's view (status, waves, gate, allowed actions). Refetched after every live event.
import { useQuery } from "@tanstack/react-query";
import { apiGet } from "./api-client";
import { queryKeys } from "./query-keys";
import { keepNewerView } from "./release-cache";
import type { ReleaseView } from "./types";

export function useRelease(releaseId: string) {
  return useQuery({
    queryKey: queryKeys.release(releaseId),
    queryFn: () => apiGet<ReleaseView>(`/api/releases/${encodeURIComponent(releaseId)}`),
    structuralSharing: keepNewerView,
    // Gates with bake times are evaluated by the server at read time; a slow refresh keeps them honest.
    refetchInterval: 30_000,
  });
}
