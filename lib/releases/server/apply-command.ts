// Applies a commander's command to a release through the state machine, checked against what the person decided
// on: the run, the status and the wave. Bookkeeping since they looked (a tick, a sign-off, a guardrail event)
// never refuses a command, and the stop commands (PAUSE, ROLLBACK) apply whenever they are legal in the state
// they meet.
import "server-only";
import { createHash } from "node:crypto";
import { episodesClosedByRunEnd } from "../../guardrails/core/guardrail-step";
import { STATE_CHANGING_EVENTS, parseStoredEvent } from "../core/events";
import type { UnmetGate } from "../core/gates";
import { decide, type Command, type DomainEvent, type DomainEventOf } from "../core/machine";
import { triggersAt } from "../../plans/core/plan";
import { rollbackRecordOf } from "../core/rollback-follow-up";
import { reopenedBy } from "../core/reopen";
import { SCHEDULE_ACTOR } from "../core/schedule";
import { runGateChecks } from "../../webhooks/server/run-gate-checks";
import { recordRollbackLevel } from "./record-rollback-level";
import type { Tx } from "../../platform/db/client";
import { assertFlagKeysFree } from "../../flags/server/assert-flag-keys-free";
import type { LoadedRelease } from "./load-release";
import { nextReferenceLevels } from "./reference-levels";
import { gateInputsOf } from "./release-view";
import { mutateRelease, type Change, type MutateOutcome } from "./mutate-release";
import { logCommand, logNotice } from "../../platform/logging/ops-log";
import { TOKEN_ACTOR_PREFIX } from "../../auth/server/actor";

export interface CommandRequest {
  command: Command;
  actorRole?: string | null;
  expectedVersion?: number;
  idempotencyKey?: string;
  /**
   * Plan v2: the name of a manual trigger being declared. Its prescribed action (and rollback level) replaces the
   * command's; the declaration is recorded (`trigger_declared`) even when the action is not legal in the state it
   * meets (a "pause" trigger on a paused release).
   */
  trigger?: string;
}

const STOP_COMMANDS = new Set(["pause", "rollback"]);
const MACHINE_ACTORS = new Set(["guardrail", "traffic-hook", "traffic-router"]);

export async function applyCommand(releaseId: string, request: CommandRequest): Promise<MutateOutcome> {
  const outcome = await decideAndWrite(releaseId, request);
  const { command } = request;
  const asked = { releaseId, actor: command.actor, action: command.type, track: command.track, reason: command.reason, override: command.override || undefined, breakFreeze: command.breakFreeze ? true : undefined };
  if (!outcome.ok) logCommand({ ...asked, outcome: "refused", httpStatus: outcome.error.status, code: outcome.error.code });
  else {
    const { status, currentWaveIndex, trafficPercent, version } = outcome.release;
    logCommand({ ...asked, outcome: outcome.replayed ? "replayed" : "applied", status, waveIndex: currentWaveIndex, trafficPercent, version });
  }
  return outcome;
}

