// Issue 24: a traffic router that has not confirmed the wave's weights blocks CONTINUE; PAUSE and ROLLBACK still go.
import { describe, expect, it } from "vitest";
import { PlanSchema } from "../../plans/core/plan";
import type { GateInputs, TrafficRouterStatus } from "./gates";
import { evaluateWaveGates } from "./gates";
import { decide, type ReleaseState } from "./machine";

const T0 = new Date("2030-01-01T00:00:00.000Z");
const plan = PlanSchema.parse({
  name: "Checkout",
  service: "checkout",
  version: "2",
  traffic: { router: "edge" },
  waves: [10, 25, 100].map((trafficPercent) => ({ name: `${trafficPercent}%`, trafficPercent })),
});
const running: ReleaseState = { status: "running", currentWaveIndex: 0, trafficPercent: 10, waveStartedAt: T0 };
const gates = (traffic?: TrafficRouterStatus): GateInputs => ({ now: T0, waveStartedAt: T0, checklist: [], signoffs: [], criticalBreaches: [], traffic });
const router = (status: TrafficRouterStatus["status"], detail: string | null = null): TrafficRouterStatus => ({ router: "edge", status, askedPercent: 10, detail });

describe("the traffic router gate", () => {
  it("is open once the router confirmed the wave's weights, and when the plan names no router", () => {
    expect(evaluateWaveGates(plan, 0, gates(router("applied"))).open).toBe(true);
    expect(evaluateWaveGates(plan, 0, gates()).open).toBe(true);
  });

  it.each([
    ["pending", /waiting for the read-back of 10%/],
    ["unconfirmed", /has not confirmed 10%: ECONNREFUSED \(retrying\)/],
    ["drift", /weights changed outside Tidegate.*the commander decides/],
  ] as const)("is unmet while %s, saying so", (status, message) => {
    const g = evaluateWaveGates(plan, 0, gates(router(status, "ECONNREFUSED")));
    expect(g.open).toBe(false);
    expect(g.unmet).toEqual([expect.objectContaining({ kind: "traffic", router: "edge", status, message: expect.stringMatching(message) })]);
  });

  it("given an unconfirmed router: CONTINUE is refused, PAUSE and ROLLBACK are decided as ever", () => {
    const unconfirmed = gates(router("unconfirmed", "ECONNREFUSED"));
    const refused = decide(plan, running, { type: "continue", actor: "alice" }, unconfirmed);
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.refusal.code).toBe("gates_unmet");
    const paused = decide(plan, running, { type: "pause", actor: "alice" }, unconfirmed);
    expect(paused.ok && paused.state.status).toBe("paused");
    const rolledBack = decide(plan, running, { type: "rollback", actor: "alice", reason: "router down" }, unconfirmed);
    expect(rolledBack.ok && rolledBack.state).toMatchObject({ status: "rolled_back", trafficPercent: 0 });
  });
});
