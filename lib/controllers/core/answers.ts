// Tidegate as the brain, the team's progressive-delivery controller as the hands: what Tidegate answers Flagger's
// webhooks and Argo Rollouts' web metric, from the same gates that guard CONTINUE and the same guardrail verdicts the
// board shows. Pure: the release's state, its current gate and its metric summaries come in; time comes in as `now`.
import type { GateStatus, UnmetGate } from "../../releases/core/gates";
import type { ReleaseStatus } from "../../releases/core/machine-types";

/** Flagger's webhook types Tidegate answers (docs/gitbook/usage/webhooks.md). `rollout`, `post-rollout`, `event` are not questions. */
export const FLAGGER_HOOKS = ["confirm-rollout", "pre-rollout", "confirm-traffic-increase", "confirm-promotion", "rollback"] as const;
export type FlaggerHook = (typeof FLAGGER_HOOKS)[number];

export type Verdict = "pass" | "fail" | "inconclusive";

/** One guardrail as the board shows it: its level, and (judged metrics) the judge's sentence. */
export interface MetricJudgement {
  metric: string;
  level: string;
  /** The judge's or the threshold's sentence ("error_rate: +0.8 pp (95 % CI +0.3 to +1.3) ..."). */
  detail: string | null;
  /** When the critical action is due (ms since epoch), null when none is. */
  actsAt: number | null;
  /** What the plan does on critical: rollback, pause or notify. */
  onCritical: string | null;
}

export interface ReleaseJudgement {
  releaseId: string;
  name: string;
  service: string;
  status: ReleaseStatus;
  currentWaveIndex: number;
  waveCount: number;
  trafficPercent: number;
  /** The gate of the next step forward (START in a draft, CONTINUE in a wave or hypercare); null when ended. */
  gate: (GateStatus & { action: string }) | null;
  metrics: MetricJudgement[];
  /** The last rollback's reason, when the release was rolled back (by whom and why). */
  rollbackReason: string | null;
  now: number;
}

export interface ControllerAnswer {
  verdict: Verdict;
  /** One sentence a person reads in the controller's log (Flagger's failed checks, Argo's measurement message). */
  reason: string;
  status: ReleaseStatus;
  wave: { index: number; of: number; trafficPercent: number };
  /** What still blocks the step forward, each in words. */
  unmet: { kind: UnmetGate["kind"]; message: string }[];
  metrics: { metric: string; level: string; detail: string | null }[];
}

/** A guardrail whose critical verdict is due and whose plan says roll back: Tidegate is rolling back (or about to). */
function dueRollbacks(j: ReleaseJudgement): MetricJudgement[] {
  return j.metrics.filter((m) => m.level === "critical" && m.onCritical === "rollback" && m.actsAt !== null && m.actsAt <= j.now);
}

function unmetOf(j: ReleaseJudgement) {
  return (j.gate?.unmet ?? []).map((u) => ({ kind: u.kind, message: u.message }));
}

/**
 * The release's verdict, as Argo's web metric reads it. fail: Tidegate rolled the release back, or a guardrail whose
 * plan says roll back is critical and due. pass: the step forward is open (the current wave's go/no-go is met,
 * hypercare is over) or the release completed. inconclusive: anything else (a draft, a pause, a gate still open: bake
 * time, sign-offs, checklist, evidence, a breach whose plan says pause), with what it waits for.
 */
