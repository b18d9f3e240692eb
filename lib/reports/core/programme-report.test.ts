// The report's "Waves" section for a programme (issues 22 and 25): each track's waves under the track's name and its
// stage environment, with that track's own wave names, gates and sign-offs (a quorum shown as needed), not a flat
// list read against the plan's (empty) top-level waves.
import { describe, expect, it } from "vitest";
import { PlanSchema } from "../../plans/core/plan";
import { trackPhase } from "../../releases/core/tracks";
import { typedEvent, type AuditEventType, type EventDataOf } from "../../releases/core/events";
import { buildReport, type ReportEvent, type ReportInput } from "./build-report";
import { reportMarkdown } from "./report-markdown";

const plan = PlanSchema.parse({
  name: "Checkout 3.1",
  service: "checkout",
  version: "3.1.0",
  tracks: [
    { key: "staging", name: "Staging", environment: "staging", soakSeconds: 600, waves: [{ name: "All of staging", trafficPercent: 100 }] },
    {
      key: "eu",
      name: "EU",
      environment: "eu",
      after: { track: "staging" },
      waves: [
        { name: "EU canary", trafficPercent: 10, signoffs: ["Product Manager"], signoffQuorum: { "Product Manager": 2 } },
        { name: "EU all", trafficPercent: 100 },
      ],
    },
  ],
});

const T0 = Date.parse("2026-11-30T09:00:00Z");
const at = (min: number) => new Date(T0 + min * 60_000).toISOString();
let seq = 0;
const e = <K extends AuditEventType>(min: number, type: K, data: EventDataOf<K>, actor = "cmd@x", reason: string | null = null): ReportEvent => ({ seq: ++seq, actor, actorRole: null, reason, at: at(min), ...typedEvent(type, data) });
const staging = { track: "staging", trackName: "Staging" };
const eu = { track: "eu", trackName: "EU" };
const euCanary = trackPhase(1, 0);

function input(events: ReportEvent[]): ReportInput {
  return {
    release: {
      id: "r1",
      name: "Checkout 3.1",
      service: "checkout",
      serviceVersion: "3.1.0",
      status: "running",
      currentWaveIndex: 0,
      trafficPercent: 10,
      run: 1,
      createdAt: at(-5),
      createdBy: "admin@x",
      commander: "cmd@x",
      startedAt: at(0),
      endedAt: null,
    },
    plan,
    events,
    checklist: [],
    alerts: [],
    incidents: [],
    series: new Map(),
    lessons: null,
    actionItems: [],
    now: at(60),
  };
}

describe("the report of a programme", () => {
  seq = 0;
  const events = [
    e(0, "started", { wave: "All of staging", ...staging }, "cmd@x", "go"),
    e(10, "completed", { wave: "All of staging", ...staging }),
    e(25, "started", { wave: "EU canary", ...eu }, "schedule"),
    e(30, "signoff", { waveIndex: euCanary, wave: "EU: EU canary", role: "Product Manager", decision: "approve" }, "pm1@x"),
    e(31, "signoff", { waveIndex: euCanary, wave: "EU: EU canary", role: "Product Manager", decision: "approve" }, "pm2@x"),
    e(32, "signoff", { waveIndex: euCanary, wave: "EU: EU canary", role: "Product Manager", decision: "withdraw" }, "pm1@x"),
    e(40, "promoted", { fromWave: 0, toWave: 1, fromTraffic: 10, toTraffic: 100, wave: "EU all", ...eu }, "cmd@x", "metrics clean"),
  ];
  const report = buildReport(input(events));

  it("places each wave pass on its track, named from the track's waves", () => {
    expect(report.waves.map((w) => [w.track?.key, w.index, w.name, w.trafficPercent, w.leftBy?.how ?? null])).toEqual([
      ["staging", 0, "All of staging", 100, "completed"],
      ["eu", 0, "EU canary", 10, "promoted"],
      ["eu", 1, "EU all", 100, null],
    ]);
    // A person's withdrawal removes their decision; the role's quorum is carried.
    expect(report.waves[1].signoffs).toEqual([{ role: "Product Manager", needed: 2, decision: "approve", by: "pm2@x", at: at(31), comment: null }]);
  });

  it("writes the Waves section per track with its stage environment", () => {
    const md = reportMarkdown(report);
    const waves = md.slice(md.indexOf("## Waves"), md.indexOf("## Breaches"));
    expect(waves).toBe(
      [
        "## Waves",
        "",
        "### Staging (stage: staging)",
        "",
        "Stage opened 2026-11-30 09:00:00 UTC by cmd@x · completed 2026-11-30 09:10:00 UTC · soak 10m",
        "",
        '#### Wave 1 "All of staging" (100%)',
        "",
        "- Planned bake: 0s; actual: 10m",
        '- Entered: started by cmd@x at 2026-11-30 09:00:00 UTC: "go"',
        "- Left: completed by cmd@x at 2026-11-30 09:10:00 UTC",
        "",
        "### EU (stage: eu)",
        "",
        "Stage opened 2026-11-30 09:25:00 UTC by schedule (autoPromote)",
        "",
        '#### Wave 1 "EU canary" (10%)',
        "",
        "- Planned bake: 0s; actual: 15m",
        "- Entered: started by schedule at 2026-11-30 09:25:00 UTC",
        '- Left: promoted by cmd@x at 2026-11-30 09:40:00 UTC: "metrics clean"',
        "",
        "Sign-offs:",
        "- Product Manager (2 needed): approve by pm2@x at 2026-11-30 09:31:00 UTC",
        "",
        '#### Wave 2 "EU all" (100%)',
        "",
        "- Planned bake: 0s; actual: 20m (still running)",
        '- Entered: promoted by cmd@x at 2026-11-30 09:40:00 UTC: "metrics clean"',
        "",
        "",
      ].join("\n"),
    );
  });

  it("a track not started yet says so under its heading", () => {
    seq = 0;
    const md = reportMarkdown(buildReport(input([e(0, "started", { wave: "All of staging", ...staging })])));
    expect(md).toContain("### EU (stage: eu)\n\nStage not opened\n\n_No wave of this track has started yet._");
  });

  it("a plan without tracks keeps its flat list", () => {
    const flat = PlanSchema.parse({ name: "x", service: "s", version: "1", waves: [{ name: "All", trafficPercent: 100 }] });
    seq = 0;
    const md = reportMarkdown(buildReport({ ...input([e(0, "started", { wave: "All" })]), plan: flat }));
    expect(md).toContain('## Waves\n\n### Wave 1 "All" (100%)');
    expect(md).not.toContain("(stage:");
  });
});
