// The incident record (issue 15), pure: when a change opens one, what it is prefilled with, its timeline rebuilt
// from the audit log, and its Markdown export for a status page or a chat. No I/O; time comes in.
import { z } from "zod";
import { INCIDENT_STATUSES, type IncidentStatus, SEVERITIES, type Severity } from "./incident-fields";
import type { DomainEvent, DomainEventOf, ReleaseState } from "../../releases/core/machine";
import type { StoredEvent } from "../../releases/core/events";
import { fmtPercent } from "../../releases/core/percent";

export { INCIDENT_STATUSES, SEVERITIES, type IncidentStatus, type Severity } from "./incident-fields";
export { fmtPercent } from "../../releases/core/percent";
export type IncidentTrigger = "guardrail" | "manual_rollback";
type AlertLevel = "warning" | "critical" | "inconclusive";

/** The fields a commander may edit (PATCH /api/releases/:id/incidents/:incidentId). */
export const IncidentPatchSchema = z
  .object({
    expectedVersion: z.number().int().min(1),
    title: z.string().trim().min(1).max(200).optional(),
    status: z.enum(INCIDENT_STATUSES).optional(),
    severity: z.enum(SEVERITIES).optional(),
    impact: z.string().trim().max(4000).optional(),
    nextSteps: z.string().trim().max(4000).optional(),
    contact: z.string().trim().min(1).max(200).optional(),
  })
  .strict();
export type IncidentPatch = z.infer<typeof IncidentPatchSchema>;
export const EDITABLE_INCIDENT_FIELDS = ["title", "status", "severity", "impact", "nextSteps", "contact"] as const;

