// One guardrail's measurements for the board: every Prometheus pull of the run with its verdict, refreshed every 2 s
// (pulls happen on the server's own timer, not with release events).
import { useQuery } from "@tanstack/react-query";
import type { MeasurementView } from "@/lib/guardrails/server/list-measurements";
import { apiGet } from "../../platform/browser/api-client";

export type GuardrailMeasurements = { run: number; measurements: MeasurementView[] };

export function useGuardrailMeasurements(releaseId: string, metric: string) {
  return useQuery({
    queryKey: ["measurements", releaseId, metric] as const,
    queryFn: () => apiGet<GuardrailMeasurements>(`/api/releases/${encodeURIComponent(releaseId)}/guardrails/${encodeURIComponent(metric)}/measurements`),
    refetchInterval: 2000,
  });
}
