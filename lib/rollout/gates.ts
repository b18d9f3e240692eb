// Go/no-go gate evaluation for the current wave: what still blocks CONTINUE, and who owns it.
import type { Plan } from "./plan";

export type ChecklistState = "open" | "met" | "not_met" | "waived";

export interface ChecklistItemStatus {
  id: string;
  /** null for the pre-deployment checklist, else the wave index. */
  waveIndex: number | null;
  text: string;
  ownerRole: string;
  required: boolean;
  state: ChecklistState;
}

export interface SignoffStatus {
  waveIndex: number;
  role: string;
  decision: "approve" | "reject";
  by: string;
  comment: string | null;
  /** When the decision was made (ISO), for screens; gates ignore it. */
  at?: string;
}

export interface ActiveBreach {
  metric: string;
  detail: string;
}

export type UnmetGate =
  | { kind: "bake"; message: string; remainingSeconds: number; readyAt: string }
  | { kind: "checklist"; message: string; itemId: string; text: string; ownerRole: string; state: ChecklistState }
  | { kind: "signoff"; message: string; role: string; rejectedBy?: string; comment?: string | null }
  | { kind: "breach"; message: string; metric: string }
  | { kind: "check"; message: string; name: string; status: number | null; checkedAt: string | null };

/** An external gate check the plan asks for, with its last answer (null: not asked yet). */
export interface GateCheckStatus {
  /** null for the plan's checks (they gate START), else the wave whose CONTINUE they gate. */
  waveIndex: number | null;
  name: string;
  result: { ok: boolean; status: number | null; message: string; checkedAt: string } | null;
}

export interface GateInputs {
  now: Date;
  waveStartedAt: Date | null;
  checklist: ChecklistItemStatus[];
  signoffs: SignoffStatus[];
  criticalBreaches: ActiveBreach[];
  /** Prometheus-sourced guardrails with no data (or a failing query) whose plan says hold or pause: they block CONTINUE. */
  noDataHolds?: ActiveBreach[];
  /** External gate checks with their last answers (absent: the plan has none). */
  checks?: GateCheckStatus[];
}

export interface GateStatus {
  open: boolean;
  unmet: UnmetGate[];
}

const DONE_STATES: ReadonlySet<ChecklistState> = new Set(["met", "waived"]);

/** Gates for leaving `waveIndex` (CONTINUE). Every unmet gate is listed, never just the first. */
export function evaluateWaveGates(plan: Plan, waveIndex: number, inputs: GateInputs): GateStatus {
  const wave = plan.waves[waveIndex];
  if (!wave) return { open: false, unmet: [] };
  const unmet: UnmetGate[] = [];

  if (wave.bakeSeconds > 0) {
    const startedMs = inputs.waveStartedAt?.getTime() ?? inputs.now.getTime();
    const readyMs = startedMs + wave.bakeSeconds * 1000;
    const remainingSeconds = Math.ceil((readyMs - inputs.now.getTime()) / 1000);
    if (remainingSeconds > 0) {
      unmet.push({
        kind: "bake",
        message: `Bake time: ${formatDuration(remainingSeconds)} of ${formatDuration(wave.bakeSeconds)} still to go`,
        remainingSeconds,
        readyAt: new Date(readyMs).toISOString(),
      });
    }
  }

  unmet.push(...unmetChecklist(inputs.checklist.filter((c) => c.waveIndex === waveIndex)));
  unmet.push(...unmetSignoffs(wave.signoffs, inputs.signoffs.filter((s) => s.waveIndex === waveIndex)));
  unmet.push(...unmetChecks((inputs.checks ?? []).filter((c) => c.waveIndex === waveIndex)));

  for (const breach of inputs.criticalBreaches) {
    unmet.push({ kind: "breach", message: `Critical breach active: ${breach.detail}`, metric: breach.metric });
  }
  for (const hold of inputs.noDataHolds ?? []) {
    if (inputs.criticalBreaches.some((b) => b.metric === hold.metric)) continue;
    unmet.push({ kind: "breach", message: `No data to judge: ${hold.detail}`, metric: hold.metric });
  }
  return { open: unmet.length === 0, unmet };
}

/** Gates for RESUME and RETRY: no open critical breach (going back to taking traffic into a live fault). */
export function evaluateBreachGates(inputs: GateInputs): GateStatus {
  const unmet: UnmetGate[] = inputs.criticalBreaches.map((breach) => ({
    kind: "breach" as const,
    message: `Critical breach active: ${breach.detail}`,
    metric: breach.metric,
  }));
  return { open: unmet.length === 0, unmet };
}

/** Gates for START: the pre-deployment checklist and no active critical breach. */
export function evaluateStartGates(inputs: GateInputs): GateStatus {
  const unmet: UnmetGate[] = [...unmetChecklist(inputs.checklist.filter((c) => c.waveIndex === null))];
  unmet.push(...unmetChecks((inputs.checks ?? []).filter((c) => c.waveIndex === null)));
  for (const breach of inputs.criticalBreaches) {
    unmet.push({ kind: "breach", message: `Critical breach active: ${breach.detail}`, metric: breach.metric });
  }
  return { open: unmet.length === 0, unmet };
}

function unmetChecklist(items: ChecklistItemStatus[]): UnmetGate[] {
  return items
    .filter((item) => item.required && !DONE_STATES.has(item.state))
    .map((item) => ({
      kind: "checklist" as const,
      message: `Checklist: "${item.text}" is ${item.state === "not_met" ? "not met" : "open"} (owner: ${item.ownerRole})`,
      itemId: item.id,
      text: item.text,
      ownerRole: item.ownerRole,
      state: item.state,
    }));
}

/** A check is met only by a 2xx answer; a failure shows what the check said ("smoke tests: 3 failing"). */
function unmetChecks(checks: GateCheckStatus[]): UnmetGate[] {
  return checks
    .filter((c) => !c.result?.ok)
    .map((c) => ({
      kind: "check" as const,
      message: c.result ? `Check "${c.name}": ${c.result.message}` : `Check "${c.name}": not answered yet`,
      name: c.name,
      status: c.result?.status ?? null,
      checkedAt: c.result?.checkedAt ?? null,
    }));
}

function unmetSignoffs(requiredRoles: string[], given: SignoffStatus[]): UnmetGate[] {
  const unmet: UnmetGate[] = [];
  for (const role of requiredRoles) {
    const decisions = given.filter((s) => s.role === role);
    const rejection = decisions.find((s) => s.decision === "reject");
    if (rejection) {
      unmet.push({
        kind: "signoff",
        message: `Sign-off: ${role} rejected (${rejection.by})${rejection.comment ? `: ${rejection.comment}` : ""}`,
        role,
        rejectedBy: rejection.by,
        comment: rejection.comment,
      });
    } else if (!decisions.some((s) => s.decision === "approve")) {
      unmet.push({ kind: "signoff", message: `Sign-off: waiting for ${role}`, role });
    }
  }
  return unmet;
}

export function formatDuration(totalSeconds: number): string {
  const s = Math.max(0, Math.round(totalSeconds));
  const d = Math.floor(s / 86400);
  const h = Math.floor((s % 86400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  if (d > 0) return h > 0 ? `${d}d ${h}h` : `${d}d`;
  if (h > 0) return m > 0 ? `${h}h ${m}m` : `${h}h`;
  if (m > 0) return sec > 0 ? `${m}m ${sec}s` : `${m}m`;
  return `${sec}s`;
}
