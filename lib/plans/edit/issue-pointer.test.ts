import { describe, expect, it } from "vitest";
import { nearestPointer, toPointer } from "./issue-pointer";

describe("issue pointers", () => {
  it("writes a zod path as a JSON pointer, escaping ~ and /", () => {
    expect(toPointer(["waves", 0, "trafficPercent"])).toBe("/waves/0/trafficPercent");
    expect(toPointer(["a/b", "c~d"])).toBe("/a~1b/c~0d");
    expect(toPointer([])).toBe("");
  });

  it("finds the field itself, else the nearest parent the document has", () => {
    const known = new Set(["/waves", "/waves/0", "/waves/0/trafficPercent"]);
    expect(nearestPointer(["waves", 0, "trafficPercent"], known)).toEqual({ pointer: "/waves/0/trafficPercent", exact: true });
    expect(nearestPointer(["waves", 0, "name"], known)).toEqual({ pointer: "/waves/0", exact: false });
    expect(nearestPointer(["version"], known)).toEqual({ pointer: "", exact: false });
  });
});
