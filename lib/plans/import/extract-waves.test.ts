// Stage headings and lines: percentage, unit, duration (or range) and schedule, each read apart.
import { describe, expect, it } from "vitest";
import { parseWaveLine } from "./extract-waves";

describe("parseWaveLine", () => {
  it("reads a wave heading: name, percentage, schedule, no duration from the day", () => {
    expect(parseWaveLine("Wave 1: Internal Testing (Day 1, 10% Traffic)")).toEqual({
      name: "Internal Testing",
      percent: 10,
      unit: "requests",
      schedule: "Day 1",
    });
  });

  it("reads stage lines with a unit and a duration", () => {
    expect(parseWaveLine("Stage 2: 5% of servers for 2 days")).toMatchObject({ percent: 5, unit: "servers", durationSeconds: 172800 });
    expect(parseWaveLine("Day 4: 100%")).toMatchObject({ name: "Day 4", percent: 100, schedule: "Day 4" });
    expect(parseWaveLine("Phase 3 - 50% of users (3-5 days)")).toMatchObject({
      percent: 50,
      unit: "users",
      durationSeconds: 3 * 86400,
      maxSeconds: 5 * 86400,
    });
  });

  it("keeps a stage without a percentage (a question for the importer)", () => {
    expect(parseWaveLine("Wave 3: Gradual GA")).toEqual({ name: "Gradual GA" });
  });
});
