// The demo traffic simulator's scenario for a release: read it, and switch it (commanders and admins).
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiGet, apiPut } from "../../platform/browser/api-client";
import { isApiError } from "../../platform/browser/api-error";
import { queryKeys } from "../../platform/browser/query-keys";

export interface SimulatorState {
  scenario: string | null;
  scenarios: { id: string; description: string }[];
}

export function useSimulator(releaseId: string) {
  return useQuery({
    queryKey: queryKeys.simulator(releaseId),
    queryFn: async () => {
      try {
        return await apiGet<SimulatorState>(`/api/releases/${encodeURIComponent(releaseId)}/simulator`);
      } catch (e) {
        // A server without the simulator: no panel, not an error.
        if (isApiError(e) && e.status === 404) return null;
        throw e;
      }
    },
    staleTime: 30_000,
  });
}

export function useSetSimulator(releaseId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (scenario: string) => apiPut<{ scenario: string }>(`/api/releases/${encodeURIComponent(releaseId)}/simulator`, { scenario }),
    onSettled: () => qc.invalidateQueries({ queryKey: queryKeys.simulator(releaseId) }),
  });
}
