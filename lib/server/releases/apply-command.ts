// Applies a commander's command to a release through the state machine, checked against what the person decided
// on: the run, the status and the wave. Bookkeeping since they looked (a tick, a sign-off, a guardrail event)
// never refuses a command, and the stop commands (PAUSE, ROLLBACK) apply whenever they are legal in the state
// they meet.
import { createHash } from "node:crypto";
import { episodesClosedByRunEnd } from "../../guardrails/guardrail-step";
import { STATE_CHANGING_EVENTS, type AuditEventType } from "../../rollout/events";
import type { UnmetGate } from "../../rollout/gates";
import { decide, type Command } from "../../rollout/machine";
import type { Tx } from "../db/client";
import type { LoadedRelease } from "./load-release";
import { gateInputsOf } from "./release-view";
import { mutateRelease, type Change, type MutateOutcome } from "./mutate-release";
import { logCommand } from "../logging/ops-log";

export interface CommandRequest {
  command: Command;
  actorRole?: string | null;
  expectedVersion?: number;
  idempotencyKey?: string;
}

const STOP_COMMANDS = new Set(["pause", "rollback"]);

export async function applyCommand(releaseId: string, request: CommandRequest): Promise<MutateOutcome> {
  const outcome = await decideAndWrite(releaseId, request);
  const { command } = request;
  const asked = { releaseId, actor: command.actor, action: command.type, reason: command.reason, override: command.override || undefined };
  if (!outcome.ok) logCommand({ ...asked, outcome: "refused", httpStatus: outcome.error.status, code: outcome.error.code });
  else {
    const { status, currentWaveIndex, trafficPercent, version } = outcome.release;
    logCommand({ ...asked, outcome: outcome.replayed ? "replayed" : "applied", status, waveIndex: currentWaveIndex, trafficPercent, version });
  }
  return outcome;
}

function decideAndWrite(releaseId: string, request: CommandRequest): Promise<MutateOutcome> {
  const { command, expectedVersion } = request;
  // The caller is part of the fingerprint: another user's reuse of a key is refused, never answered with
  // the first user's result.
  const fingerprint = createHash("sha256")
    .update(JSON.stringify([command.actor, command.type, command.reason ?? null, !!command.override, expectedVersion ?? null]))
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
      if (!STOP_COMMANDS.has(command.type) && stateMoved) return stale;

      const decision = decide(loaded.plan, loaded.state, command, gateInputsOf(loaded, now));
      if (!decision.ok) {
        // A stop command that is no longer legal (someone rolled back first) is a conflict that names who.
        return stateMoved ? stale : decision;
      }
      if (command.override && expectedVersion !== undefined && expectedVersion < loaded.row.version) {
        const unmet = decision.events.find((e) => e.type === "override")?.data.unmet as UnmetGate[] | undefined;
        if (unmet && (await gateMovedSince(tx, loaded, expectedVersion, unmet))) return stale;
      }
      const human = command.actor !== "guardrail";
      const closing = episodesClosedByRunEnd(loaded.state, decision.state, loaded.openAlerts.map(toLevel), loaded.row.run, now);
      return {
        ok: true,
        state: decision.state,
        events: [...decision.events, ...closing],
        commander: human ? command.actor : undefined,
        actorRole: request.actorRole ?? null,
        write: async (t) => {
          if (closing.length > 0) {
            await t.alert.updateMany({ where: { releaseId, closedAt: null }, data: { closedAt: now, healthySince: null } });
          }
          // Taking the release back into traffic re-arms the open episodes: if the breach persists, the
          // guardrail acts again (the safety net is never left disarmed by a person's resume).
          if (command.type === "resume") {
            await t.alert.updateMany({ where: { releaseId, closedAt: null }, data: { actedAt: null, refusedAction: null } });
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
  for (const event of since) {
    const type = event.type as AuditEventType;
    if (STATE_CHANGING_EVENTS.has(type)) return true;
    const data = JSON.parse(event.dataJson) as { itemId?: string; role?: string; metric?: string };
    for (const gate of unmet) {
      if (gate.kind === "checklist" && type === "checklist_updated" && data.itemId === gate.itemId) return true;
      if (gate.kind === "signoff" && type === "signoff" && data.role === gate.role) return true;
      if (gate.kind === "breach" && (type === "breach" || type === "escalated") && data.metric === gate.metric) return true;
    }
  }
  return false;
}
