// Ownership is a rule, not a label (issue 15). Pure, so the server enforces it and screens show the same answer.
//
// - An item's owners tick it: a person holding its owner role (a sign-off role) as one of theirs.
// - The release's commander and admins may tick any item on the owner's behalf; the audit event records that.
// - An unowned item belongs to the commander: the release's commander or an admin ticks it. Before anyone commands
//   the release, anyone who may command it stands in for the commander.
// - Sign-offs open when their wave is next: a wave's sign-offs (which gate leaving it) while the release runs or is
//   paused in that wave; pre-start sign-offs while it is a draft; hypercare's while it is in hypercare.
import { HYPERCARE_PHASE, PRE_START_PHASE } from "./gates";
import type { ReleaseState } from "./machine";

export interface Person {
  name: string;
  role: string | null;
  signoffRoles: readonly string[];
  /** May this person send commands (commander or admin)? */
  mayCommand: boolean;
}

export type TickAs = "owner" | "commander" | "admin";

export type TickDecision = { ok: true; as: TickAs; onBehalfOf: string | null } | { ok: false; message: string };

export function mayTick(person: Person, ownerRole: string | null, releaseCommander: string | null): TickDecision {
  if (ownerRole !== null && person.signoffRoles.includes(ownerRole)) return { ok: true, as: "owner", onBehalfOf: null };
  const isCommander = releaseCommander !== null ? releaseCommander === person.name : person.mayCommand;
  const onBehalfOf = ownerRole ?? "commander";
  if (isCommander) return { ok: true, as: "commander", onBehalfOf: ownerRole };
  if (person.role === "admin") return { ok: true, as: "admin", onBehalfOf };
  if (ownerRole === null) {
    return { ok: false, message: `This item has no owner: only the release's commander${releaseCommander ? ` (${releaseCommander})` : ""} or an admin may change it` };
  }
  const commander = releaseCommander ? `, the commander (${releaseCommander})` : "";
  return { ok: false, message: `Only its owner (${ownerRole})${commander} or an admin may change this item` };
}

export function signoffOpen(state: ReleaseState, waveIndex: number): { ok: true } | { ok: false; message: string } {
  if (waveIndex === PRE_START_PHASE) {
    return state.status === "draft" ? { ok: true } : { ok: false, message: "Pre-start sign-offs close once the release has started" };
  }
  if (waveIndex === HYPERCARE_PHASE) {
    return state.status === "hypercare" ? { ok: true } : { ok: false, message: "Hypercare sign-offs open when hypercare begins" };
  }
  const inWave = (state.status === "running" || state.status === "paused") && state.currentWaveIndex === waveIndex;
  if (inWave) return { ok: true };
  if (state.status === "draft" || ((state.status === "running" || state.status === "paused") && waveIndex > state.currentWaveIndex)) {
    return { ok: false, message: `Sign-offs for wave ${waveIndex + 1} open when that wave is running (they decide whether to leave it)` };
  }
  return { ok: false, message: `Sign-offs for wave ${waveIndex + 1} are closed: the release is past that wave (${state.status.replace("_", " ")})` };
}
