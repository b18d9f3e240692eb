import { describe, expect, it } from "vitest";
import { incidentChanges, incidentMarkdown, incidentTimeline, incidentToOpen, severityFor, type Incident, type OpenContext } from "./incident";
import type { DomainEvent, ReleaseState } from "../../releases/core/machine";
import { typedEvent, type EventDataOf } from "../../releases/core/events";

const now = new Date("2026-11-30T10:00:30Z");
const running: ReleaseState = { status: "running", currentWaveIndex: 1, trafficPercent: 25, waveStartedAt: new Date("2026-11-30T09:50:00Z") };
const ev = <K extends DomainEvent["type"]>(type: K, data: EventDataOf<K>, actor = "guardrail", reason: string | null = null): DomainEvent => ({
  ...typedEvent(type, data),
  actor,
  reason,
  at: now,
  before: null,
  after: null,
});
const ctx = (events: DomainEvent[], over: Partial<OpenContext> = {}): OpenContext => ({
  release: { name: "Checkout", serviceVersion: "2.3.0", commander: "cmd@x", createdBy: "admin@x" },
  before: running,
  events,
  openAlerts: [{ metric: "error_rate", level: "critical", openedAt: new Date("2026-11-30T10:00:00Z"), detail: "error_rate 40% > critical 10%" }],
  hasOpenIncident: false,
  run: 1,
  now,
  ...over,
});

describe("incidentToOpen", () => {
  it("opens a P1 on a guardrail rollback, prefilled from the log", () => {
    const draft = incidentToOpen(ctx([ev("rolled_back", { fromTraffic: 25, wave: "W2", metric: "error_rate", automatic: true }, "guardrail", "error_rate 40% > critical 10% for 30s")]));
    expect(draft).toMatchObject({
      status: "investigating",
      severity: "P1",
      trigger: "guardrail",
      metric: "error_rate",
      level: "critical",
      affectedPercent: 25,
      contact: "cmd@x",
      openedBy: "guardrail",
      run: 1,
    });
    expect(draft!.startedAt.toISOString()).toBe("2026-11-30T10:00:00.000Z");
    expect(draft!.title).toBe("Checkout 2.3.0: error_rate critical breach, rolled back at 25% traffic");
    expect(draft!.impact).toContain("Evidence: error_rate 40% > critical 10% for 30s.");
  });

  it("opens on a guardrail pause only when the level is critical", () => {
    const pause = ev("paused", { metric: "error_rate", automatic: true });
    expect(incidentToOpen(ctx([pause]))?.severity).toBe("P1");
    const warning = [{ metric: "error_rate", level: "warning", openedAt: now, detail: "d" }];
    expect(incidentToOpen(ctx([pause], { openAlerts: warning }))).toBeNull();
    // An escalation in the same change counts.
    expect(incidentToOpen(ctx([ev("escalated", { metric: "error_rate", level: "critical" }), pause], { openAlerts: warning }))?.level).toBe("critical");
  });

  it("opens on a commander's rollback, never on a commander's pause, never twice while one is open", () => {
    const manual = incidentToOpen(ctx([ev("rolled_back", { fromTraffic: 25, wave: "W2" }, "cmd2@x", "tickets")], { openAlerts: [] }));
    expect(manual).toMatchObject({ trigger: "manual_rollback", severity: "P3", contact: "cmd2@x", metric: null, startedAt: now });
    expect(manual!.impact).toContain("Reason given: tickets.");
    expect(incidentToOpen(ctx([ev("rolled_back", { fromTraffic: 25, wave: "W2" }, "cmd2@x")]))).toMatchObject({ severity: "P1", metric: "error_rate" });
    expect(incidentToOpen(ctx([ev("paused", {}, "cmd2@x")]))).toBeNull();
    expect(incidentToOpen(ctx([ev("rolled_back", { fromTraffic: 25, wave: "W2" }, "cmd2@x")], { hasOpenIncident: true }))).toBeNull();
  });

  it("maps levels to severities", () => {
    expect([severityFor("critical"), severityFor("warning"), severityFor("inconclusive"), severityFor(null)]).toEqual(["P1", "P2", "P3", "P3"]);
  });
});

const incident: Incident = {
  id: "i1",
  releaseId: "r1",
  run: 2,
  version: 1,
  title: "Checkout 2.3.0: error_rate critical breach, rolled back at 25% traffic",
  status: "investigating",
  severity: "P1",
  trigger: "guardrail",
  metric: "error_rate",
  level: "critical",
  startedAt: "2026-11-30T10:00:00.000Z",
  affectedPercent: 25,
  impact: "Up to 25% of traffic *was* affected.",
  nextSteps: "Find the cause.",
  contact: "cmd@x",
  openedBy: "guardrail",
  resolvedAt: null,
  createdAt: "2026-11-30T10:00:30.000Z",
  updatedAt: "2026-11-30T10:00:30.000Z",
};
const log = <K extends DomainEvent["type"]>(seq: number, type: K, at: string, data: EventDataOf<K>, actor = "guardrail", reason: string | null = null) => ({
  seq,
  at,
  actor,
  reason,
  ...typedEvent(type, data),
});

