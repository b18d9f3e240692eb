// What the clock does to a release on its own (plan v2), decided purely: a wave with `autoContinue` promotes itself
// once every gate is open after its bake time; hypercare completes once its duration, checklist and sign-offs are
// done; a wave past its `maxSeconds` decision deadline raises one "overdue" alert. The server applies the result
// through the one command path with actor "schedule".
import { evaluateHypercareGates, evaluateWaveGates, type ChecklistItemStatus, type GateInputs } from "./gates";
import type { ReleaseState } from "./machine";
import type { Plan } from "../../plans/core/plan";

export const SCHEDULE_ACTOR = "schedule";

export interface Overdue {
  waveIndex: number;
  wave: string;
  maxSeconds: number;
  /** Who is told: the commander and the wave's owners (its items' owner roles and sign-off roles). */
  notify: string[];
}

export interface ScheduleDue {
  /** CONTINUE is due (auto-promotion, or the end of hypercare), with the reason the audit trail records. */
  continueReason: string | null;
  overdue: Overdue | null;
}

export function scheduleDue(
  plan: Plan,
  state: ReleaseState,
  gates: GateInputs,
  /** The waveStartedAt an overdue alert was already raised for (one alert per wave entry). */
  overdueRaisedFor: Date | null,
  commander: string | null,
): ScheduleDue {
  const due: ScheduleDue = { continueReason: null, overdue: null };
  if (state.status === "hypercare") {
    if (evaluateHypercareGates(plan, gates).open) due.continueReason = "Hypercare ended: its duration passed with every item and sign-off done";
    return due;
  }
  if (state.status !== "running") return due; // a paused release is held on purpose: no promotion, no deadline
  const wave = plan.waves[state.currentWaveIndex];
  if (!wave) return due;
  if (wave.autoContinue && evaluateWaveGates(plan, state.currentWaveIndex, gates).open) {
    due.continueReason = `Automatic promotion: every gate of "${wave.name}" is open after its bake time`;
  }
  const started = state.waveStartedAt;
  const alreadyRaised = started !== null && overdueRaisedFor !== null && overdueRaisedFor.getTime() === started.getTime();
  if (wave.maxSeconds !== undefined && started && !alreadyRaised && !due.continueReason) {
    if (gates.now.getTime() - started.getTime() >= wave.maxSeconds * 1000) {
      due.overdue = {
        waveIndex: state.currentWaveIndex,
        wave: wave.name,
        maxSeconds: wave.maxSeconds,
        notify: ownersOf(plan, state.currentWaveIndex, gates.checklist, commander),
      };
    }
  }
  return due;
}

function ownersOf(plan: Plan, waveIndex: number, checklist: ChecklistItemStatus[], commander: string | null): string[] {
  const owners = new Set<string>([commander ? `commander (${commander})` : "commander"]);
  for (const item of checklist) if (item.waveIndex === waveIndex && item.gate !== "entry" && item.ownerRole) owners.add(item.ownerRole);
  for (const role of plan.waves[waveIndex]?.signoffs ?? []) owners.add(role);
  return [...owners];
}
