// Issue 25: the generic promotion wait for CI systems (GitLab, Jenkins): hold the request until a stage opens (or
// completes), is rolled back or blocked, or the bounded timeout passes. Woken by this process's commits and a 1 s
// look at the database (another instance's commits, soaks that end by the clock). Waiters are bounded.
import "server-only";
import { db } from "../../platform/db/client";
import { appError, HttpError, notFound } from "../../platform/http/app-error";
import { onCommitted } from "../../platform/outbox/committed-signal";
import { loadRelease } from "../../releases/server/load-release";
import { gateInputsOf } from "../../releases/server/release-view";
import { NO_STAGE_FACTS, stageGate } from "../../releases/core/stage-gate";
import { evaluateStartGates } from "../../releases/core/gates";
import { trackGates } from "../../releases/core/programme";
import { trackPlan } from "../../releases/core/tracks";
import { judgeStageWait, WAIT_EXIT, type StageWaitUntil } from "../core/stage-wait";

export const MAX_WAITERS = 200;
export { MAX_WAIT_SECONDS } from "../core/stage-wait";
const LOOK_EVERY_MS = 1_000;

const holder = globalThis as unknown as { __tidegateStageWaiters?: { count: number } };
const waiters = () => (holder.__tidegateStageWaiters ??= { count: 0 });

export interface StageWaitAnswer {
  done: boolean;
  exitCode: number;
  outcome: "open" | "completed" | "rolled_back" | "blocked" | "timeout";
  message: string;
  stage: { key: string; name: string; environment: string | null; status: string; waitingFor: string | null; unmet: string[] };
  waitedMs: number;
}

/** Where a stage stands now: its status, its gate while in draft, and what holds it. */
export async function stageNow(releaseId: string, key: string, now = new Date()) {
  const loaded = await loadRelease(db(), releaseId);
  if (!loaded) throw new HttpError(notFound("Release", releaseId));
  const tracks = loaded.plan.tracks ?? [];
  const index = tracks.findIndex((t) => t.key === key);
  if (index < 0) {
    throw new HttpError(appError(404, "not_found", `"${key}" is not a stage of this release (tracks: ${tracks.map((t) => t.key).join(", ") || "none"})`, { stage: key }));
  }
  const track = tracks[index];
  const state = loaded.state.tracks![key];
  const inputs = gateInputsOf(loaded, now);
  const gate = state.status === "draft" ? stageGate(loaded.plan, track, loaded.state.tracks!, inputs.stages ?? NO_STAGE_FACTS, now) : null;
  const start = state.status === "draft" ? evaluateStartGates(trackPlan(loaded.plan, track), trackGates(inputs, index, state)) : null;
  // A rejected promotion sign-off fails the gate as a breach in a soak does: a person must act.
  const rejected = start?.unmet.find((u) => u.kind === "signoff" && u.rejectedBy);
  const effective = gate?.kind !== "failed" && rejected ? { kind: "failed" as const, message: `${track.name}: ${rejected.message}`, blockers: [rejected.message] } : gate;
  return {
    loaded,
    track,
    state,
    gate: effective,
    view: {
      key,
      name: track.name,
      environment: track.environment ?? null,
      status: state.status,
      waitingFor: effective && effective.kind !== "open" ? effective.message : null,
      unmet: start?.unmet.map((u) => u.message) ?? [],
    },
  };
}

export async function waitForStage(releaseId: string, key: string, until: StageWaitUntil, timeoutSeconds: number, signal?: AbortSignal): Promise<StageWaitAnswer> {
  const counter = waiters();
  if (counter.count >= MAX_WAITERS) {
    throw new HttpError(appError(429, "too_many_waiters", `${MAX_WAITERS} requests are waiting already; try again shortly`, { limit: MAX_WAITERS }));
  }
  counter.count++;
  const started = Date.now();
  let wake: (() => void) | null = null;
  const unsubscribe = onCommitted((messages) => {
    if (messages.some((m) => m.event.releaseId === releaseId)) wake?.();
  });
  const onAbort = () => wake?.();
  signal?.addEventListener("abort", onAbort);
  try {
    for (;;) {
      const now = stageNow(releaseId, key);
      const { gate, state, view } = await now;
      const verdict = judgeStageWait(until, { name: view.name, status: state.status }, gate);
      const waitedMs = Date.now() - started;
      if (verdict.done) return { done: true, exitCode: verdict.exitCode, outcome: verdict.outcome, message: verdict.message, stage: view, waitedMs };
      const left = timeoutSeconds * 1000 - waitedMs;
      if (left <= 0 || signal?.aborted) {
        return { done: false, exitCode: WAIT_EXIT.timeout, outcome: "timeout", message: `timed out after ${timeoutSeconds} s: ${view.waitingFor ?? `${view.name} is ${view.status}`}`, stage: view, waitedMs };
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(LOOK_EVERY_MS, left));
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wake = null;
    }
  } finally {
    counter.count--;
    unsubscribe();
    signal?.removeEventListener("abort", onAbort);
  }
}
