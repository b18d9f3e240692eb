import { describe, expect, it } from "vitest";
import { flagDrift } from "./drift";

describe("flagDrift", () => {
  it("needs enough evaluations before it judges a split", () => {
    expect(flagDrift(10, null, 0)).toBe("too_few");
    expect(flagDrift(10, 30, 50)).toBe("too_few");
  });
  it("accepts sampling noise and flags a real gap", () => {
    expect(flagDrift(10, 10.8, 5000)).toBe("ok");
    expect(flagDrift(10, 25, 5000)).toBe("drift");
    expect(flagDrift(50, 46, 200)).toBe("ok"); // 4 sigma at n = 200 is about 14 points
  });
  it("calls any exposure after a rollback drift: the apps did not follow", () => {
    expect(flagDrift(0, 0, 10)).toBe("ok");
    expect(flagDrift(0, 0.1, 1000)).toBe("drift");
  });
  it("expects everyone at 100 %", () => {
    expect(flagDrift(100, 100, 50)).toBe("ok");
    expect(flagDrift(100, 90, 50)).toBe("drift");
  });
});
