// Tidegate's own metrics in the Prometheus text exposition format (version 0.0.4).
import { db } from "../db/client";
import { allExposure, connectedSdks, exposureOf } from "../flags/exposure";
import { allFlags } from "../flags/flag-store";
import { counters, INGEST_LATENCY_BUCKETS } from "./self-metrics";

const STATUSES = ["draft", "running", "paused", "completed", "rolled_back"];

function label(value: string): string {
  return value.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n");
}

export async function renderPrometheus(): Promise<string> {
  const releases = await db().release.findMany({ select: { id: true, name: true, status: true, currentWaveIndex: true, trafficPercent: true } });
  const alerts = await db().alert.findMany({ where: { closedAt: null }, select: { releaseId: true, level: true } });
  const breaches = await db().releaseEvent.groupBy({ by: ["releaseId"], where: { type: "breach" }, _count: { _all: true } });
  const lines: string[] = [];
  const metric = (name: string, type: string, help: string) => lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);

  metric("tidegate_release_status", "gauge", "1 for the release's current status, 0 otherwise.");
  for (const r of releases) {
    for (const s of STATUSES) lines.push(`tidegate_release_status{release_id="${label(r.id)}",release="${label(r.name)}",status="${s}"} ${r.status === s ? 1 : 0}`);
  }
  metric("tidegate_release_wave", "gauge", "Current wave, 1-based.");
  for (const r of releases) lines.push(`tidegate_release_wave{release_id="${label(r.id)}",release="${label(r.name)}"} ${r.currentWaveIndex + 1}`);
  metric("tidegate_release_traffic_percent", "gauge", "Traffic percent on the new version.");
  for (const r of releases) lines.push(`tidegate_release_traffic_percent{release_id="${label(r.id)}",release="${label(r.name)}"} ${r.trafficPercent}`);
  metric("tidegate_release_open_alerts", "gauge", "Open guardrail alerts by level.");
  for (const r of releases) {
    for (const level of ["warning", "critical", "inconclusive"]) {
      const n = alerts.filter((a) => a.releaseId === r.id && a.level === level).length;
      lines.push(`tidegate_release_open_alerts{release_id="${label(r.id)}",level="${level}"} ${n}`);
    }
  }
  metric("tidegate_guardrail_breaches_total", "counter", "Guardrail breaches recorded in the audit log.");
  for (const b of breaches) lines.push(`tidegate_guardrail_breaches_total{release_id="${label(b.releaseId)}"} ${b._count._all}`);

  const c = counters();
  metric("tidegate_ingest_samples_total", "counter", "Metric samples stored by this server.");
  lines.push(`tidegate_ingest_samples_total ${c.samplesIngested}`);
  metric("tidegate_ingest_batches_total", "counter", "Ingestion batches by outcome.");
  lines.push(`tidegate_ingest_batches_total{outcome="accepted"} ${c.batchesAccepted}`, `tidegate_ingest_batches_total{outcome="rejected"} ${c.batchesRejected}`);
  metric("tidegate_ingest_duration_seconds", "histogram", "Time to validate and store one batch.");
  INGEST_LATENCY_BUCKETS.forEach((le, i) => lines.push(`tidegate_ingest_duration_seconds_bucket{le="${le}"} ${c.ingestSeconds[i]}`));
  lines.push(`tidegate_ingest_duration_seconds_bucket{le="+Inf"} ${c.ingestCount}`);
  lines.push(`tidegate_ingest_duration_seconds_sum ${c.ingestSecondsSum}`, `tidegate_ingest_duration_seconds_count ${c.ingestCount}`);

  // Flags: what is planned, what apps were told (OFREP answers and Unleash SDK metrics), and who is asking.
  const now = Date.now();
  metric("tidegate_flag_share_percent", "gauge", "Planned share of users with the flag (follows the release).");
  for (const f of allFlags()) lines.push(`tidegate_flag_share_percent{flag="${label(f.spec.key)}",release_id="${label(f.releaseId)}"} ${f.share}`);
  metric("tidegate_flag_evaluations_total", "counter", "Flag evaluations served by OFREP or reported by Unleash SDKs, by variant.");
  for (const [key] of allExposure()) {
    const e = exposureOf(key, now);
    lines.push(
      `tidegate_flag_evaluations_total{flag="${label(key)}",variant="on"} ${e.on}`,
      `tidegate_flag_evaluations_total{flag="${label(key)}",variant="off"} ${e.off}`,
      `tidegate_flag_evaluations_total{flag="${label(key)}",variant="error"} ${e.errors}`,
    );
  }
  metric("tidegate_flag_observed_share_percent", "gauge", "Share of evaluations that returned on since the flag's share last changed.");
  for (const [key] of allExposure()) {
    const e = exposureOf(key, now);
    if (e.observedShare !== null) lines.push(`tidegate_flag_observed_share_percent{flag="${label(key)}"} ${e.observedShare}`);
  }
  metric("tidegate_flag_sdks_connected", "gauge", "SDK instances seen in the last two minutes, by protocol.");
  const sdks = connectedSdks(now);
  for (const protocol of ["ofrep", "unleash"]) lines.push(`tidegate_flag_sdks_connected{protocol="${protocol}"} ${sdks.filter((x) => x.protocol === protocol).length}`);
  return lines.join("\n") + "\n";
}