export function judgeRelease(j: ReleaseJudgement, askedWave?: number): ControllerAnswer {
  const base = {
    status: j.status,
    wave: { index: j.currentWaveIndex, of: j.waveCount, trafficPercent: j.trafficPercent },
    unmet: unmetOf(j),
    metrics: j.metrics.map((m) => ({ metric: m.metric, level: m.level, detail: m.detail })),
  };
  if (j.status === "rolled_back") return { verdict: "fail", reason: `Tidegate rolled the release back${j.rollbackReason ? `: ${j.rollbackReason}` : ""}`, ...base };
  const due = dueRollbacks(j);
  if (due.length > 0 && (j.status === "running" || j.status === "paused" || j.status === "hypercare")) {
    return { verdict: "fail", reason: `Guardrail critical, the plan rolls back: ${due.map((m) => m.detail ?? m.metric).join("; ")}`, ...base };
  }
  if (j.status === "completed") return { verdict: "pass", reason: "The release completed", ...base };
  if (j.status === "draft") return { verdict: "inconclusive", reason: `The release has not started${waiting(base.unmet)}`, ...base };
  if (j.status === "paused") return { verdict: "inconclusive", reason: `The release is paused in Tidegate${waiting(base.unmet)}`, ...base };
  // Argo names the wave its step stands for (1-based): a wave Tidegate left is passed; one it has not reached waits.
  if (askedWave !== undefined && j.status === "running") {
    if (askedWave < j.currentWaveIndex + 1) return { verdict: "pass", reason: `Tidegate is past wave ${askedWave}: at wave ${j.currentWaveIndex + 1} of ${j.waveCount} (${j.trafficPercent} %)`, ...base };
    if (askedWave > j.currentWaveIndex + 1) return { verdict: "inconclusive", reason: `Tidegate has not reached wave ${askedWave}: at wave ${j.currentWaveIndex + 1} of ${j.waveCount} (${j.trafficPercent} %)`, ...base };
  }
  if (askedWave !== undefined && j.status === "hypercare") return { verdict: "pass", reason: "Tidegate promoted the release: hypercare", ...base };
  if (j.gate?.open) {
    const step = j.status === "hypercare" ? "hypercare is over" : `go/no-go of wave ${j.currentWaveIndex + 1} of ${j.waveCount} (${j.trafficPercent} %) is met`;
    return { verdict: "pass", reason: `The ${step}`, ...base };
  }
  return { verdict: "inconclusive", reason: `Holding at wave ${j.currentWaveIndex + 1} of ${j.waveCount} (${j.trafficPercent} %)${waiting(base.unmet)}`, ...base };
}

function waiting(unmet: { message: string }[]): string {
  if (unmet.length === 0) return "";
  const shown = unmet.slice(0, 5).map((u) => u.message);
  return `: ${shown.join("; ")}${unmet.length > shown.length ? `; and ${unmet.length - shown.length} more` : ""}`;
}

export interface HookAnswer {
  /** go: 200 (Flagger advances, or for `rollback`: rolls back); hold: 403 (Flagger waits, or keeps the canary). */
  answer: "go" | "hold";
  reason: string;
  verdict: ControllerAnswer;
}

/**
 * Flagger's question, answered from the verdict:
 * - confirm-rollout, pre-rollout: go once the release runs in Tidegate (START was given), unless it must roll back;
 * - confirm-traffic-increase: go when the current wave's go/no-go is met (verdict pass);
 * - confirm-promotion: go when the last wave's go/no-go is met, in hypercare once it is over, or completed;
 * - rollback: go (200, Flagger rolls back and fails the canary) exactly when the verdict is fail.
 */
export function answerFlaggerHook(hook: FlaggerHook, j: ReleaseJudgement): HookAnswer {
  const verdict = judgeRelease(j);
  const hold = (reason: string): HookAnswer => ({ answer: "hold", reason, verdict });
  const go = (reason: string): HookAnswer => ({ answer: "go", reason, verdict });
  if (hook === "rollback") return verdict.verdict === "fail" ? go(verdict.reason) : hold(`No rollback: ${verdict.reason}`);
  if (verdict.verdict === "fail") return hold(verdict.reason);
  switch (hook) {
    case "confirm-rollout":
    case "pre-rollout":
      if (j.status === "draft") return hold(verdict.reason);
      if (j.status === "paused") return hold(verdict.reason);
      return go(`The release runs in Tidegate (wave ${j.currentWaveIndex + 1} of ${j.waveCount}, ${j.trafficPercent} %)`);
    case "confirm-traffic-increase":
      return verdict.verdict === "pass" ? go(verdict.reason) : hold(verdict.reason);
    case "confirm-promotion":
      // Tidegate promoted already: hypercare watches the full rollout, a completed release is done.
      if (j.status === "completed" || j.status === "hypercare") return go(`Tidegate promoted the release (${j.status})`);
      if (j.currentWaveIndex < j.waveCount - 1) return hold(`Not promoted yet: Tidegate is at wave ${j.currentWaveIndex + 1} of ${j.waveCount} (${j.trafficPercent} %)`);
      return verdict.verdict === "pass" ? go(verdict.reason) : hold(verdict.reason);
  }
}
