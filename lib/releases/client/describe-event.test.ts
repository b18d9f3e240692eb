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
  it("names the metric of an acknowledged alert", () => {
    expect(describeEvent(event("alert_acknowledged", { alertId: "a1", metric: "error_rate", level: "critical" }))).toBe(
      "acknowledged the error_rate alert",
    );
    expect(describeEvent(event("alert_acknowledged", { alertId: "a1" }))).toBe("acknowledged an alert");
  });
});
