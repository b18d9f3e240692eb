// Applies a commander's (or the guardrail's) command to a release through the state machine.
import { createHash } from "node:crypto";
import { decide, type Command } from "../../rollout/machine";
import { gateInputsOf } from "./release-view";
import { mutateRelease, type MutateOutcome } from "./mutate-release";

export interface CommandRequest {
  command: Command;
  actorRole?: string | null;
  expectedVersion?: number;
  idempotencyKey?: string;
}

export function applyCommand(releaseId: string, request: CommandRequest): Promise<MutateOutcome> {
  const { command } = request;
  const fingerprint = createHash("sha256")
    .update(JSON.stringify([command.type, command.reason ?? null, !!command.override, request.expectedVersion ?? null]))
    .digest("hex");
  return mutateRelease(
    releaseId,
    { expectedVersion: request.expectedVersion, idempotencyKey: request.idempotencyKey, fingerprint },
    (loaded, now) => {
      const decision = decide(loaded.plan, loaded.state, command, gateInputsOf(loaded, now));
      if (!decision.ok) return decision;
      const human = command.actor !== "guardrail";
      return {
        ok: true,
        state: decision.state,
        events: decision.events,
        commander: human ? command.actor : undefined,
        actorRole: request.actorRole ?? null,
      };
    },
  );
}
