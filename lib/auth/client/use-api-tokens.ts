// The API tokens machines use (admin only): who made them, their scope, when they were last used, revoked or not.
import { useQuery } from "@tanstack/react-query";
import type { listApiTokens } from "@/lib/auth/server/api-tokens";
import { apiGet } from "../../platform/browser/api-client";
import { queryKeys } from "../../platform/browser/query-keys";

export type ApiTokenView = Awaited<ReturnType<typeof listApiTokens>>[number];

export function useApiTokens(enabled = true) {
  return useQuery({
    queryKey: queryKeys.apiTokens,
    queryFn: () => apiGet<{ tokens: ApiTokenView[] }>("/api/tokens").then((r) => r.tokens),
    enabled,
  });
}
