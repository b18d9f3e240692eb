// Tidegate's own metrics for /api/metrics, in one prom-client registry per process: each server reports what it
// served, plus Node's process metrics (memory, CPU, event-loop lag). Kept on globalThis because the custom server
// and Next's bundled routes load this module separately.
import "server-only";
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";
import { tokenCacheSize } from "../../auth/server/api-tokens";
import { leadership } from "../jobs/cluster-jobs";
import { instanceId } from "../cluster/instance-id";

function build() {
  const registry = new Registry();
  // Behind a load balancer each scrape may reach another instance: what one process counted says which one. Named
  // tidegate_instance so it never clashes with the `instance` label Prometheus gives each scrape target.
  registry.setDefaultLabels({ tidegate_instance: instanceId() });
  collectDefaultMetrics({ register: registry });
  return {
    registry,
    samples: new Counter({ name: "tidegate_ingest_samples_total", help: "Metric samples stored by this server.", registers: [registry] }),
    batches: new Counter({
      name: "tidegate_ingest_batches_total",
      help: "Ingestion batches by outcome.",
      labelNames: ["outcome"] as const,
      registers: [registry],
    }),
    duration: new Histogram({
      name: "tidegate_ingest_duration_seconds",
      help: "Time to validate and store one batch.",
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    }),
    leader: new Gauge({
      name: "tidegate_cluster_leader",
      help: "1 when this instance leads the cluster (runs the guardrail evaluator and the other once-per-cluster jobs).",
      registers: [registry],
      collect() {
        this.set(leadership().leads ? 1 : 0);
      },
    }),
    tokenCache: new Gauge({
      name: "tidegate_api_token_cache_entries",
      help: "Valid API tokens held in this server's authentication cache (bounded; failed lookups are never cached).",
      registers: [registry],
      collect() {
        this.set(tokenCacheSize());
      },
    }),
  };
}

type SelfMetrics = ReturnType<typeof build>;
const holder = globalThis as unknown as { __tidegateSelfMetrics?: SelfMetrics };

export function selfMetrics(): SelfMetrics {
  holder.__tidegateSelfMetrics ??= build();
  return holder.__tidegateSelfMetrics;
}

export function recordIngest(accepted: boolean, samples: number, seconds: number) {
  const m = selfMetrics();
  m.batches.inc({ outcome: accepted ? "accepted" : "rejected" });
  if (accepted) m.samples.inc(samples);
  m.duration.observe(seconds);
}