async function decideAndWrite(releaseId: string, request: CommandRequest): Promise<MutateOutcome> {
  const { command, expectedVersion } = request;
  // External gate checks answer right before the gate is judged (not a minute-old answer), outside the transaction.
  if (command.type === "start" || command.type === "continue") await runGateChecks(releaseId);
  // The caller is part of the fingerprint: another user's reuse of a key is refused, never answered with
  // the first user's result.
  const fingerprint = createHash("sha256")
    .update(JSON.stringify([command.actor, command.type, command.reason ?? null, !!command.override, expectedVersion ?? null, command.level ?? null, request.trigger ?? null, command.track ?? null, command.breakFreeze?.reason ?? null]))
    .digest("hex");
  return mutateRelease(
    releaseId,
    { expectedVersion, idempotencyKey: request.idempotencyKey, fingerprint, versionCheck: "decider" },
    async (loaded, now, tx): Promise<Change> => {
      // Did the run, status or wave move since the person looked?
      const stateMoved = expectedVersion !== undefined && expectedVersion < loaded.row.stateVersion;
      const stale = { ok: false as const, conflict: true as const, refusal: { code: "version_conflict", message: "stale" } };
      // A version from the future was never seen by anyone: nothing the person decided on can be trusted.
      if (expectedVersion !== undefined && expectedVersion > loaded.row.version) return stale;
      let declared: DomainEventOf<"trigger_declared"> | null = null;
      let effective = command;
      if (request.trigger !== undefined) {
        const trigger = triggersAt(loaded.plan, loaded.state.currentWaveIndex).find((t) => t.name === request.trigger);
        if (!trigger) {
          return { ok: false, refusal: { code: "not_found", message: `"${request.trigger}" is not a trigger of this plan in this wave`, details: { trigger: request.trigger } } };
        }
        const reason = command.reason?.trim() || `Trigger declared: ${trigger.name}`;
        declared = {
          type: "trigger_declared",
          actor: command.actor,
          reason,
          at: now,
          before: null,
          after: null,
          data: { name: trigger.name, action: trigger.action, ...(trigger.level ? { level: trigger.level } : {}), wave: loaded.plan.waves[loaded.state.currentWaveIndex]?.name ?? "", applied: trigger.action === "notify" },
        };
        if (trigger.action === "notify") return { ok: true, events: [declared], actorRole: request.actorRole ?? null };
        effective = { type: trigger.action, actor: command.actor, reason, level: trigger.level, track: command.track };
      }
      // Declaring a trigger is like pressing a stop button: it applies to whatever state it meets.
      if (!STOP_COMMANDS.has(effective.type) && !declared && stateMoved) return stale;

      const decision = decide(loaded.plan, loaded.state, effective, gateInputsOf(loaded, now));
      if (!decision.ok) {
        if (declared) {
          const refused = { ...declared, data: { ...declared.data, applied: false, refusal: decision.refusal.message } };
          return { ok: true, events: [refused], actorRole: request.actorRole ?? null };
        }
        // A stop command that is no longer legal (someone rolled back first) is a conflict that names who.
        return stateMoved ? stale : decision;
      }
      if (declared) declared.data.applied = true;
      if (command.override && expectedVersion !== undefined && expectedVersion < loaded.row.version) {
        const unmet = decision.events.find((e) => e.type === "override")?.data.unmet as UnmetGate[] | undefined;
        if (unmet && (await gateMovedSince(tx, loaded, expectedVersion, unmet))) return stale;
      }
      // A retry takes the release's flags back: refused while another active release has claimed one since.
      if (command.type === "retry" && loaded.row.flagKeys) await assertFlagKeysFree(tx, JSON.parse(loaded.row.flagKeys) as string[], loaded.row.id);
      const references = await nextReferenceLevels(tx, loaded, decision.state, now);
      const rolledBack = decision.events.find((e) => e.type === "rolled_back");
      const rollback = rolledBack?.data.level ? rollbackRecordOf(loaded.plan, rolledBack.data.level, loaded.row.run, now) : null;
      // Issue 22: a programme's retried track keeps its ticks for now (reopening per track is not built yet).
      const reopened = decision.state.tracks
        ? { itemIds: [], signoffWaves: [] }
        : reopenedBy(
            loaded.state,
            decision.state,
            loaded.checklist.map((c, k) => ({ ...c, bound: loaded.checklistRows[k].metricJson !== null })),
            loaded.signoffs,
            loaded.plan.waves.length,
          );
      const reopenedSignoffs = loaded.signoffs.filter((s) => reopened.signoffWaves.includes(s.waveIndex)).length;
      for (const e of decision.events) {
        if (e.type === "retried" || e.type === "stepped_back") Object.assign(e.data, { reopenedItems: reopened.itemIds.length, reopenedSignoffs });
      }
      // The guardrail, the schedule and a failing traffic hook act on their own, and a pipeline's API token starts
      // releases for people: none of them becomes the commander (a token could not tick unowned items or hand over).
      const human = !MACHINE_ACTORS.has(command.actor) && command.actor !== SCHEDULE_ACTOR && !command.actor.startsWith(TOKEN_ACTOR_PREFIX);
      const claims = human && loaded.row.commander === null;
      const closing = episodesClosedByRunEnd(loaded.state, decision.state, loaded.openAlerts.map(toLevel), loaded.row.run, now);
      return {
        ok: true,
        state: decision.state,
        events: [...(declared ? [declared] : []), ...decision.events, ...closing, ...(claims ? [claimEvent(command.actor, now)] : [])],
        // The commander is an explicit role (issue 15): the first person to command the release takes it; after that
        // only a hand-over changes it (hand-over-command.ts), never whoever pressed a button last.
        commander: claims ? command.actor : undefined,
        actorRole: request.actorRole ?? null,
        write: async (t) => {
          if (references) await t.release.update({ where: { id: releaseId }, data: { referenceLevelsJson: JSON.stringify(references) } });
          if (rollback) await recordRollbackLevel(t, loaded, rollback);
          if (reopened.itemIds.length > 0) {
            await t.checklistItem.updateMany({
              where: { id: { in: reopened.itemIds } },
              data: { state: "open", reason: `Reopened: ${decision.events.some((e) => e.type === "retried") ? "retry" : "step back"} runs this wave again`, evidenceUrl: null, updatedBy: command.actor, updatedAt: now },
            });
          }
          if (reopened.signoffWaves.length > 0) await t.signoff.deleteMany({ where: { releaseId, waveIndex: { in: reopened.signoffWaves } } });
          if (closing.length > 0) {
            await t.alert.updateMany({ where: { releaseId, closedAt: null }, data: { closedAt: now, healthySince: null } });
          }
          // Taking the release back into traffic re-arms the open episodes: if the breach persists, the
          // guardrail acts again (the safety net is never left disarmed by a person's resume).
          if (command.type === "resume") {
            await t.alert.updateMany({ where: { releaseId, closedAt: null }, data: { actedAt: null, actedAction: null, refusedAction: null } });
          }
        },
      };
    },
  );
}