export interface Incident {
  id: string;
  releaseId: string;
  run: number;
  version: number;
  title: string;
  status: IncidentStatus;
  severity: Severity;
  trigger: IncidentTrigger;
  metric: string | null;
  level: AlertLevel | null;
  startedAt: string;
  affectedPercent: number;
  impact: string;
  nextSteps: string;
  contact: string;
  openedBy: string;
  resolvedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

/**
 * Severity from what acted. The guardrail's level is the evidence: a critical breach is P1, a warning-level
 * action P2. A person's rollback takes the worst open alert's level, P3 when nothing was alerting (a precaution).
 * P0 (a full outage) is never guessed: a commander raises it.
 */
export function severityFor(level: AlertLevel | null): Severity {
  if (level === "critical") return "P1";
  if (level === "warning") return "P2";
  return "P3";
}

export interface OpenContext {
  release: { name: string; serviceVersion: string; commander: string | null; createdBy: string };
  /** The state before the change. */
  before: ReleaseState;
  /** The change's events (machine + guardrail) about to be written. */
  events: readonly DomainEvent[];
  /** The alerts open before the change, with the breach's start and its one-line evidence. */
  openAlerts: readonly { metric: string; level: string; openedAt: Date; detail: string }[];
  /** An unresolved incident of this run already exists: the new action joins its timeline instead. */
  hasOpenIncident: boolean;
  run: number;
  now: Date;
}

export interface IncidentDraft {
  title: string;
  status: IncidentStatus;
  severity: Severity;
  trigger: IncidentTrigger;
  metric: string | null;
  level: AlertLevel | null;
  startedAt: Date;
  affectedPercent: number;
  impact: string;
  nextSteps: string;
  contact: string;
  openedBy: string;
  run: number;
}

const LEVEL_RANK: Record<string, number> = { critical: 3, warning: 2, inconclusive: 1 };

/**
 * Whether the change opens an incident, and prefilled with what. Opens on a guardrail rollback, a guardrail pause
 * caused by a critical level, and a commander's rollback; never twice in one run while one is unresolved.
 */
export function incidentToOpen(ctx: OpenContext): IncidentDraft | null {
  if (ctx.hasOpenIncident) return null;
  const acted = ctx.events.find(
    (e): e is DomainEventOf<"rolled_back" | "paused"> => e.type === "rolled_back" || (e.type === "paused" && e.data.automatic === true),
  );
  if (!acted) return null;
  const automatic = acted.data.automatic === true;
  const metric = automatic ? (acted.data.metric ?? null) : null;
  // The level the breach reached: escalations in this very change count (a breach that acted at once).
  const levelOf = (m: string): AlertLevel | null => {
    const inChange = [...ctx.events]
      .reverse()
      .find((e): e is DomainEventOf<"breach" | "escalated"> => (e.type === "breach" || e.type === "escalated") && e.data.metric === m);
    const level = inChange?.data.level ?? ctx.openAlerts.find((a) => a.metric === m)?.level;
    return (level as AlertLevel | undefined) ?? null;
  };
  let level: AlertLevel | null;
  let driver: string | null = metric;
  if (automatic) {
    level = metric ? levelOf(metric) : null;
    // A guardrail pause opens an incident only when a critical breach caused it (warnings pause as a precaution).
    if (acted.type === "paused" && level !== "critical") return null;
  } else {
    const worst = [...ctx.openAlerts].sort((a, b) => (LEVEL_RANK[b.level] ?? 0) - (LEVEL_RANK[a.level] ?? 0))[0];
    driver = worst?.metric ?? null;
    level = (worst?.level as AlertLevel | undefined) ?? null;
  }
  const alert = driver ? ctx.openAlerts.find((a) => a.metric === driver) : undefined;
  const evidence = automatic ? acted.reason : (alert?.detail ?? null);
  const affectedPercent = ctx.before.trafficPercent;
  const release = `${ctx.release.name} ${ctx.release.serviceVersion}`;
  const action = acted.type === "rolled_back" ? "rolled back" : "paused";
  const cause = automatic ? `${driver ?? "a guardrail"} ${level ?? ""} breach`.replace("  ", " ") : "manual rollback";
  const title = `${release}: ${cause}, ${action} at ${fmtPercent(affectedPercent)} traffic`;
  const who = automatic ? `The guardrail ${action} the release on its own` : `${acted.actor} rolled the release back`;
  const impact = [
    `Up to ${fmtPercent(affectedPercent)} of traffic was on ${release} when it was ${action}.`,
    evidence ? `Evidence: ${evidence}.` : null,
    automatic ? null : acted.reason ? `Reason given: ${acted.reason}.` : null,
    `${who}${acted.type === "rolled_back" ? "; traffic is back on the previous version" : "; traffic stays where it was until someone acts"}.`,
  ]
    .filter(Boolean)
    .join(" ");
  const nextSteps =
    acted.type === "rolled_back"
      ? `Confirm users are back on the previous version. Find the cause${driver ? ` of the ${driver} breach` : ""}, fix it, then RETRY or close the release.`
      : `Decide: ROLL BACK, or RESUME once the cause${driver ? ` of the ${driver} breach` : ""} is understood.`;
  return {
    title,
    status: "investigating",
    severity: severityFor(level),
    trigger: automatic ? "guardrail" : "manual_rollback",
    metric: driver,
    level,
    startedAt: alert?.openedAt ?? ctx.now,
    affectedPercent,
    impact,
    nextSteps,
    contact: automatic ? (ctx.release.commander ?? ctx.release.createdBy) : acted.actor,
    openedBy: acted.actor,
    run: ctx.run,
  };
}

export interface PatchChange {
  field: string;
  from: string | null;
  to: string | null;
}

/** The fields a patch actually changes (no-op values dropped), in a stable order. */
export function incidentChanges(current: Incident, patch: IncidentPatch): PatchChange[] {
  const changes: PatchChange[] = [];
  for (const field of EDITABLE_INCIDENT_FIELDS) {
    const to = patch[field];
    if (to === undefined || to === current[field]) continue;
    changes.push({ field, from: current[field], to });
  }
  return changes;
}

// ---- Timeline ----

/** An audit event as the timeline reads it: typed by its `type` (an unreadable one is skipped). */
export type TimelineEventInput = { seq: number; actor: string; reason: string | null; at: string } & StoredEvent;

export type TimelineKind =
  | "detected"
  | "escalated"
  | "acknowledged"
  | "mitigated"
  | "recovered"
  /** An alert closed because its run ended (rolled back, or completed): the metric did not recover, the run stopped. */
  | "closed_by_rollback"
  | "closed"
  | "resumed"
  | "retried"
  | "opened"
  | "updated"
  | "resolved";

export interface TimelineEntry {
  seq: number;
  at: string;
  kind: TimelineKind;
  actor: string;
  text: string;
}

/** Which run each event belongs to: START begins run 1, each RETRY the next (as the server numbers runs). */
export function runOfEvents(events: readonly TimelineEventInput[]): Map<number, number> {
  const runs = new Map<number, number>();
  let run = 0;
  for (const e of events) {
    if (e.type === "started" || e.type === "retried") run = e.data.run ?? run + 1;
    runs.set(e.seq, run);
  }
  return runs;
}

/**
 * The incident's timeline from the audit log: its run's events from the breach on (detected, escalated,
 * acknowledged, mitigated by pause or rollback, recovered) and the incident's own edits, in log order.
 */
export function incidentTimeline(incident: Pick<Incident, "id" | "run" | "startedAt">, events: readonly TimelineEventInput[]): TimelineEntry[] {
  const runs = runOfEvents(events);
  const from = Date.parse(incident.startedAt);
  const entries: TimelineEntry[] = [];
  for (const e of events) {
    const ownRecord = e.type === "incident_opened" || e.type === "incident_updated";
    if (ownRecord && e.data.incidentId !== incident.id) continue;
    if (!ownRecord && (runs.get(e.seq) !== incident.run || Date.parse(e.at) < from)) continue;
    const entry = timelineEntry(e);
    if (entry) entries.push(entry);
  }
  return entries;
}

function timelineEntry(e: TimelineEventInput): TimelineEntry | null {
  if (e.type === "unreadable") return null;
  const metric = "metric" in e.data && typeof e.data.metric === "string" ? e.data.metric : "a metric";
  const evidence = e.reason ? `: ${e.reason}` : "";
  const base = { seq: e.seq, at: e.at, actor: e.actor };
  switch (e.type) {
    case "breach":
      return { ...base, kind: "detected", text: `${e.data.level} breach on ${metric}${evidence}` };
    case "escalated":
      return { ...base, kind: "escalated", text: `${metric} escalated to ${e.data.level}${evidence}` };
    case "alert_acknowledged":
      return { ...base, kind: "acknowledged", text: `${e.actor} acknowledged the ${metric} alert${evidence}` };
    case "paused":
      return { ...base, kind: "mitigated", text: `${e.data.automatic ? "guardrail" : e.actor} paused the rollout${evidence}` };
    case "rolled_back":
      return {
        ...base,
        kind: "mitigated",
        text: `${e.data.automatic ? "guardrail" : e.actor} rolled back (${fmtPercent(e.data.fromTraffic)} → 0% traffic)${evidence}`,
      };
    case "resumed":
      return { ...base, kind: "resumed", text: `${e.actor} resumed the rollout${evidence}` };
    case "recovery":
      return { ...base, kind: "recovered", text: `${metric} recovered${evidence}` };
    case "episode_closed":
      // Not "recovered": the metric may be as bad as ever; the rollback took the traffic away.
      return e.data.because === "completed"
        ? { ...base, kind: "closed", text: `${metric} alert closed: the run completed` }
        : { ...base, kind: "closed_by_rollback", text: `${metric} alert closed by the rollback (the metric did not recover; traffic was taken away)` };
    case "retried":
      return { ...base, kind: "retried", text: `${e.actor} retried the release${evidence}` };
    case "incident_opened":
      return { ...base, kind: "opened", text: `incident opened (${e.data.severity})` };
    case "incident_updated": {
      const changes = e.data.changes;
      const status = changes.find((c) => c.field === "status");
      const said = changes.map((c) => (c.field === "impact" || c.field === "nextSteps" ? `${c.field} edited` : `${c.field} ${c.from ?? "-"} → ${c.to ?? "-"}`));
      return { ...base, kind: status?.to === "resolved" ? "resolved" : "updated", text: `${e.actor}: ${said.join(", ")}${evidence}` };
    }
    default:
      return null;
  }
}

// ---- Markdown ----


/** One line per field, the timeline as a list: pastes cleanly into a status page, Slack or a ticket. */
export function incidentMarkdown(incident: Incident, timeline: readonly TimelineEntry[], release: { name: string; service: string; serviceVersion: string }): string {
  const status = incident.status[0].toUpperCase() + incident.status.slice(1);
  const lines = [
    `## ${escapeMd(incident.title)}`,
    "",
    `**Status:** ${status}  `,
    `**Severity:** ${incident.severity}  `,
    `**Release:** ${escapeMd(`${release.name} (${release.service} ${release.serviceVersion})`)}  `,
    `**Started:** ${utc(incident.startedAt)}  `,
    `**Affected users:** up to ${fmtPercent(incident.affectedPercent)} of traffic  `,
    `**Point of contact:** ${escapeMd(incident.contact)}`,
    ...(incident.resolvedAt ? [`**Resolved:** ${utc(incident.resolvedAt)}`] : []),
    "",
    "### Impact",
    "",
    incident.impact ? escapeMd(incident.impact) : "_Not described yet._",
    "",
    "### Timeline (UTC)",
    "",
    ...(timeline.length ? timeline.map((t) => `- ${utc(t.at)} **${t.kind.replaceAll("_", " ")}**: ${escapeMd(t.text)}`) : ["- _No events yet._"]),
    "",
    "### Next steps",
    "",
    incident.nextSteps ? escapeMd(incident.nextSteps) : "_None recorded._",
    "",
  ];
  return lines.join("\n");
}

/** "2026-11-30 14:05:09 UTC" */
export function utc(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`;
}

/** Characters that would turn a pasted value into markup (links, emphasis, headings, HTML). */
export function escapeMd(text: string): string {
  return text.replace(/([\\`*_[\]<>#|])/g, "\\$1");
}
