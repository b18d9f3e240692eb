// What happens after a ROLLBACK with a plan v2 rollback level: the level's steps become a checklist, its time
// objective is watched (an alert when it passes with steps still open) and its verification is judged once its
// window is over (an alert when the condition does not hold, or cannot be judged for lack of data). Pure.
import { compare } from "../../guardrails/core/health";
import type { TypedEventOf } from "./events";
import type { Comparator, Plan } from "../../plans/core/plan";

export interface RollbackRecord {
  run: number;
  /** 1-based level of plan.rollback.levels. */
  level: number;
  levelName: string;
  /** When the rollback was committed (ISO). */
  at: string;
  objectiveSeconds: number | null;
  verification: { metric: string; comparator: Comparator; threshold: number; withinSeconds: number } | null;
  objective: "pending" | "met" | "missed" | "none";
  verified: "pending" | "passed" | "failed" | "none";
}

export function rollbackRecordOf(plan: Plan, level: number, run: number, at: Date): RollbackRecord | null {
  const spec = plan.rollback?.levels[level - 1];
  if (!spec) return null;
  return {
    run,
    level,
    levelName: spec.name,
    at: at.toISOString(),
    objectiveSeconds: spec.objectiveSeconds ?? null,
    verification: spec.verification ?? null,
    objective: spec.objectiveSeconds ? "pending" : "none",
    verified: spec.verification ? "pending" : "none",
  };
}

export type FollowUpEvent =
  | (TypedEventOf<"rollback_verified"> & { reason: string })
  | (TypedEventOf<"rollback_alert"> & { reason: string });

export interface FollowUpInput {
  now: Date;
  /** Every step of the level is ticked (met or waived). */
  stepsDone: boolean;
  /** The verification metric's canary mean over the last window before now; null without data. */
  value: number | null;
}

/** The record after this look, and the events to write (each alert or verdict exactly once). */
export function followUpRollback(record: RollbackRecord, input: FollowUpInput): { record: RollbackRecord; events: FollowUpEvent[] } {
  const next = { ...record };
  const events: FollowUpEvent[] = [];
  const since = input.now.getTime() - new Date(record.at).getTime();
  const name = `level ${record.level} "${record.levelName}"`;

  if (next.objective === "pending") {
    if (input.stepsDone) next.objective = "met";
    else if (record.objectiveSeconds !== null && since >= record.objectiveSeconds * 1000) {
      next.objective = "missed";
      events.push({
        type: "rollback_alert",
        reason: `Rollback ${name} passed its time objective (${formatSeconds(record.objectiveSeconds)}) with steps still open`,
        data: { level: record.level, kind: "objective_missed" },
      });
    }
  }

  const v = record.verification;
  if (next.verified === "pending" && v && since >= v.withinSeconds * 1000) {
    const condition = `${v.metric} ${v.comparator} ${v.threshold}`;
    if (input.value !== null && compare(v.comparator, input.value, v.threshold)) {
      next.verified = "passed";
      events.push({
        type: "rollback_verified",
        reason: `Rollback ${name} verified: ${v.metric} is ${round(input.value)} (${condition}) ${formatSeconds(v.withinSeconds)} after the rollback`,
        data: { level: record.level, metric: v.metric, value: input.value },
      });
    } else {
      next.verified = "failed";
      events.push({
        type: "rollback_alert",
        reason:
          input.value === null
            ? `Rollback ${name} could not be verified: no ${v.metric} data in the last minute (expected ${condition}); check by hand`
            : `Rollback ${name} verification failed: ${v.metric} is ${round(input.value)}, expected ${condition} within ${formatSeconds(v.withinSeconds)}`,
        data: { level: record.level, kind: "verification_failed", metric: v.metric, value: input.value },
      });
    }
  }
  return { record: next, events };
}

/** True while something is still to be judged: the background follow-up keeps looking at the release. */
export function followUpPending(record: RollbackRecord | null): boolean {
  return !!record && (record.objective === "pending" || record.verified === "pending");
}

function round(v: number): string {
  return String(Number(v.toPrecision(4)));
}

function formatSeconds(s: number): string {
  if (s < 120) return `${s}s`;
  if (s < 7200) return `${Math.round(s / 60)} min`;
  return `${Math.round(s / 3600)} h`;
}
