// The sign-off matrix: waves by sign-off roles, each cell approved, rejected, waiting or not required.
import type { EventView, ReleaseView, WaveView } from "./types";

export type CellDecision = "approve" | "reject" | "pending" | "none";
export type SignoffView = WaveView["signoffs"][number];

export interface MatrixCell {
  decision: CellDecision;
  /** The decision the cell shows first: a rejection, else the latest approval. */
  signoff: SignoffView | null;
  /** Issue 26: every person's decision in this role (one each), oldest first. */
  signoffs: SignoffView[];
  /** Distinct people whose approval counts, and how many the role needs here (its quorum; 1 unless the plan says). */
  approvals: number;
  needed: number;
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
    signoffQuorum: view.preSignoffs.signoffQuorum,
    signoffs: view.preSignoffs.signoffs,
    checklist: [],
  } as unknown as WaveView;
}

/**
 * One role at one wave. With a quorum of 1 a lone approval shows as approved (with its "does not count" note when
 * separateApprover discounts it, as the gate line says); with a quorum above 1 the cell is approved only once enough
 * distinct people's approvals count ("1 of 2 sign-offs" until then). A rejection by anyone shows as rejected.
 */
export function cellOf(wave: WaveView, role: string): MatrixCell {
  const signoffs = wave.signoffs.filter((s) => s.role === role);
  const rejection = signoffs.find((s) => s.decision === "reject") ?? null;
  const signoff = rejection ?? signoffs.at(-1) ?? null;
  const needed = wave.signoffQuorum?.[role] ?? 1;
  const approvals = new Set(signoffs.filter((s) => s.decision === "approve" && !s.doesNotCount).map((s) => s.by)).size;
  const base = { signoff, signoffs, approvals, needed };
  if (!wave.requiredSignoffs.includes(role)) return { decision: "none", ...base };
  if (rejection) return { decision: "reject", ...base };
  if (needed === 1) return { decision: signoff ? "approve" : "pending", ...base };
  return { decision: approvals >= needed ? "approve" : "pending", ...base };
}

/** Roles approved (each by its quorum of people whose approval counts) out of required, for a wave's row. */
export function waveSignoffProgress(wave: WaveView): { approved: number; required: number } {
  const approved = wave.requiredSignoffs.filter((r) => {
    const cell = cellOf(wave, r);
    return cell.decision === "approve" && cell.approvals >= cell.needed;
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
    signoffQuorum: view.hypercare.signoffQuorum,
    signoffs: view.hypercare.signoffs,
    checklist: [],
  } as unknown as WaveView;
}
