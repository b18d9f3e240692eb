// Metric series for tiles and charts: the metrics endpoint, kept current by `release:metrics` pushes.
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { apiGet } from "../../platform/browser/api-client";
import { isApiError } from "../../platform/browser/api-error";
import { applyMetricsPush } from "./apply-metrics-push";
import { queryKeys } from "../../platform/browser/query-keys";
import { getSocket } from "../../realtime/client/socket";
import type { MetricsPush, MetricsView } from "../../releases/client/types";

const METRICS_WINDOW_MINUTES = 60;
const EMPTY: MetricsView = { metrics: [], waveMarkers: [] };

export function useReleaseMetrics(releaseId: string) {
  const qc = useQueryClient();
  const query = useQuery({
    queryKey: queryKeys.metrics(releaseId),
    queryFn: async () => {
      try {
        return await apiGet<MetricsView>(
          `/api/releases/${encodeURIComponent(releaseId)}/metrics?minutes=${METRICS_WINDOW_MINUTES}`,
        );
      } catch (e) {
        // No metrics endpoint (yet) or no data for this release: an empty state, not an error.
        if (isApiError(e) && e.status === 404) return EMPTY;
        throw e;
      }
    },
    refetchInterval: 60_000,
  });

  useEffect(() => {
    const socket = getSocket();
    const onMetrics = (push: MetricsPush) => {
      if (!push || push.releaseId !== releaseId || !Array.isArray(push.metrics)) return;
      qc.setQueryData<MetricsView>(queryKeys.metrics(releaseId), (old) =>
        applyMetricsPush(old, push, METRICS_WINDOW_MINUTES * 60_000),
      );
    };
    socket.on("release:metrics", onMetrics);
    return () => {
      socket.off("release:metrics", onMetrics);
    };
  }, [qc, releaseId]);

  return query;
}
