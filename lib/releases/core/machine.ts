// The rollout state machine: draft -> running <-> paused -> (hypercare ->) completed | rolled_back. Pure; time comes
// in as `now`.
import { typedEvent, type EventDataOf, type TypedEventOf } from "./events";
import { evaluateBreachGates, evaluateHypercareGates, formatDuration, evaluateStartGates, evaluateWaveGates, type GateInputs, type UnmetGate } from "./gates";
import type { Plan } from "../../plans/core/plan";

export { ALLOWED_COMMANDS, COMMANDS, RELEASE_STATUSES } from "./machine-types";
export type { Command, CommandType, Decision, DomainEvent, DomainEventOf, EventContext, MachineEventType, Refusal, ReleaseState, ReleaseStatus, StateSnapshot, TrackState, TrackStates } from "./machine-types";
import { ALLOWED_COMMANDS, type Command, type CommandType, type Decision, type DomainEvent, type DomainEventOf, type MachineEventType, type ReleaseState, type StateSnapshot } from "./machine-types";
import { decideProgramme } from "./programme";

export function initialState(): ReleaseState {
  return { status: "draft", currentWaveIndex: 0, trafficPercent: 0, waveStartedAt: null };
}

export function snapshot(state: ReleaseState): StateSnapshot {
  return { status: state.status, currentWaveIndex: state.currentWaveIndex, trafficPercent: state.trafficPercent };
}

export function decide(plan: Plan, state: ReleaseState, command: Command, gates: GateInputs): Decision {
  // Issue 22: a programme decides on its tracks, each one through the one-track machine below.
  if (plan.tracks?.length) return decideProgramme(plan, state, command, gates, decideOneTrack);
  return decideOneTrack(plan, state, command, gates);
}

