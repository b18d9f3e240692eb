import { describe, expect, it } from "vitest";
import { durationText, parseDurationText } from "./duration-text";

describe("duration text", () => {
  it("reads what people type", () => {
    expect(parseDurationText("90")).toBe(90);
    expect(parseDurationText("15m")).toBe(900);
    expect(parseDurationText("1h 30m")).toBe(5400);
    expect(parseDurationText(" 3d ")).toBe(259200);
    expect(parseDurationText("soon")).toBeNull();
    expect(parseDurationText("")).toBeNull();
  });

  it("writes seconds back exactly, and reads its own output", () => {
    for (const s of [0, 59, 60, 3661, 86400 + 3 * 3600 + 5 * 60 + 7, 14 * 86400]) expect(parseDurationText(durationText(s))).toBe(s);
    expect(durationText(93907)).toBe("1d 2h 5m 7s");
    expect(durationText(0)).toBe("0s");
  });
});
