// Creates an API token. The answer holds the secret, which the server never shows again.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { TokenScope } from "@/lib/auth/core/token-scopes";
import type { createApiToken } from "@/lib/auth/server/api-tokens";
import { apiPost } from "../../platform/browser/api-client";
import { queryKeys } from "../../platform/browser/query-keys";

export type CreatedApiToken = Awaited<ReturnType<typeof createApiToken>>;

export function useCreateApiToken() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: { name: string; scopes: TokenScope[]; releaseId?: string; service?: string; expiresAt?: string }) =>
      apiPost<CreatedApiToken>("/api/tokens", {
        name: input.name.trim(),
        scopes: input.scopes,
        ...(input.releaseId ? { releaseId: input.releaseId } : {}),
        ...(input.service?.trim() ? { service: input.service.trim() } : {}),
        ...(input.expiresAt ? { expiresAt: input.expiresAt } : {}),
      }),
    onSettled: () => qc.invalidateQueries({ queryKey: queryKeys.apiTokens }),
  });
}
