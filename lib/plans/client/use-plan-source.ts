// The Markdown document a release was imported from; null when it was created from JSON (the API answers 404).
import { useQuery } from "@tanstack/react-query";
import type { UnmappedSection } from "../import/types";
import { apiGet } from "../../platform/browser/api-client";
import { isApiError } from "../../platform/browser/api-error";
import { queryKeys } from "../../platform/browser/query-keys";

export interface PlanSource {
  format: string;
  document: string;
  unmapped: UnmappedSection[];
  createdBy: string;
  createdAt: string;
}

export function usePlanSource(releaseId: string, enabled = true) {
  return useQuery({
    enabled,
    queryKey: queryKeys.planSource(releaseId),
    queryFn: async () => {
      try {
        return await apiGet<PlanSource>(`/api/releases/${encodeURIComponent(releaseId)}/source`);
      } catch (e) {
        if (isApiError(e) && e.status === 404 && e.code === "not_found") return null;
        throw e;
      }
    },
    // The document never changes once the release exists.
    staleTime: Infinity,
  });
}
