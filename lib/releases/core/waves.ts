// Per-wave status for steppers and APIs, derived from the release state so it can never disagree with it.
import type { ReleaseState } from "./machine";
import type { Plan } from "../../plans/core/plan";

export type WaveStatus = "pending" | "active" | "paused" | "done" | "rolled_back";

export function waveStatus(state: ReleaseState, index: number): WaveStatus {
  if (state.status === "draft") return "pending";
  if (index < state.currentWaveIndex) return "done";
  if (index > state.currentWaveIndex) return "pending";
  switch (state.status) {
    case "running":
      return "active";
    case "paused":
      return "paused";
    case "completed":
    case "hypercare":
      return "done";
    case "rolled_back":
      return "rolled_back";
  }
}

export function waveStatuses(plan: Plan, state: ReleaseState): WaveStatus[] {
  return plan.waves.map((_, i) => waveStatus(state, i));
}
