// One audit event in words: "promoted to wave 3 "Gradual GA" (25% → 50%)".
import type { EventView } from "./types";
import { typed } from "../core/events";

type Snapshot = { status?: string; currentWaveIndex?: number; trafficPercent?: number };

const str = (v: unknown): string | undefined => (typeof v === "string" && v.length ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === "number" && Number.isFinite(v) ? v : undefined);

export function snapshotOf(v: unknown): Snapshot | null {
  return v && typeof v === "object" ? (v as Snapshot) : null;
}

/** The verb phrase after the actor's name; on a programme's track, which track ("Search migration: paused at ..."). */
export function describeEvent(e: EventView): string {
  const trackName = str(e.data?.trackName);
  const said = describeOne(e);
  return trackName ? `${trackName}: ${said.replace("completed the rollout at 100% traffic", "completed")}` : said;
}

function describeOne(e: EventView): string {
  const d = e.data ?? {};
  const before = snapshotOf(e.before);
  const after = snapshotOf(e.after);
  const wave = str(d.wave);
  const waveNo = (i: number | undefined) => (i === undefined ? "" : ` ${i + 1}`);
  switch (e.type) {
    case "created":
      return "created the release";
    case "started":
      return `started wave 1${wave ? ` "${wave}"` : ""} (${after?.trafficPercent ?? "?"}% traffic)`;
    case "promoted":
      return `promoted to wave${waveNo(num(d.toWave) ?? after?.currentWaveIndex)}${wave ? ` "${wave}"` : ""} (${num(d.fromTraffic) ?? before?.trafficPercent ?? "?"}% → ${num(d.toTraffic) ?? after?.trafficPercent ?? "?"}%)`;
    case "completed":
      return d.phase === "hypercare" ? "ended hypercare: the rollout is complete" : "completed the rollout at 100% traffic";
    case "paused":
      return `paused at wave${waveNo(after?.currentWaveIndex)} (${after?.trafficPercent ?? "?"}% traffic)`;
    case "resumed":
      return `resumed wave${waveNo(after?.currentWaveIndex)}`;
    case "rolled_back": {
      const level = num(d.level);
      return `rolled back (${num(d.fromTraffic) ?? before?.trafficPercent ?? "?"}% → 0% traffic)${level ? ` with level ${level}${str(d.levelName) ? ` "${d.levelName}"` : ""}` : ""}`;
    }
    case "commander_changed":
      return str(d.how) === "first_command" ? "took command of the release" : `handed command to ${str(d.to) ?? "?"}${str(d.from) ? ` (was ${d.from})` : ""}`;
    case "hypercare_started":
      return `finished the last wave and began hypercare (${Math.round((num(d.durationSeconds) ?? 0) / 3600)} h of observation)`;
    case "wave_overdue":
      return `flagged wave${waveNo(num(d.waveIndex))}${wave ? ` "${wave}"` : ""} overdue: its decision deadline passed`;
    case "stepped_back":
      return `stepped back to wave${waveNo(num(d.toWave))}${wave ? ` "${wave}"` : ""} (${num(d.fromTraffic) ?? "?"}% → ${num(d.toTraffic) ?? "?"}%), holding`;
    case "trigger_declared":
      return `declared "${str(d.name) ?? "a trigger"}" → ${(str(d.action) ?? "act").replace("_", " ")}${num(d.level) ? ` (level ${d.level})` : ""}${d.applied === false ? " (not applied)" : ""}`;
    case "rollback_verified":
      return `rollback level ${num(d.level) ?? "?"} verified`;
    case "rollback_alert":
      return str(d.kind) === "objective_missed" ? `rollback level ${num(d.level) ?? "?"} missed its time objective` : `rollback level ${num(d.level) ?? "?"} verification failed`;
    case "retried":
      return "retried from wave 1";
    case "override": {
      const unmet = Array.isArray(d.unmet) ? d.unmet.length : 0;
      return `overrode ${unmet} unmet gate${unmet === 1 ? "" : "s"} to ${str(d.action) ?? "act"}`;
    }
    case "freeze_broken":
      return `broke the ${str(d.source) === "window" ? "release window" : `freeze "${str(d.freezeReason) ?? "?"}"${str(d.freezeBy) ? ` (${d.freezeBy})` : ""}`} to ${(str(d.action) ?? "act").replace("_", " ")}`;
    case "quarantined":
      return `quarantined ${str(d.service) ?? "the service"} ${str(d.version) ?? ""}: other releases of it may not start until an admin lifts it`.replace("  ", " ");
    case "checklist_updated":
      return `marked "${str(d.text) ?? "checklist item"}" ${(str(d.to) ?? str(d.state) ?? "updated").replace(/_/g, " ")}`;
    case "signoff": {
      const decision = str(d.decision);
      const verb = decision === "reject" ? "rejected" : decision === "withdraw" ? "withdrew the sign-off" : "signed off";
      const waveIndex = num(d.waveIndex);
      const phase = waveIndex === undefined ? "" : waveIndex === -1 ? " before start" : waveIndex === -2 ? " for hypercare" : ` for wave ${waveIndex + 1}`;
      return `${verb}${str(d.role) ? ` as ${d.role}` : ""}${phase}`;
    }
    // Issue 25, stages.
    case "promotion_approved":
      return `approved promotion into ${str(d.stageName) ?? str(d.stage) ?? "a stage"} (${str(d.environment) ?? "?"}) as ${str(d.role) ?? "?"}`;
    case "promotion_paused": {
      const paused = Array.isArray(d.paused) && d.paused.length ? `; paused ${d.paused.join(", ")}` : "";
      const upstream = Array.isArray(d.upstream) && d.upstream.length ? `; roll back ${d.upstream.join(", ")} too? (${str(d.rollbackUpstream) === "ask" ? "a person decides" : str(d.rollbackUpstream) === "yes" ? "done" : "no"})` : "";
      return `paused promotion after ${str(d.stage) ?? "a stage"}${paused}${upstream}`;
    }
    // Guardrail events carry the measured detail in `reason`; the phrase names the metric.
    case "breach":
      return `${str(d.level) ?? ""} breach on ${str(d.metric) ?? "a metric"}`.trim();
    case "escalated":
      return `${str(d.metric) ?? "a metric"} escalated to critical`;
    case "recovery":
      return `${str(d.metric) ?? "a metric"} recovered`;
    case "inconclusive":
      return `no data for ${str(d.metric) ?? "a metric"}`;
    case "guardrail_notified":
      return `notified: ${str(d.metric) ?? "a metric"} is critical`;
    case "episode_closed": {
      const because = str(d.because) === "completed" ? "the rollout completed" : "the run was rolled back";
      return `closed the ${str(d.level) ?? ""} ${str(d.metric) ?? "metric"} alert: ${because}`.replace("  ", " ");
    }
    case "guardrail_action_refused":
      return `could not ${str(d.action) ?? "act"} on ${str(d.metric) ?? "a metric"}: still armed, acts when it can`;
    case "simulator_scenario":
      return `switched the demo traffic to "${str(d.to) ?? "?"}"`;
    case "alert_acknowledged": {
      const metric = str(d.metric);
      return metric ? `acknowledged the ${metric} alert` : "acknowledged an alert";
    }
    case "incident_opened":
      return `opened a ${str(d.severity) ?? ""} incident: ${str(d.title) ?? ""}`.replace("  ", " ");
    case "incident_updated": {
      const t = typed(e);
      const changes = t.type === "incident_updated" ? t.data.changes : [];
      return `updated the incident (${changes.map((c) => (c.field === "status" || c.field === "severity" ? `${c.field} ${c.to}` : c.field)).join(", ")})`;
    }
    case "report_lessons_updated":
      return "edited the report's lessons learned";
    case "action_item_added":
      return `added the action item "${str(d.text) ?? ""}" (owner ${str(d.owner) ?? "?"})`;
    case "action_item_updated":
      return "updated an action item";
    case "action_item_removed":
      return `removed the action item "${str(d.text) ?? ""}"`;
    case "traffic_hook_applied":
      return `set traffic to ${num(d.trafficPercent) ?? "?"}% through the traffic hook (HTTP ${num(d.status) ?? "?"})`;
    case "traffic_hook_failed":
      return `could not set traffic to ${num(d.trafficPercent) ?? "?"}% through the traffic hook: traffic may not match the plan`;
    case "traffic_applied": {
      const w = d.readBack as { stable?: number; canary?: number } | undefined;
      const asked = num(d.askedPercent);
      const set = num(d.setPercent);
      const share = asked !== undefined && set !== undefined && Math.abs(asked - set) > 1e-6 ? `asked ${asked}%, set ${set}%` : `${asked ?? "?"}%`;
      const took = num(d.confirmedMs);
      return `confirmed ${share} on router ${str(d.router) ?? "?"} (read back stable ${w?.stable ?? "?"} / canary ${w?.canary ?? "?"}${took !== undefined ? `, ${took} ms after the change` : ""})`;
    }
    case "traffic_unconfirmed":
      return `could not confirm ${num(d.askedPercent) ?? "?"}% on router ${str(d.router) ?? "?"} (${str(d.code) ?? "error"}): retrying; CONTINUE waits`;
    case "traffic_drift": {
      const found = d.found as { stable?: number; canary?: number } | undefined;
      return `saw router ${str(d.router) ?? "?"} changed outside Tidegate (stable ${found?.stable ?? "?"} / canary ${found?.canary ?? "?"}, ${num(d.foundPercent) ?? "?"}% canary instead of ${num(d.expectedPercent) ?? "?"}%): ${str(d.decide) ?? "the commander"} decides`;
    }
    case "gate_check":
      return `${str(d.name) ?? "check"} ${d.ok === true ? "passes" : "fails"}: ${str(d.message) ?? ""}`.trim();
    default:
      return e.type.replace(/_/g, " ");
  }
}

/** Events that are problems, for "last issue" and for flagging in the timeline. */
export const ISSUE_EVENTS: ReadonlySet<string> = new Set([
  "breach",
  "escalated",
  "inconclusive",
  "guardrail_notified",
  "guardrail_action_refused",
  "rolled_back",
  "override",
  "freeze_broken",
  "traffic_hook_failed",
  "traffic_unconfirmed",
  "traffic_drift",
  "stepped_back",
  "trigger_declared",
  "rollback_alert",
  "wave_overdue",
]);
