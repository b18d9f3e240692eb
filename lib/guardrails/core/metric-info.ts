// How each metric is named and measured on screens; custom plan metrics fall back to their key.
export type MetricUnit = "ratio" | "ms" | "MB" | "percent" | "rps" | "count";

const KNOWN: Record<string, { label: string; unit: MetricUnit }> = {
  error_rate: { label: "Error rate", unit: "ratio" },
  success_rate: { label: "Success rate", unit: "ratio" },
  latency_p95_ms: { label: "P95 latency", unit: "ms" },
  latency_p99_ms: { label: "P99 latency", unit: "ms" },
  memory_mb: { label: "Memory", unit: "MB" },
  cpu_percent: { label: "CPU", unit: "percent" },
  throughput_rps: { label: "Throughput", unit: "rps" },
  invariant_violations: { label: "Invariant violations", unit: "count" },
};

export function metricInfo(metric: string): { label: string; unit: MetricUnit } {
  return KNOWN[metric] ?? { label: metric.replace(/_/g, " ").replace(/^./, (c) => c.toUpperCase()), unit: "count" };
}
