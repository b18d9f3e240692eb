import { describe, expect, it } from "vitest";
import { appendAt, getIn, insertAt, moveAt, removeAt, setIn, updateIn } from "./update-in";

interface TestWave {
  name: string;
  trafficPercent: number;
  audience?: string;
  checklist?: Record<string, unknown>[];
  unknownWaveField?: string;
}

const plan: { name: string; flags: unknown[]; futureField: { keep: string[] }; waves: TestWave[] } = {
  name: "Checkout",
  flags: [{ key: "new-checkout", variants: { on: true } }],
  futureField: { keep: ["me"] },
  waves: [
    { name: "Internal", trafficPercent: 10, audience: "staff", checklist: [{ text: "a", group: "Ops", extra: 1 }] },
    { name: "Full", trafficPercent: 100, unknownWaveField: "x" },
  ],
};

describe("setIn", () => {
  it("changes one field and keeps every other field, known or not", () => {
    const next = setIn(plan, ["waves", 0, "trafficPercent"], 20);
    expect(next.waves[0].trafficPercent).toBe(20);
    expect(next).toEqual({ ...plan, waves: [{ ...plan.waves[0], trafficPercent: 20 }, plan.waves[1]] });
    expect(next.futureField).toBe(plan.futureField);
    expect(next.flags).toBe(plan.flags);
    expect(next.waves[1]).toBe(plan.waves[1]);
    expect(next.waves[0].checklist).toBe(plan.waves[0].checklist);
    expect(plan.waves[0].trafficPercent).toBe(10); // the original is never mutated
  });

  it("removes the key when the value is undefined, and creates nothing when it was absent", () => {
    const next = setIn(plan, ["waves", 0, "audience"], undefined);
    expect("audience" in next.waves[0]).toBe(false);
    expect(next.waves[0].checklist?.[0]).toEqual({ text: "a", group: "Ops", extra: 1 });
    expect(setIn(plan, ["hypercare", "durationSeconds"], undefined)).toBe(plan);
  });

  it("creates missing parents: objects for names, arrays for indexes", () => {
    const next = setIn({ name: "x" }, ["rollback", "levels", 0, "name"], "Flag off");
    expect(next).toEqual({ name: "x", rollback: { levels: [{ name: "Flag off" }] } });
  });

  it("replaces the root for an empty path", () => {
    expect(setIn(plan, [], 3)).toBe(3);
  });
});

describe("list edits", () => {
  it("appends to an existing list or creates it", () => {
    expect(appendAt(plan, ["waves", 1, "checklist"], { text: "b" }).waves[1]).toEqual({ ...plan.waves[1], checklist: [{ text: "b" }] });
    expect(appendAt(plan, ["waves"], { name: "New" }).waves).toHaveLength(3);
  });

  it("inserts at a position, clamped to the list", () => {
    expect(insertAt(plan, ["waves"], 1, { name: "Beta" }).waves.map((w) => w.name)).toEqual(["Internal", "Beta", "Full"]);
    expect(insertAt(plan, ["waves"], 99, { name: "Last" }).waves.map((w) => w.name)).toEqual(["Internal", "Full", "Last"]);
    expect(insertAt({}, ["triggers"], 0, { name: "t" })).toEqual({ triggers: [{ name: "t" }] });
  });

  it("removes an item and leaves the others and the unknown fields alone", () => {
    const next = removeAt(plan, ["waves"], 0);
    expect(next.waves).toEqual([plan.waves[1]]);
    expect(next.futureField).toBe(plan.futureField);
    expect(removeAt(plan, ["waves"], 5)).toBe(plan);
  });

  it("moves an item, clamped to the list", () => {
    const next = moveAt(plan, ["waves"], 1, 0);
    expect(next.waves.map((w) => w.name)).toEqual(["Full", "Internal"]);
    expect(next.waves[0]).toBe(plan.waves[1]);
    expect(moveAt(plan, ["waves"], 0, 9).waves.map((w) => w.name)).toEqual(["Full", "Internal"]);
    expect(moveAt(plan, ["waves"], 0, -1)).toBe(plan);
  });

  it("reads and updates through paths that do not exist", () => {
    expect(getIn(plan, ["waves", 7, "name"])).toBeUndefined();
    expect(getIn(plan, ["name", "length"])).toBeUndefined();
    expect(updateIn(plan, ["waves", 0, "trafficPercent"], (v) => Number(v) * 2).waves[0].trafficPercent).toBe(20);
  });
});