const toLevel = (a: { metric: string; level: string }) => ({ metric: a.metric, level: a.level as "warning" | "critical" | "inconclusive" });

/**
 * An override passes the gates the person saw unmet. If one of the gates unmet now changed after they looked
 * (an item re-opened, a rejection, a new breach), they overrode something they never saw: a conflict.
 */
async function gateMovedSince(tx: Tx, loaded: LoadedRelease, seenVersion: number, unmet: UnmetGate[]): Promise<boolean> {
  const since = await tx.releaseEvent.findMany({
    where: { releaseId: loaded.row.id, version: { gt: seenVersion } },
    select: { type: true, dataJson: true },
  });
  for (const row of since) {
    const event = parseStoredEvent(row);
    if (event.type === "unreadable") {
      // An event that no longer reads cannot show the gate did not move: treat it as a change, the safe answer.
      logNotice("stored event unreadable", { releaseId: loaded.row.id, type: event.storedType, problem: event.problem });
      return true;
    }
    if (STATE_CHANGING_EVENTS.has(event.type)) return true;
    for (const gate of unmet) {
      if (gate.kind === "checklist" && event.type === "checklist_updated" && event.data.itemId === gate.itemId) return true;
      if (gate.kind === "signoff" && event.type === "signoff" && event.data.role === gate.role) return true;
      if (gate.kind === "breach" && (event.type === "breach" || event.type === "escalated") && event.data.metric === gate.metric) return true;
      if (gate.kind === "check" && event.type === "gate_check" && event.data.name === gate.name) return true;
    }
  }
  return false;
}

const claimEvent = (actor: string, at: Date): DomainEvent => ({
  type: "commander_changed",
  actor,
  reason: "The first person to command the release becomes its commander",
  at,
  before: null,
  after: null,
  data: { from: null, to: actor, how: "first_command" },
});
