import { describe, expect, it } from "vitest";
import { parseDuration } from "./duration";

describe("parseDuration", () => {
  it("reads what people write", () => {
    expect(parseDuration("2h")).toBe(7_200_000);
    expect(parseDuration("90s")).toBe(90_000);
    expect(parseDuration("15m")).toBe(900_000);
    expect(parseDuration("1h30m")).toBe(5_400_000);
    expect(parseDuration("1d")).toBe(86_400_000);
    expect(parseDuration("500ms")).toBe(500);
    expect(parseDuration("1.5s")).toBe(1500);
    expect(parseDuration("45")).toBe(45_000);
    expect(parseDuration(" 2H ")).toBe(7_200_000);
  });

  it("refuses what is not a duration", () => {
    for (const bad of ["", "h", "2 hours", "-5s", "2x", "1h 30m", "abc", "2h-"]) expect(parseDuration(bad), bad).toBeNull();
  });
});

