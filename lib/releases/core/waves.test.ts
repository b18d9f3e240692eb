// Tests for per-wave status derived from the release state.
import { describe, it, expect } from "vitest";
import { initialState, type ReleaseState, type ReleaseStatus } from "./machine";
import { PlanSchema } from "../../plans/core/plan";
import { waveStatus, waveStatuses } from "./waves";

const STARTED = new Date("2030-03-01T09:00:00.000Z");
const plan = PlanSchema.parse({
  name: "Checkout v2",
  service: "checkout",
  version: "2.0.0",
  waves: [
    { name: "Canary", trafficPercent: 10 },
    { name: "Early", trafficPercent: 25 },
    { name: "Half", trafficPercent: 50 },
    { name: "Full", trafficPercent: 100 },
  ],
});

const state = (status: ReleaseStatus, currentWaveIndex: number, trafficPercent: number): ReleaseState => ({
  status,
  currentWaveIndex,
  trafficPercent,
  waveStartedAt: status === "draft" ? null : STARTED,
});

describe("waveStatus / waveStatuses", () => {
  it("shows every wave pending for a draft", () => {
    expect(waveStatuses(plan, initialState())).toEqual(["pending", "pending", "pending", "pending"]);
    expect(waveStatus(initialState(), 0)).toBe("pending");
  });

  it("running: earlier waves done, current active, later pending", () => {
    expect(waveStatuses(plan, state("running", 1, 25))).toEqual(["done", "active", "pending", "pending"]);
    expect(waveStatuses(plan, state("running", 0, 10))).toEqual(["active", "pending", "pending", "pending"]);
  });

  it("paused: the current wave is paused", () => {
    expect(waveStatuses(plan, state("paused", 2, 50))).toEqual(["done", "done", "paused", "pending"]);
  });

  it("completed: every wave is done", () => {
    expect(waveStatuses(plan, state("completed", 3, 100))).toEqual(["done", "done", "done", "done"]);
  });

  it("rolled_back: the wave it was rolled back from is marked, later ones stay pending", () => {
    expect(waveStatuses(plan, state("rolled_back", 1, 0))).toEqual(["done", "rolled_back", "pending", "pending"]);
    expect(waveStatuses(plan, state("rolled_back", 3, 0))).toEqual(["done", "done", "done", "rolled_back"]);
  });

  it("has one entry per wave", () => {
    expect(waveStatuses(plan, state("running", 2, 50))).toHaveLength(plan.waves.length);
  });
});
