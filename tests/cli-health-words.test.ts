// The health words of a rolled-back release agree between the API's view and the CLI's print (a test beside no single
// capability: the CLI may not import server code, so the comparison lives here).
import { describe, expect, it } from "vitest";
import type { ReleaseSummary, ReleaseView } from "../lib/releases/client/types";
import { releaseHealth } from "../lib/releases/core/release-health";
import { healthFrom } from "../lib/releases/server/release-view";
import { formatReleaseDetail, formatReleaseList } from "../lib/cli/format";

describe("a rolled-back release in `tidegate list` and `tidegate status`", () => {
  it("gets SAFE from the API's view, which uses the core rule rather than a copy", () => {
    expect(healthFrom("rolled_back", [])).toBe("SAFE");
    expect(healthFrom("rolled_back", [{ level: "critical" }])).toBe("CRITICAL");
  });

  it("prints the screens' words in `tidegate list` and `tidegate status`", () => {
    const summary = { id: "r1", name: "Checkout", service: "checkout", serviceVersion: "2.4.0", status: "rolled_back", currentWaveIndex: 0, waveCount: 3, trafficPercent: 0, health: releaseHealth("rolled_back", []) } as unknown as ReleaseSummary;
    expect(formatReleaseList([summary])).toContain("SAFE · NO TRAFFIC");
    expect(formatReleaseList([summary])).not.toContain("HEALTHY");
    const view = { ...summary, waves: [{ name: "Canary" }], alerts: [], gate: null, allowedActions: ["retry"], waveStartedAt: null } as unknown as ReleaseView;
    expect(formatReleaseDetail(view)).toMatch(/health {4}SAFE · NO TRAFFIC \(no open alerts\)/);
  });
});
