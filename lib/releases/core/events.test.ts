import { describe, expect, it } from "vitest";
import { parseStoredEvent, readStoredEvent, typed } from "./events";

describe("parseStoredEvent", () => {
  it("reads a valid row as its typed member", () => {
    const e = parseStoredEvent({ type: "breach", dataJson: JSON.stringify({ metric: "error_rate", level: "critical" }) });
    expect(e).toEqual({ type: "breach", data: { metric: "error_rate", level: "critical" } });
    if (e.type !== "breach") throw new Error("narrowing failed");
    expect(e.data.metric).toBe("error_rate");
  });

  it("returns damaged JSON as unreadable, never throws", () => {
    expect(parseStoredEvent({ type: "breach", dataJson: "{not json" })).toEqual({
      type: "unreadable",
      storedType: "breach",
      data: null,
      problem: "data is not valid JSON",
    });
  });

  it("returns an unknown type as unreadable, keeping its data", () => {
    expect(parseStoredEvent({ type: "retired_type", dataJson: '{"x":1}' })).toEqual({
      type: "unreadable",
      storedType: "retired_type",
      data: { x: 1 },
      problem: 'unknown event type "retired_type"',
    });
  });

  it("returns data of the wrong shape as unreadable, saying which field", () => {
    const e = parseStoredEvent({ type: "breach", dataJson: JSON.stringify({ metric: "error_rate", level: "fatal", extra: true }) });
    expect(e.type).toBe("unreadable");
    if (e.type !== "unreadable") return;
    expect(e.storedType).toBe("breach");
    expect(e.data).toEqual({ metric: "error_rate", level: "fatal", extra: true });
    expect(e.problem).toMatch(/^level: /);
    expect(e.problem).toContain("extra");
  });

  it("reads decoded data the same way (readStoredEvent, typed)", () => {
    expect(readStoredEvent("paused", {})).toEqual({ type: "paused", data: {} });
    expect(typed({ seq: 3, type: "paused", data: { automatic: "yes" } })).toMatchObject({ seq: 3, type: "unreadable", storedType: "paused" });
  });
});
