// The sign-off matrix: waves by sign-off roles, each cell approved, rejected, waiting or not required.
import type { EventView, ReleaseView, WaveView } from "./types";

export type CellDecision = "approve" | "reject" | "pending" | "none";
export type SignoffView = WaveView["signoffs"][number];

export interface MatrixCell {
  decision: CellDecision;
  signoff: SignoffView | null;
}

/** Every role any wave needs, in the order the plan first asks for it. */
export function signoffRolesOf(view: ReleaseView): string[] {
  return [...new Set([...(view.preSignoffs?.roles ?? []), ...view.waves.flatMap((w) => w.requiredSignoffs), ...(view.hypercare?.requiredSignoffs ?? [])])];
}

/**
 * The plan's pre-start sign-offs as a matrix row (wave index -1), so they are given and shown like a wave's.
 * Its status follows the release: pending while a draft, done once started.
 */
export function preStartRow(view: ReleaseView): WaveView | null {
  if (!view.preSignoffs) return null;
  return {
    index: -1,
    name: "Before start",
    trafficPercent: 0,
    bakeSeconds: 0,
    status: view.status === "draft" ? "current" : "done",
    startedAt: null,
    endedAt: null,
    requiredSignoffs: view.preSignoffs.roles,
    signoffs: view.preSignoffs.signoffs,
    checklist: [],
  } as unknown as WaveView;
}

export function cellOf(wave: WaveView, role: string): MatrixCell {
  const signoff = wave.signoffs.find((s) => s.role === role) ?? null;
  if (!wave.requiredSignoffs.includes(role)) return { decision: "none", signoff };
  if (!signoff) return { decision: "pending", signoff: null };
  return { decision: signoff.decision === "reject" ? "reject" : "approve", signoff };
}

/** Approved out of required, for a wave's row. */
export function waveSignoffProgress(wave: WaveView): { approved: number; required: number } {
  // An approval that does not count (separateApprover) is not progress.
  const approved = wave.requiredSignoffs.filter((r) => {
    const cell = cellOf(wave, r);
    return cell.decision === "approve" && !cell.signoff?.doesNotCount;
  }).length;
  return { approved, required: wave.requiredSignoffs.length };
}

/** When the cell last changed: the view carries no time, the audit trail does. Null if not (yet) loaded. */
export function signoffChangedAt(events: readonly EventView[], waveIndex: number, role: string): string | null {
  for (let i = events.length - 1; i >= 0; i--) {
    const e = events[i];
    if (e.type === "signoff" && e.data?.waveIndex === waveIndex && e.data?.role === role) return e.at;
  }
  return null;
}

/** Hypercare's sign-offs as a matrix row (wave index -2), after the waves. */
export function hypercareRow(view: ReleaseView): WaveView | null {
  if (!view.hypercare || view.hypercare.requiredSignoffs.length === 0) return null;
  return {
    index: -2,
    name: "Hypercare",
    trafficPercent: 100,
    bakeSeconds: 0,
    status: view.status === "hypercare" ? "active" : view.status === "completed" ? "done" : "pending",
    startedAt: null,
    endedAt: null,
    requiredSignoffs: view.hypercare.requiredSignoffs,
    signoffs: view.hypercare.signoffs,
    checklist: [],
  } as unknown as WaveView;
}
