import { describe, expect, it } from "vitest";
import { describeEvent } from "./describe-event";
import type { EventView } from "./types";

const event = (type: string, data: Record<string, unknown>): EventView => ({
  releaseId: "r",
  seq: 1,
  version: 1,
  type,
  actor: "Casey",
  actorRole: "commander",
  reason: null,
  at: "2026-01-01T00:00:00.000Z",
  before: null,
  after: null,
  data,
});

describe("describeEvent", () => {
  it("says which programme track an event moved (issue 22)", () => {
    expect(describeEvent(event("completed", { wave: "Search 100%", track: "search", trackName: "Search migration" }))).toBe("Search migration: completed");
    expect(describeEvent(event("rolled_back", { fromTraffic: 50, wave: "x", track: "installation", trackName: "Installation" }))).toBe("Installation: rolled back (50% → 0% traffic)");
  });

  it("names the metric of an acknowledged alert", () => {
    expect(describeEvent(event("alert_acknowledged", { alertId: "a1", metric: "error_rate", level: "critical" }))).toBe(
      "acknowledged the error_rate alert",
    );
    expect(describeEvent(event("alert_acknowledged", { alertId: "a1" }))).toBe("acknowledged an alert");
  });
});
