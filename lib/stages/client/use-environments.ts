// Issue 25: environments (read by everyone, changed by admins on /admin).
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiDelete, apiGet, apiPost } from "../../platform/browser/api-client";
import { queryKeys } from "../../platform/browser/query-keys";
import type { EnvironmentView, NewEnvironment } from "../core/environment-schema";

export type { EnvironmentView };

export function useEnvironments() {
  return useQuery({ queryKey: queryKeys.environments, queryFn: () => apiGet<{ environments: EnvironmentView[] }>("/api/environments").then((r) => r.environments) });
}

export function useCreateEnvironment() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: NewEnvironment) => apiPost<EnvironmentView>("/api/environments", input),
    onSettled: () => qc.invalidateQueries({ queryKey: queryKeys.environments }),
  });
}

export function useDeleteEnvironment() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (name: string) => apiDelete(`/api/environments/${encodeURIComponent(name)}`),
    onSettled: () => qc.invalidateQueries({ queryKey: queryKeys.environments }),
  });
}
