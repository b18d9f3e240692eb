import { describe, expect, it } from "vitest";
import { nextStep } from "./next-step";

const NOW = Date.parse("2026-12-07T14:00:00.000Z");
const waves = [10, 25, 50, 100].map((trafficPercent, index) => ({ index, trafficPercent, name: `W${index + 1}` }));
const bake = (minutes: number) => ({ kind: "bake", message: "bake", remainingSeconds: minutes * 60, readyAt: new Date(NOW + minutes * 60_000).toISOString() });
const signoff = (role: string, rejectedBy?: string) => ({ kind: "signoff", message: role, role, ...(rejectedBy ? { rejectedBy } : {}) });
const item = { kind: "checklist", message: "x", itemId: "c1", text: "Dashboards checked", ownerRole: "SRE", state: "open" };
const view = (status: string, unmet: unknown[], currentWaveIndex = 0) =>
  ({ status, currentWaveIndex, waves, gate: { action: status === "draft" ? "start" : "continue", open: unmet.length === 0, unmet } }) as never;

describe("nextStep: what the wall says comes next", () => {
  it("names the next wave and every kind of blocker, with the bake time's end", () => {
    expect(nextStep(view("running", [bake(20), signoff("QA"), signoff("PM"), item]), NOW)).toEqual({
      tone: "no-go",
      text: "NO-GO for wave 2 (25%): 2 sign-offs missing, 1 checklist item open · bake ready at 14:20:00",
    });
    expect(nextStep(view("running", [signoff("QA", "qa@x")], 1), NOW)?.text).toBe("NO-GO for wave 3 (50%): 1 sign-off rejected");
  });

  it("says when the wave is ready once only time is missing, and GO once nothing is", () => {
    expect(nextStep(view("running", [bake(20)]), NOW)).toEqual({ tone: "wait", text: "Wave 2 (25%) ready at 14:20:00" });
    // A bake time that ended since the server answered no longer holds the wave.
    expect(nextStep(view("running", [bake(20)]), NOW + 21 * 60_000)).toEqual({ tone: "go", text: "GO for wave 2 (25%): ready now" });
    expect(nextStep(view("paused", []), NOW)?.text).toBe("Wave 2 (25%): gates met, waiting for RESUME");
  });

  it("says nothing for a draft, a finished or rolled-back release", () => {
    expect(nextStep(view("draft", []), NOW)).toBeNull();
    expect(nextStep({ ...(view("rolled_back", []) as object), gate: null } as never, NOW)).toBeNull();
    expect(nextStep({ ...(view("completed", []) as object), gate: null } as never, NOW)).toBeNull();
  });
});
