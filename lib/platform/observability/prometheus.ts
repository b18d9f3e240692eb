// /api/metrics: every release's state, read from the database at scrape time, plus this server's own metrics.
import "server-only";
import { Gauge, Registry } from "prom-client";
import { db } from "../db/client";
import { allExposure, connectedSdks, exposureOf, sdkTracking } from "../../flags/server/exposure";
import { allFlags } from "../../flags/server/flag-store";
import { selfMetrics } from "./self-metrics";

const STATUSES = ["draft", "running", "paused", "hypercare", "completed", "rolled_back"];
const ALERT_LEVELS = ["warning", "critical", "inconclusive"];

async function releaseRegistry(): Promise<Registry> {
  const [releases, alerts, breaches] = await Promise.all([
    db().release.findMany({ select: { id: true, name: true, status: true, currentWaveIndex: true, trafficPercent: true } }),
    db().alert.findMany({ where: { closedAt: null }, select: { releaseId: true, level: true } }),
    db().releaseEvent.groupBy({ by: ["releaseId"], where: { type: "breach" }, _count: { _all: true } }),
  ]);
  // A fresh registry per scrape: releases that no longer exist disappear instead of lingering in a global one.
  const registry = new Registry();
  const registers = [registry];
  const status = new Gauge({ name: "tidegate_release_status", help: "1 for the release's current status, 0 otherwise.", labelNames: ["release_id", "release", "status"], registers });
  const wave = new Gauge({ name: "tidegate_release_wave", help: "Current wave, 1-based.", labelNames: ["release_id", "release"], registers });
  const traffic = new Gauge({ name: "tidegate_release_traffic_percent", help: "Traffic percent on the new version.", labelNames: ["release_id", "release"], registers });
  const open = new Gauge({ name: "tidegate_release_open_alerts", help: "Open guardrail alerts by level.", labelNames: ["release_id", "level"], registers });
  // Read from the audit log at each scrape: prom-client counters cannot be set to a value, so it is a gauge that only grows.
  const breachTotal = new Gauge({ name: "tidegate_guardrail_breaches_total", help: "Guardrail breaches recorded in the audit log.", labelNames: ["release_id"], registers });
  for (const r of releases) {
    for (const s of STATUSES) status.set({ release_id: r.id, release: r.name, status: s }, r.status === s ? 1 : 0);
    wave.set({ release_id: r.id, release: r.name }, r.currentWaveIndex + 1);
    traffic.set({ release_id: r.id, release: r.name }, r.trafficPercent);
    for (const level of ALERT_LEVELS) {
      open.set({ release_id: r.id, level }, alerts.filter((a) => a.releaseId === r.id && a.level === level).length);
    }
  }
  for (const b of breaches) breachTotal.set({ release_id: b.releaseId }, b._count._all);

  // Flags: what is planned, what apps were told (OFREP answers and Unleash SDK metrics), and who is asking.
  const now = Date.now();
  const share = new Gauge({ name: "tidegate_flag_share_percent", help: "Planned share of users with the flag (follows the release).", labelNames: ["flag", "release_id"], registers });
  for (const f of allFlags()) share.set({ flag: f.spec.key, release_id: f.releaseId }, f.share);
  // Counted in memory by this server; exposed as gauges because prom-client counters cannot be set to a value.
  const evaluations = new Gauge({ name: "tidegate_flag_evaluations_total", help: "Flag evaluations served by OFREP or reported by Unleash SDKs, by variant.", labelNames: ["flag", "variant"], registers });
  const observed = new Gauge({ name: "tidegate_flag_observed_share_percent", help: "Share of evaluations that returned on since the flag's share last changed.", labelNames: ["flag"], registers });
  for (const [key] of allExposure()) {
    const e = exposureOf(key, now);
    evaluations.set({ flag: key, variant: "on" }, e.on);
    evaluations.set({ flag: key, variant: "off" }, e.off);
    evaluations.set({ flag: key, variant: "error" }, e.errors);
    if (e.observedShare !== null) observed.set({ flag: key }, e.observedShare);
  }
  const sdkGauge = new Gauge({ name: "tidegate_flag_sdks_connected", help: "SDK instances seen in the last two minutes, by protocol.", labelNames: ["protocol"], registers });
  const sdks = connectedSdks(now);
  for (const protocol of ["ofrep", "unleash"]) sdkGauge.set({ protocol }, sdks.filter((x) => x.protocol === protocol).length);
  // SDK names come from outside (appName, instanceId, User-Agent): the map is capped and aged, and says so here.
  const tracking = sdkTracking();
  new Gauge({ name: "tidegate_flag_sdks_tracked", help: "SDK instances held in this server's memory (capped).", registers }).set(tracking.tracked);
  const evicted = new Gauge({ name: "tidegate_flag_sdk_evictions_total", help: "SDK instances let go by this server: capacity (cap reached), expired (unseen for 2 minutes), worker (dropped at the flag worker's per-drain cap).", labelNames: ["reason"], registers });
  for (const [reason, n] of Object.entries(tracking.evictions)) evicted.set({ reason }, n);
  return registry;
}

export const PROMETHEUS_CONTENT_TYPE = Registry.PROMETHEUS_CONTENT_TYPE;

export async function renderPrometheus(): Promise<string> {
  const merged = Registry.merge([await releaseRegistry(), selfMetrics().registry]);
  return merged.metrics();
}
