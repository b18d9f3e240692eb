import { describe, expect, it } from "vitest";
import { formatReleaseDetail, formatReleaseList } from "../../cli/format";
import type { ReleaseSummary, ReleaseView } from "../client/types";
import { healthFrom } from "../server/release-view";
import { liveMetricLevel, releaseHealth } from "./release-health";

describe("a rolled-back release reads the same in the API, the CLI and the screens", () => {
  it("is SAFE, not HEALTHY, once its alerts closed with the run (the first-week report)", () => {
    expect(releaseHealth("rolled_back", [])).toBe("SAFE");
    // The API's view uses the same rule, not a copy of it.
    expect(healthFrom("rolled_back", [])).toBe("SAFE");
    expect(healthFrom("rolled_back", [{ level: "warning" }])).toBe("SAFE");
  });

  it("stays CRITICAL while a critical alert is still open, as the badge does", () => {
    expect(releaseHealth("rolled_back", [{ level: "critical" }])).toBe("CRITICAL");
  });

  it("leaves live releases as they were", () => {
    expect(releaseHealth("running", [])).toBe("HEALTHY");
    expect(releaseHealth("running", [{ level: "warning" }])).toBe("WARNING");
    expect(releaseHealth("running", [{ level: "inconclusive" }])).toBe("NO_DATA");
    expect(releaseHealth("draft", [])).toBe("NO_DATA");
    expect(releaseHealth("completed", [])).toBe("HEALTHY");
  });

  it("turns the metric tiles of a rolled-back release from red CRITICAL to NO TRAFFIC, and only then", () => {
    expect(liveMetricLevel("rolled_back", "critical")).toBe("no_traffic");
    expect(liveMetricLevel("running", "critical")).toBe("critical");
    expect(liveMetricLevel("paused", "warning")).toBe("warning");
  });

  it("prints the screens' words in `tidegate list` and `tidegate status`", () => {
    const summary = { id: "r1", name: "Checkout", service: "checkout", serviceVersion: "2.4.0", status: "rolled_back", currentWaveIndex: 0, waveCount: 3, trafficPercent: 0, health: releaseHealth("rolled_back", []) } as unknown as ReleaseSummary;
    expect(formatReleaseList([summary])).toContain("SAFE · NO TRAFFIC");
    expect(formatReleaseList([summary])).not.toContain("HEALTHY");
    const view = { ...summary, waves: [{ name: "Canary" }], alerts: [], gate: null, allowedActions: ["retry"], waveStartedAt: null } as unknown as ReleaseView;
    expect(formatReleaseDetail(view)).toMatch(/health {4}SAFE · NO TRAFFIC \(no open alerts\)/);
  });
});
