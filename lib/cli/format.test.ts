import { describe, expect, it } from "vitest";
import type { EventView, ReleaseSummary } from "../releases/client/types";
import type { ReleaseView } from "../releases/client/types";
import { formatActionDone, formatEvent, formatReleaseDetail, formatReleaseList, wavePhrase } from "./format";

const summary = (over: Partial<ReleaseSummary>): ReleaseSummary =>
  ({
    id: "6f1c2d3e-0000-4000-8000-000000000001",
    name: "Checkout v2",
    service: "checkout",
    serviceVersion: "2.4.0",
    status: "running",
    currentWaveIndex: 1,
    waveCount: 4,
    waveName: "Early adopters",
    trafficPercent: 25,
    version: 7,
    lastSeq: 9,
    waveStartedAt: null,
    commander: null,
    health: "HEALTHY",
    updatedAt: "2026-11-30T09:00:00.000Z",
    ...over,
  }) as ReleaseSummary;

describe("CLI output for people", () => {
  it("says where a release is, counting waves from 1, and where a rollback stopped", () => {
    expect(wavePhrase({ status: "running", currentWaveIndex: 1, trafficPercent: 25 }, 4, "Early adopters")).toBe('wave 2/4 "Early adopters" · 25% traffic');
    expect(wavePhrase({ status: "rolled_back", currentWaveIndex: 3, trafficPercent: 0 }, 4)).toBe("rolled back from wave 4/4 · 0% traffic");
    expect(wavePhrase({ status: "draft", currentWaveIndex: 0, trafficPercent: 0 }, 4)).toBe("not started (4 waves)");
    expect(wavePhrase({ status: "completed", currentWaveIndex: 3, trafficPercent: 100 }, 4)).toBe("all 4 waves · 100% traffic");
  });

  it("lists releases as an aligned table", () => {
    const text = formatReleaseList([summary({}), summary({ id: "0000", name: "Search", status: "rolled_back", health: "WARNING" })]);
    const [head, first, second] = text.split("\n");
    expect(head).toMatch(/^ID\s+NAME\s+SERVICE\s+STATUS\s+WAVE\s+TRAFFIC\s+HEALTH$/);
    expect(first).toContain("RUNNING");
    expect(first).toContain("2/4");
    expect(second).toContain("ROLLED BACK");
    expect(first.indexOf("RUNNING")).toBe(second.indexOf("ROLLED BACK"));
    expect(formatReleaseList([])).toMatch(/No releases yet/);
  });

  it("prints one event per line: time, seq, actor, what, why", () => {
    const event: EventView = {
      releaseId: "r",
      seq: 17,
      version: 9,
      type: "rolled_back",
      actor: "guardrail",
      actorRole: null,
      reason: "error_rate 4.2% > 2% for 60 s",
      at: new Date(2026, 10, 30, 9, 14, 3).toISOString(),
      before: { trafficPercent: 25 },
      after: { trafficPercent: 0 },
      data: { fromTraffic: 25, wave: "Early adopters" },
    };
    expect(formatEvent(event, new Date(2026, 10, 30, 10, 0, 0).getTime())).toBe("09:14:03  #17  guardrail  rolled back (25% → 0% traffic)  — error_rate 4.2% > 2% for 60 s");
  });

  it("prints a programme's tracks, each with its state, commands and what blocks it (issue 22)", () => {
    const track = (over: Record<string, unknown>) => ({ kind: "ramp", currentWaveIndex: 0, trafficPercent: 0, allowedActions: [], gate: null, after: null, ...over });
    const view = {
      id: "r1",
      name: "Search programme",
      service: "search",
      serviceVersion: "2.0",
      status: "running",
      currentWaveIndex: 0,
      trafficPercent: 50,
      waveStartedAt: null,
      health: "HEALTHY",
      alerts: [],
      waves: [],
      gate: null,
      allowedActions: ["pause", "rollback"],
      commander: "ann",
      version: 7,
      lastSeq: 9,
      tracks: [
        track({ key: "search", name: "Search migration", status: "running", currentWaveIndex: 2, trafficPercent: 50, allowedActions: ["continue", "pause", "rollback", "step_back"] }),
        track({
          key: "installation",
          name: "Installation",
          status: "draft",
          waitingFor: "Installation starts after Search migration completes",
          after: { track: "search", when: "completed" },
          allowedActions: ["start"],
          gate: { action: "start", open: false, unmet: [{ kind: "checklist", message: 'Checklist: "Runbook reviewed" is open (owner: SRE)' }] },
        }),
      ],
    } as unknown as ReleaseView;
    const text = formatReleaseDetail(view);
    expect(text).toContain("status    RUNNING · a programme of 2 tracks");
    expect(text).toContain("search        Search migration: 50 %  [RUNNING; continue, pause, rollback, step_back]");
    expect(text).toContain("installation  Installation: waiting for Search migration  [DRAFT; start]");
    expect(text).toContain('- Checklist: "Runbook reviewed" is open (owner: SRE)');
    expect(formatActionDone("continue", view)).toBe('Continued "Search programme": RUNNING · Search migration: 50 %, Installation: waiting for Search migration (version 7)');
  });
});