const opened = { title: "error_rate critical", trigger: "guardrail", metric: "error_rate", level: "critical", affectedPercent: 25, run: 2 } as const;

describe("incidentTimeline", () => {
  const events = [
    log(1, "created", "2026-11-30T09:00:00Z", { name: "Checkout", service: "checkout-api", version: "2.3.0", waves: 3 }, "admin@x"),
    log(2, "started", "2026-11-30T09:01:00Z", { wave: "W1" }, "cmd@x"),
    log(3, "breach", "2026-11-30T09:10:00Z", { metric: "error_rate", level: "warning" }), // run 1: not this incident
    log(4, "rolled_back", "2026-11-30T09:11:00Z", { fromTraffic: 10, wave: "W1" }, "cmd@x"),
    log(5, "retried", "2026-11-30T09:30:00Z", { wave: "W1", run: 2 }, "cmd@x"),
    log(6, "promoted", "2026-11-30T09:50:00Z", { fromWave: 0, toWave: 1, fromTraffic: 10, toTraffic: 25, wave: "W2" }, "cmd@x"),
    log(7, "breach", "2026-11-30T10:00:05Z", { metric: "error_rate", level: "critical" }, "guardrail", "error_rate 40% > critical 10%"),
    log(8, "alert_acknowledged", "2026-11-30T10:00:20Z", { alertId: "a1", metric: "error_rate", level: "critical" }, "cmd@x"),
    log(9, "rolled_back", "2026-11-30T10:00:30Z", { fromTraffic: 25, wave: "W2", metric: "error_rate", automatic: true }),
    log(10, "episode_closed", "2026-11-30T10:00:30Z", { metric: "error_rate", level: "critical", run: 2, because: "rolled_back" }),
    log(11, "incident_opened", "2026-11-30T10:00:30Z", { ...opened, incidentId: "i1", severity: "P1" }),
    log(12, "incident_opened", "2026-11-30T10:00:31Z", { ...opened, incidentId: "other", severity: "P3" }),
    log(13, "incident_updated", "2026-11-30T10:05:00Z", { incidentId: "i1", version: 2, changes: [{ field: "status", from: "investigating", to: "resolved" }] }, "cmd@x"),
  ];

  it("keeps the incident's run from the breach on, and its own record, in log order", () => {
    const t = incidentTimeline(incident, events);
    expect(t.map((e) => [e.seq, e.kind])).toEqual([
      [7, "detected"],
      [8, "acknowledged"],
      [9, "mitigated"],
      [10, "closed_by_rollback"],
      [11, "opened"],
      [13, "resolved"],
    ]);
    expect(t[0].text).toBe("critical breach on error_rate: error_rate 40% > critical 10%");
    expect(t[2].text).toBe("guardrail rolled back (25% → 0% traffic)");
  });

  it("exports Markdown that pastes cleanly (fields, timeline, escaped markup)", () => {
    const md = incidentMarkdown(incident, incidentTimeline(incident, events), { name: "Checkout", service: "checkout-api", serviceVersion: "2.3.0" });
    expect(md).toContain("## Checkout 2.3.0: error\\_rate critical breach, rolled back at 25% traffic");
    expect(md).toContain("**Status:** Investigating  ");
    expect(md).toContain("**Severity:** P1  ");
    expect(md).toContain("**Started:** 2026-11-30 10:00:00 UTC  ");
    expect(md).toContain("**Affected users:** up to 25% of traffic  ");
    expect(md).toContain("**Point of contact:** cmd@x");
    expect(md).toContain("Up to 25% of traffic \\*was\\* affected.");
    expect(md).toContain("- 2026-11-30 10:00:30 UTC **mitigated**: guardrail rolled back (25% → 0% traffic)");
    expect(md.split("\n").filter((l) => l.startsWith("- 2026"))).toHaveLength(6);
    expect(md.endsWith("Find the cause.\n")).toBe(true);
  });
});

describe("incidentChanges", () => {
  it("lists only the fields that change", () => {
    expect(incidentChanges(incident, { expectedVersion: 1, status: "mitigating", severity: "P1", title: incident.title })).toEqual([
      { field: "status", from: "investigating", to: "mitigating" },
    ]);
    expect(incidentChanges(incident, { expectedVersion: 1 })).toEqual([]);
  });
});
