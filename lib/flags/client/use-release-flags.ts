// The release's flags panel data: planned vs observed share, refreshed every 2 s (exposure moves with traffic,
// not with release events).
import { useQuery } from "@tanstack/react-query";
import type { readReleaseFlags } from "@/lib/flags/server/read-release-flags";
import { apiGet } from "../../platform/browser/api-client";

export type ReleaseFlagsView = Awaited<ReturnType<typeof readReleaseFlags>>;

export function useReleaseFlags(releaseId: string, enabled: boolean) {
  return useQuery({
    queryKey: ["flags", releaseId] as const,
    queryFn: () => apiGet<ReleaseFlagsView>(`/api/releases/${encodeURIComponent(releaseId)}/flags`),
    refetchInterval: 2000,
    enabled,
  });
}
