// Which Prometheus source a guardrail uses. No zod here (types only), so client code can import it cheaply.
import type { MetricSource, PrometheusSource } from "./metric-source";

export const DEFAULT_PULL_INTERVAL_SECONDS = 15;
export const DEFAULT_PULL_TIMEOUT_SECONDS = 5;

/** A guardrail's effective Prometheus source: plan defaults overlaid by its own; null when it is pushed. */
export function effectivePrometheusSource(
  planSource: MetricSource | undefined,
  guardrailSource: MetricSource | undefined,
): (PrometheusSource & { canary: string; intervalSeconds: number; timeoutSeconds: number }) | null {
  const merged: PrometheusSource = { ...planSource?.prometheus, ...guardrailSource?.prometheus };
  if (!merged.canary) return null;
  return {
    ...merged,
    canary: merged.canary,
    intervalSeconds: merged.intervalSeconds ?? DEFAULT_PULL_INTERVAL_SECONDS,
    timeoutSeconds: merged.timeoutSeconds ?? DEFAULT_PULL_TIMEOUT_SECONDS,
  };
}
