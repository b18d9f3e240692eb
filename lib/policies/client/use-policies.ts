// Release policies on the admin screen: the list, and create / change / delete (each refreshes the list and the log).
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { listPolicies } from "@/lib/policies/server/policy-store";
import { apiDelete, apiGet, apiPatch, apiPost } from "../../platform/browser/api-client";
import { queryKeys } from "../../platform/browser/query-keys";

export type PolicyView = Awaited<ReturnType<typeof listPolicies>>[number];

export function usePolicies(enabled = true) {
  return useQuery({ queryKey: queryKeys.policies, queryFn: () => apiGet<{ policies: PolicyView[] }>("/api/policies").then((r) => r.policies), enabled });
}

function useInvalidate() {
  const qc = useQueryClient();
  return () => Promise.all([qc.invalidateQueries({ queryKey: queryKeys.policies }), qc.invalidateQueries({ queryKey: queryKeys.adminAudit })]);
}

export function useCreatePolicy() {
  const invalidate = useInvalidate();
  return useMutation({ mutationFn: (body: Record<string, unknown>) => apiPost<PolicyView>("/api/policies", body), onSettled: invalidate });
}

export function useUpdatePolicy() {
  const invalidate = useInvalidate();
  return useMutation({ mutationFn: ({ id, patch }: { id: string; patch: Record<string, unknown> }) => apiPatch<PolicyView>(`/api/policies/${encodeURIComponent(id)}`, patch), onSettled: invalidate });
}

export function useDeletePolicy() {
  const invalidate = useInvalidate();
  return useMutation({ mutationFn: (id: string) => apiDelete<{ deleted: boolean }>(`/api/policies/${encodeURIComponent(id)}`), onSettled: invalidate });
}
