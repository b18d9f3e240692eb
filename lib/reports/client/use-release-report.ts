// The post-rollout report of a release, refetched as the live feed brings events (it is live while the release runs).
import { useQuery } from "@tanstack/react-query";
import type { Report } from "../core/build-report";
import { apiGet } from "../../platform/browser/api-client";
import { queryKeys } from "../../platform/browser/query-keys";

export function useReleaseReport(releaseId: string) {
  return useQuery({
    queryKey: queryKeys.report(releaseId),
    queryFn: () => apiGet<Report>(`/api/releases/${encodeURIComponent(releaseId)}/report`),
  });
}
