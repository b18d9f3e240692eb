// The board's traffic router panel data, refreshed every 2 s (observed traffic moves without release events).
import { useQuery } from "@tanstack/react-query";
import type { TrafficRouterView } from "@/lib/releases/server/traffic-router-view";
import { apiGet } from "../../platform/browser/api-client";

export type { TrafficRouterView };

export function useReleaseTraffic(releaseId: string, initial: TrafficRouterView | null, version: number) {
  return useQuery({
    // The release's version in the key: a state change (a new wave) reads at once, not at the next tick.
    queryKey: ["traffic", releaseId, version] as const,
    queryFn: async () => (await apiGet<{ trafficRouter: TrafficRouterView | null }>(`/api/releases/${encodeURIComponent(releaseId)}/traffic`)).trafficRouter,
    initialData: initial,
    refetchInterval: 2000,
    enabled: initial !== null,
  });
}
