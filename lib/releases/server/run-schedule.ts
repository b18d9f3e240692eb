// Plan v2: what the clock does to running releases on its own (auto-promotion, the end of hypercare, "overdue"
// alerts), decided by lib/releases/core/schedule.ts and applied through the one command path with actor "schedule".
import "server-only";
import { scheduleDue, SCHEDULE_ACTOR } from "../core/schedule";
import { db } from "../../platform/db/client";
import { applyCommand } from "./apply-command";
import { loadRelease, type LoadedRelease } from "./load-release";
import { trackGates } from "../core/programme";
import { trackPlan } from "../core/tracks";
import { mutateRelease } from "./mutate-release";
import { evaluateStartGates } from "../core/gates";
import { NO_STAGE_FACTS, stageGate } from "../core/stage-gate";
import { gateInputsOf } from "./release-view";

export async function runScheduleOnce(releaseId: string, now = new Date()): Promise<"continued" | "overdue" | null> {
  const loaded = await loadRelease(db(), releaseId);
  if (!loaded) return null;
  const { plan, state, row } = loaded;
  if (plan.tracks?.length) return runTrackSchedules(loaded, now);
  const due = scheduleDue(plan, state, gateInputsOf(loaded, now), row.overdueRaisedFor, row.commander);
  if (due.continueReason) {
    // Decided on this version: if a person moved the release meanwhile, the command is stale and nothing happens.
    const outcome = await applyCommand(releaseId, {
      command: { type: "continue", actor: SCHEDULE_ACTOR, reason: due.continueReason },
      expectedVersion: row.version,
    });
    return outcome.ok ? "continued" : null;
  }
  const overdue = due.overdue;
  if (!overdue) return null;
  const outcome = await mutateRelease(releaseId, {}, (inTx, at) => {
    // Raised once per wave entry, checked again against the state the transaction meets.
    const again = scheduleDue(inTx.plan, inTx.state, gateInputsOf(inTx, at), inTx.row.overdueRaisedFor, inTx.row.commander).overdue;
    if (!again || !inTx.state.waveStartedAt) return { ok: true, events: [] };
    const startedAt = inTx.state.waveStartedAt;
    return {
      ok: true,
      events: [
        {
          type: "wave_overdue",
          actor: SCHEDULE_ACTOR,
          reason: `Wave ${again.waveIndex + 1} "${again.wave}" passed its decision deadline (${Math.round(again.maxSeconds / 60)} min) without a decision`,
          at,
          before: null,
          after: null,
          data: { ...again },
        },
      ],
      write: async (tx) => {
        await tx.release.update({ where: { id: releaseId }, data: { overdueRaisedFor: startedAt } });
      },
    };
  });
  return outcome.ok && outcome.events.length > 0 ? "overdue" : null;
}

/**
 * Issue 22: each running track of a programme promotes itself when its own wave says autoContinue and its gates
 * are open. (Decision deadlines of track waves are not raised yet.)
 */
async function runTrackSchedules(loaded: LoadedRelease, now: Date): Promise<"continued" | null> {
  const inputs = gateInputsOf(loaded, now);
  for (const [index, track] of (loaded.plan.tracks ?? []).entries()) {
    const state = loaded.state.tracks?.[track.key];
    // Issue 25: a stage that promotes itself opens once its upstream soaks, approvals and promotion gate allow.
    if (track.autoPromote && state?.status === "draft") {
      if (stageGate(loaded.plan, track, loaded.state.tracks!, inputs.stages ?? NO_STAGE_FACTS, now).kind !== "open") continue;
      if (!evaluateStartGates(trackPlan(loaded.plan, track), trackGates(inputs, index, state)).open) continue;
      const outcome = await applyCommand(loaded.row.id, {
        command: { type: "start", actor: SCHEDULE_ACTOR, reason: `${track.name}: promoted automatically (autoPromote): upstream stages soaked, promotion gate met`, track: track.key },
        expectedVersion: loaded.row.version,
      });
      return outcome.ok ? "continued" : null;
    }
    if (state?.status !== "running") continue;
    const due = scheduleDue(trackPlan(loaded.plan, track), state, trackGates(inputs, index, state), null, loaded.row.commander);
    if (!due.continueReason) continue;
    const outcome = await applyCommand(loaded.row.id, {
      command: { type: "continue", actor: SCHEDULE_ACTOR, reason: `${track.name}: ${due.continueReason}`, track: track.key },
      expectedVersion: loaded.row.version,
    });
    // One move per pass: the next pass decides on the state this one wrote.
    return outcome.ok ? "continued" : null;
  }
  return null;
}

/** Releases the clock may act on: running ones whose plan asks for it, and every release in hypercare. */
export async function runSchedule(now = new Date()): Promise<void> {
  const candidates = await db().release.findMany({ where: { status: { in: ["running", "hypercare"] } }, select: { id: true, status: true, planJson: true } });
  for (const c of candidates) {
    if (c.status === "running" && !/"(autoContinue|maxSeconds|autoPromote)"/.test(c.planJson)) continue;
    await runScheduleOnce(c.id, now);
  }
}