/** The machine for one track: a plan without tracks, or one track of a programme seen as a plan (trackPlan). */
export function decideOneTrack(plan: Plan, state: ReleaseState, command: Command, gates: GateInputs): Decision {
  const now = gates.now;
  const reason = command.reason?.trim() ? command.reason.trim() : null;
  const allowed = ALLOWED_COMMANDS[state.status];
  if (!allowed.includes(command.type)) {
    return {
      ok: false,
      refusal: {
        code: "invalid_transition",
        message: `Cannot ${command.type} a release that is ${state.status.replace("_", " ")}` +
          (allowed.length ? ` (allowed: ${allowed.join(", ")})` : " (no further actions)"),
        details: { status: state.status, action: command.type, allowed },
      },
    };
  }
  if (command.override && !reason) {
    return {
      ok: false,
      refusal: { code: "reason_required", message: "An override needs a written reason", details: { field: "reason" } },
    };
  }
  const breakReason = command.breakFreeze?.reason?.trim() ?? "";
  if (command.breakFreeze && !breakReason) {
    return {
      ok: false,
      refusal: { code: "reason_required", message: "Breaking a freeze needs a written reason", details: { field: "breakFreeze.reason" } },
    };
  }

  const event = <K extends MachineEventType>(type: K, next: ReleaseState, data: EventDataOf<K>): DomainEvent => ({
    ...typedEvent(type, data),
    actor: command.actor,
    reason,
    at: now,
    before: snapshot(state),
    after: snapshot(next),
  });
  const gated = (gates: { unmet: UnmetGate[] }, then: () => Decision): Decision => {
    // Issue 25: a quarantine is lifted by an admin, never overridden; a freeze is passed only by an admin's
    // breakFreeze (with its own reason), and both refusals name what holds the release, whatever else is unmet.
    const quarantine = gates.unmet.find((u) => u.kind === "quarantine");
    if (quarantine) return { ok: false, refusal: { code: "quarantined", message: quarantine.message, details: { quarantine, unmet: gates.unmet } } };
    const freeze = gates.unmet.find((u) => u.kind === "freeze");
    if (freeze && !command.breakFreeze) {
      const until = freeze.until ? "" : " (no end known)";
      return { ok: false, refusal: { code: "frozen", message: `${freeze.message}${until}. An admin may break it for one command with a reason`, details: { freeze, unmet: gates.unmet } } };
    }
    const status = freeze ? { unmet: gates.unmet.filter((u) => u !== freeze) } : gates;
    if (freeze) {
      const decision = passGates(status, then);
      if (!decision.ok) return decision;
      const { type: _acted, data: _actedData, ...context } = decision.events[0];
      const broken: DomainEvent = {
        ...context,
        reason: breakReason,
        ...typedEvent("freeze_broken", {
          action: command.type,
          source: freeze.source,
          freezeId: freeze.freezeId,
          freezeReason: freeze.reason,
          freezeBy: freeze.by,
          until: freeze.until,
        }),
        after: snapshot(state),
      };
      return { ...decision, events: [broken, ...decision.events] };
    }
    return passGates(status, then);
  };
  const passGates = (status: { unmet: UnmetGate[] }, then: () => Decision): Decision => {
    if (status.unmet.length === 0) return then();
    if (!command.override) {
      return {
        ok: false,
        refusal: {
          code: "gates_unmet",
          message: `${status.unmet.length} gate${status.unmet.length === 1 ? " is" : "s are"} unmet: ` +
            status.unmet.map((u) => u.message).join("; "),
          details: { unmet: status.unmet },
        },
      };
    }
    const decision = then();
    if (!decision.ok) return decision;
    const { type: _acted, data: _actedData, ...context } = decision.events[0];
    const overrideEvent: DomainEvent = {
      ...context,
      ...typedEvent("override", { action: command.type, unmet: status.unmet }),
      after: snapshot(state),
    };
    return { ...decision, events: [overrideEvent, ...decision.events] };
  };

  switch (command.type) {
    case "start":
      return gated(evaluateStartGates(plan, gates), () => {
        const next: ReleaseState = {
          status: "running",
          currentWaveIndex: 0,
          trafficPercent: plan.waves[0].trafficPercent,
          waveStartedAt: now,
        };
        return { ok: true, state: next, events: [event("started", next, { wave: plan.waves[0].name })] };
      });
    case "continue":
      if (state.status === "hypercare") {
        return gated(evaluateHypercareGates(plan, gates), () => {
          const next: ReleaseState = { ...state, status: "completed" };
          return { ok: true, state: next, events: [event("completed", next, { wave: plan.waves[state.currentWaveIndex].name, phase: "hypercare" })] };
        });
      }
      return gated(evaluateWaveGates(plan, state.currentWaveIndex, gates), () => {
        const from = state.currentWaveIndex;
        if (from >= plan.waves.length - 1 && plan.hypercare) {
          // The last wave is done; the observation phase begins at full traffic, its clock from now.
          const next: ReleaseState = { ...state, status: "hypercare", trafficPercent: 100, waveStartedAt: now };
          return {
            ok: true,
            state: next,
            events: [event("hypercare_started", next, { wave: plan.waves[from].name, durationSeconds: plan.hypercare.durationSeconds })],
          };
        }
        if (from >= plan.waves.length - 1) {
          const next: ReleaseState = { ...state, status: "completed", trafficPercent: 100 };
          return { ok: true, state: next, events: [event("completed", next, { wave: plan.waves[from].name })] };
        }
        const to = from + 1;
        const next: ReleaseState = {
          status: "running",
          currentWaveIndex: to,
          trafficPercent: plan.waves[to].trafficPercent,
          waveStartedAt: now,
        };
        return {
          ok: true,
          state: next,
          events: [
            event("promoted", next, {
              fromWave: from,
              toWave: to,
              fromTraffic: state.trafficPercent,
              toTraffic: next.trafficPercent,
              wave: plan.waves[to].name,
            }),
          ],
        };
      });
    case "pause": {
      const next: ReleaseState = { ...state, status: "paused" };
      return { ok: true, state: next, events: [event("paused", next, {})] };
    }
    case "resume":
      return gated(evaluateBreachGates(gates), () => {
        const next: ReleaseState = { ...state, status: "running" };
        return { ok: true, state: next, events: [event("resumed", next, {})] };
      });
    case "rollback": {
      const levels = plan.rollback?.levels ?? [];
      if (command.level !== undefined && (command.level < 1 || command.level > levels.length)) {
        return {
          ok: false,
          refusal: {
            code: "invalid_request",
            message: levels.length
              ? `Rollback level ${command.level} does not exist (the plan has levels 1-${levels.length})`
              : "This plan has no rollback levels; roll back without a level",
            details: { field: "level", level: command.level, levels: levels.length },
          },
        };
      }
      // With rollback levels in the plan, the first (lightest) is carried out unless the person picks another.
      const level = levels.length ? (command.level ?? 1) : undefined;
      const next: ReleaseState = { ...state, status: "rolled_back", trafficPercent: 0 };
      return {
        ok: true,
        state: next,
        events: [
          event("rolled_back", next, {
            fromTraffic: state.trafficPercent,
            wave: plan.waves[state.currentWaveIndex].name,
            ...(level !== undefined ? { level, levelName: levels[level - 1].name } : {}),
          }),
        ],
      };
    }
    case "step_back": {
      // A partial rollback: back to the previous wave's traffic, held there (paused) while the team looks.
      const from = state.currentWaveIndex;
      if (from === 0) {
        return {
          ok: false,
          refusal: {
            code: "invalid_transition",
            message: `Cannot step back from the first wave "${plan.waves[0].name}": there is no earlier wave (use rollback)`,
            details: { status: state.status, action: command.type, allowed: allowed.filter((a) => a !== "step_back") },
          },
        };
      }
      const to = from - 1;
      const next: ReleaseState = { status: "paused", currentWaveIndex: to, trafficPercent: plan.waves[to].trafficPercent, waveStartedAt: now };
      return {
        ok: true,
        state: next,
        events: [
          event("stepped_back", next, { fromWave: from, toWave: to, fromTraffic: state.trafficPercent, toTraffic: next.trafficPercent, wave: plan.waves[to].name }),
        ],
      };
    }
    case "retry":
      return gated(evaluateBreachGates(gates), () => {
        const next: ReleaseState = {
          status: "running",
          currentWaveIndex: 0,
          trafficPercent: plan.waves[0].trafficPercent,
          waveStartedAt: now,
        };
        return { ok: true, state: next, events: [event("retried", next, { wave: plan.waves[0].name })] };
      });
  }
}

