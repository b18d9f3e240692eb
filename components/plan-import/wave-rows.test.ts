import { describe, expect, it } from "vitest";
import { readWaveRows } from "./WavesAnswer";

describe("readWaveRows: the waves question answered as rows", () => {
  it("reads names, rising percentages and bake times written as durations", () => {
    expect(
      readWaveRows([
        { name: "Canary", percent: "5", bake: "30m" },
        { name: "Half", percent: "50", bake: "2h" },
        { name: "All", percent: "100", bake: "" },
      ]),
    ).toEqual({
      ok: true,
      waves: [
        { name: "Canary", trafficPercent: 5, bakeSeconds: 1800 },
        { name: "Half", trafficPercent: 50, bakeSeconds: 7200 },
        { name: "All", trafficPercent: 100 },
      ],
    });
  });

  it("names the row and what is wrong", () => {
    expect(readWaveRows([{ name: "", percent: "100", bake: "" }])).toEqual({ ok: false, message: "Wave 1: give it a name" });
    expect(readWaveRows([{ name: "A", percent: "50", bake: "" }, { name: "B", percent: "40", bake: "" }])).toMatchObject({ message: /Wave 2: traffic must rise/ });
    expect(readWaveRows([{ name: "A", percent: "100", bake: "later" }])).toMatchObject({ message: /Wave 1: bake time is a duration/ });
    expect(readWaveRows([{ name: "A", percent: "50", bake: "" }])).toMatchObject({ message: /100%/ });
    expect(readWaveRows([])).toMatchObject({ ok: false });
  });
});
