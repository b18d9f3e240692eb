// Every release for the overview. Socket events invalidate it; the interval is only a safety net.
import { useQuery } from "@tanstack/react-query";
import { apiGet } from "../../platform/browser/api-client";
import { queryKeys } from "../../platform/browser/query-keys";
import type { ReleaseSummary } from "./types";

export function useReleases() {
  return useQuery({
    queryKey: queryKeys.releases,
    queryFn: () => apiGet<{ releases: ReleaseSummary[] }>("/api/releases").then((r) => r.releases),
    refetchInterval: 60_000,
  });
}
