// Revokes an API token at once; the server keeps it, marked revoked, for the record.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { apiDelete } from "../../platform/browser/api-client";
import { queryKeys } from "../../platform/browser/query-keys";

export function useRevokeApiToken() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiDelete<{ revoked: true }>(`/api/tokens/${encodeURIComponent(id)}`),
    // Refetch on refusal too: a 404 means someone else revoked it first.
    onSettled: () => qc.invalidateQueries({ queryKey: queryKeys.apiTokens }),
  });
}
