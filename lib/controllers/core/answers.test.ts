// What Tidegate tells Flagger and Argo Rollouts, for each release state: given the release's judgement, when the
// controller asks, then this answer.
import { describe, expect, it } from "vitest";
import { answerFlaggerHook, FLAGGER_HOOKS, judgeRelease, type ReleaseJudgement } from "./answers";

const NOW = Date.parse("2026-12-07T12:00:00Z");
const bake = { kind: "bake" as const, message: "Bake time: 4m of 5m still to go", remainingSeconds: 240, readyAt: "2026-12-07T12:04:00Z" };

function judgement(overrides: Partial<ReleaseJudgement> = {}): ReleaseJudgement {
  return {
    releaseId: "r1",
    name: "checkout 2.4",
    service: "checkout",
    status: "running",
    currentWaveIndex: 0,
    waveCount: 3,
    trafficPercent: 10,
    gate: { action: "continue", open: true, unmet: [] },
    metrics: [{ metric: "error_rate", level: "ok", detail: "error_rate: no difference", actsAt: null, onCritical: "rollback" }],
    rollbackReason: null,
    now: NOW,
    ...overrides,
  };
}

const answers = (j: ReleaseJudgement) => Object.fromEntries(FLAGGER_HOOKS.map((h) => [h, answerFlaggerHook(h, j).answer]));

describe("the verdict (Argo's web metric)", () => {
  it("passes when the current wave's go/no-go is met", () => {
    expect(judgeRelease(judgement())).toMatchObject({ verdict: "pass", reason: "The go/no-go of wave 1 of 3 (10 %) is met", wave: { index: 0, of: 3, trafficPercent: 10 } });
  });

  it("is inconclusive while a gate is open, naming what it waits for", () => {
    const v = judgeRelease(judgement({ gate: { action: "continue", open: false, unmet: [bake] } }));
    expect(v.verdict).toBe("inconclusive");
    expect(v.reason).toBe("Holding at wave 1 of 3 (10 %): Bake time: 4m of 5m still to go");
    expect(v.unmet).toEqual([{ kind: "bake", message: bake.message }]);
  });

  it("is inconclusive in a draft and while paused, even with the gate open", () => {
    expect(judgeRelease(judgement({ status: "draft", gate: { action: "start", open: true, unmet: [] } })).verdict).toBe("inconclusive");
    expect(judgeRelease(judgement({ status: "paused" })).reason).toBe("The release is paused in Tidegate");
  });

  it("fails once rolled back, saying who and why", () => {
    expect(judgeRelease(judgement({ status: "rolled_back", gate: null, rollbackReason: "ana@example.com: 502s on pay" }))).toMatchObject({
      verdict: "fail",
      reason: "Tidegate rolled the release back: ana@example.com: 502s on pay",
    });
  });

  it("fails when a guardrail whose plan rolls back is critical and due, not before, and not for one that pauses", () => {
    const critical = (actsAt: number, onCritical: string) => judgement({ metrics: [{ metric: "error_rate", level: "critical", detail: "error_rate: +2 pp", actsAt, onCritical }] });
    expect(judgeRelease(critical(NOW - 1, "rollback"))).toMatchObject({ verdict: "fail", reason: "Guardrail critical, the plan rolls back: error_rate: +2 pp" });
    expect(judgeRelease(critical(NOW + 10_000, "rollback")).verdict).toBe("pass"); // the gate decides until the breach is sustained
    expect(judgeRelease(critical(NOW - 1, "pause")).verdict).toBe("pass");
  });

  it("passes when completed, and by wave when Argo names the wave its step stands for", () => {
    expect(judgeRelease(judgement({ status: "completed", gate: null })).verdict).toBe("pass");
    const atWave2Holding = judgement({ currentWaveIndex: 1, trafficPercent: 50, gate: { action: "continue", open: false, unmet: [bake] } });
    expect(judgeRelease(atWave2Holding, 1)).toMatchObject({ verdict: "pass", reason: "Tidegate is past wave 1: at wave 2 of 3 (50 %)" });
    expect(judgeRelease(atWave2Holding, 2).verdict).toBe("inconclusive");
    expect(judgeRelease(judgement({ currentWaveIndex: 1, trafficPercent: 50 }), 3)).toMatchObject({ verdict: "inconclusive", reason: "Tidegate has not reached wave 3: at wave 2 of 3 (50 %)" });
  });
});

describe("Flagger's webhooks", () => {
  it("in a draft: everything holds, no rollback", () => {
    expect(answers(judgement({ status: "draft", gate: { action: "start", open: false, unmet: [] } }))).toEqual({
      "confirm-rollout": "hold",
      "pre-rollout": "hold",
      "confirm-traffic-increase": "hold",
      "confirm-promotion": "hold",
      rollback: "hold",
    });
  });

  it("running with the wave's gate open: roll out and increase traffic; promotion waits for the last wave", () => {
    expect(answers(judgement())).toEqual({ "confirm-rollout": "go", "pre-rollout": "go", "confirm-traffic-increase": "go", "confirm-promotion": "hold", rollback: "hold" });
    expect(answerFlaggerHook("confirm-promotion", judgement()).reason).toBe("Not promoted yet: Tidegate is at wave 1 of 3 (10 %)");
    expect(answerFlaggerHook("confirm-promotion", judgement({ currentWaveIndex: 2, trafficPercent: 100 })).answer).toBe("go");
  });

  it("running with the wave's gate not met: traffic increase holds with the reason", () => {
    const holding = answerFlaggerHook("confirm-traffic-increase", judgement({ gate: { action: "continue", open: false, unmet: [bake] } }));
    expect(holding).toMatchObject({ answer: "hold", reason: "Holding at wave 1 of 3 (10 %): Bake time: 4m of 5m still to go" });
  });

  it("paused: everything holds; rolled back: only the rollback hook says go", () => {
    expect(answers(judgement({ status: "paused" }))).toEqual({ "confirm-rollout": "hold", "pre-rollout": "hold", "confirm-traffic-increase": "hold", "confirm-promotion": "hold", rollback: "hold" });
    expect(answers(judgement({ status: "rolled_back", gate: null }))).toEqual({
      "confirm-rollout": "hold",
      "pre-rollout": "hold",
      "confirm-traffic-increase": "hold",
      "confirm-promotion": "hold",
      rollback: "go",
    });
  });

  it("hypercare and completed: promoted", () => {
    expect(answerFlaggerHook("confirm-promotion", judgement({ status: "hypercare", gate: { action: "continue", open: false, unmet: [bake] } })).answer).toBe("go");
    expect(answerFlaggerHook("confirm-promotion", judgement({ status: "completed", gate: null })).answer).toBe("go");
    expect(answerFlaggerHook("rollback", judgement({ status: "completed", gate: null })).answer).toBe("hold");
  });
});