/** What a command would do, in words a commander reads before confirming ("Traffic 25% -> 50%"). */
export function describeCommand(plan: Plan, state: ReleaseState, type: CommandType): string {
  // Issue 22: on a programme only PAUSE and ROLLBACK act without a track; each track describes its own commands.
  if (plan.tracks?.length) {
    if (type === "pause") return "Hold every running track where it is";
    if (type === "rollback") return "Roll back every running track: their flags go to 0%";
    return `Name a track to ${type.replace("_", " ")}`;
  }
  const wave = plan.waves[state.currentWaveIndex];
  switch (type) {
    case "start":
      return `Start wave 1 "${plan.waves[0].name}": traffic 0% -> ${plan.waves[0].trafficPercent}%`;
    case "continue": {
      if (state.status === "hypercare") return "End hypercare and complete the rollout";
      const next = plan.waves[state.currentWaveIndex + 1];
      if (!next && plan.hypercare) return `Finish the last wave and begin hypercare (${formatDuration(plan.hypercare.durationSeconds)} of observation at 100%)`;
      return next
        ? `Promote to wave ${state.currentWaveIndex + 2} "${next.name}": traffic ${state.trafficPercent}% -> ${next.trafficPercent}%`
        : `Complete the rollout at ${wave.trafficPercent}% traffic`;
    }
    case "pause":
      return `Hold wave ${state.currentWaveIndex + 1} "${wave.name}" at ${state.trafficPercent}% traffic`;
    case "resume":
      return `Resume wave ${state.currentWaveIndex + 1} "${wave.name}" at ${state.trafficPercent}% traffic`;
    case "rollback":
      return `Roll back: traffic ${state.trafficPercent}% -> 0% and end the release`;
    case "step_back": {
      const previous = plan.waves[state.currentWaveIndex - 1];
      return previous
        ? `Step back to wave ${state.currentWaveIndex} "${previous.name}": traffic ${state.trafficPercent}% -> ${previous.trafficPercent}%, then hold`
        : "No earlier wave to step back to";
    }
    case "retry":
      return `Retry from wave 1 "${plan.waves[0].name}": traffic 0% -> ${plan.waves[0].trafficPercent}%`;
  }
}
