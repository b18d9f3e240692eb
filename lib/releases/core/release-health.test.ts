import { describe, expect, it } from "vitest";
import { liveMetricLevel, releaseHealth } from "./release-health";

describe("a rolled-back release reads the same in the API, the CLI and the screens", () => {
  it("is SAFE, not HEALTHY, once its alerts closed with the run (the first-week report)", () => {
    expect(releaseHealth("rolled_back", [])).toBe("SAFE");
    expect(releaseHealth("rolled_back", [{ level: "warning" }])).toBe("SAFE");
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

});
