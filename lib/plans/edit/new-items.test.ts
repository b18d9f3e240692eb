import { describe, expect, it } from "vitest";
import { newGuardrail, newWave } from "./new-items";

describe("newWave", () => {
  it("goes before the final 100% wave, halfway between its neighbours", () => {
    expect(newWave([{ trafficPercent: 10 }, { trafficPercent: 100 }])).toEqual({ index: 1, wave: { name: "Wave 2", trafficPercent: 55, bakeSeconds: 3600 } });
    expect(newWave([{ trafficPercent: 100 }]).index).toBe(0);
    expect(newWave([{ trafficPercent: 100 }]).wave.trafficPercent).toBe(50);
  });

  it("goes last when the plan does not end at 100%, or there is no room before it", () => {
    expect(newWave([{ trafficPercent: 10 }, { trafficPercent: 50 }]).index).toBe(2);
    expect(newWave([{ trafficPercent: 99.5 }, { trafficPercent: 100 }]).index).toBe(2);
    expect(newWave([])).toEqual({ index: 0, wave: { name: "Full", trafficPercent: 100, bakeSeconds: 0 } });
  });
});

describe("newGuardrail", () => {
  it("watches a metric the list does not watch yet", () => {
    expect(newGuardrail([{ metric: "error_rate" }]).metric).toBe("success_rate");
    expect(newGuardrail([]).metric).toBe("error_rate");
  });
});
