// Creates an API token. The answer holds the secret, which the server never shows again.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { createApiToken } from "@/lib/server/auth/api-tokens";
import { apiPost } from "./api-client";
import { queryKeys } from "./query-keys";

export type CreatedApiToken = Awaited<ReturnType<typeof createApiToken>>;

export function useCreateApiToken() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: { name: string; releaseId?: string; kind?: "api" | "sdk" }) =>
      apiPost<CreatedApiToken>("/api/tokens", {
        name: input.name.trim(),
        ...(input.kind === "sdk" ? { kind: "sdk" } : {}),
        ...(input.releaseId ? { releaseId: input.releaseId } : {}),
      }),
    onSettled: () => qc.invalidateQueries({ queryKey: queryKeys.apiTokens }),
  });
}
