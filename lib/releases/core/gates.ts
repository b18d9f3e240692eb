// Go/no-go gate evaluation for the current wave: what still blocks CONTINUE, and who owns it.
import { approversNeeded, type Plan, type SignoffQuorum } from "../../plans/core/plan";
import type { FreezeBlock, QuarantineBlock } from "../../freezes/core/forward-block";

export type ChecklistState = "open" | "met" | "not_met" | "waived";

export interface ChecklistItemStatus {
  id: string;
  /** null for the pre-deployment checklist, else the wave index. */
  waveIndex: number | null;
  text: string;
  /** null = unassigned: the release's commander answers for it. */
  ownerRole: string | null;
  required: boolean;
  state: ChecklistState;
  /**
   * "entry" items gate entering their wave (START for wave 1, CONTINUE from the wave before); default "exit".
   * "rollback" items are the steps of the rollback level being carried out: they gate nothing.
   * "hypercare" items are the observation phase's checklist: they gate its end.
   */
  gate?: "entry" | "exit" | "rollback" | "hypercare";
}

/** Sign-offs before START (plan.preSignoffs) are stored against this pseudo wave index. */
export const PRE_START_PHASE = -1;
/** Sign-offs that end hypercare (plan.hypercare.signoffs) are stored against this pseudo wave index. */
export const HYPERCARE_PHASE = -2;

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
  | { kind: "checklist"; message: string; itemId: string; text: string; ownerRole: string | null; state: ChecklistState }
  | {
      kind: "signoff";
      message: string;
      role: string;
      rejectedBy?: string;
      comment?: string | null;
      waveIndex?: number;
      notCounting?: string;
      /** Issue 26, a role's quorum above 1: distinct people whose approvals count, of those needed. */
      approvals?: number;
      needed?: number;
    }
  | { kind: "breach"; message: string; metric: string }
  | { kind: "evidence"; message: string; metric: string; observed: number; required: number }
  | { kind: "check"; message: string; name: string; status: number | null; checkedAt: string | null }
  | { kind: "traffic"; message: string; router: string; status: TrafficRouterStatus["status"] }
  /** Issue 25: a freeze or a closed release window holds every forward step; only an admin's breakFreeze passes it. */
  | ({ kind: "freeze" } & FreezeBlock)
  /** Issue 25: START of a version rolled back elsewhere; no override passes it, an admin lifts the quarantine. */
  | ({ kind: "quarantine" } & QuarantineBlock);

/** Issue 24: the release's traffic router, as far as the gates care: did it confirm the weights Tidegate set? */
export interface TrafficRouterStatus {
  router: string;
  status: "pending" | "applied" | "unconfirmed" | "drift";
  askedPercent: number;
  detail: string | null;
}

/** An external gate check the plan asks for, with its last answer (null: not asked yet). */
export interface GateCheckStatus {
  /** null for the plan's checks (they gate START), else the wave whose CONTINUE they gate. */
  waveIndex: number | null;
  name: string;
  result: { ok: boolean; status: number | null; message: string; checkedAt: string } | null;
}

/**
 * How much canary data a guardrail of the current wave has been judged on since the wave began, against the least
 * it needs before its verdict counts (computed by the server from the stored buckets).
 */
export interface GuardrailEvidenceStatus {
  metric: string;
  observed: number;
  required: number;
  /** What `observed` counts: "samples", or "10 s buckets" for a statistical judge. */
  unit: string;
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
  /**
   * Canary evidence per guardrail of the current wave (absent: not assembled, e.g. a draft). A guardrail below its
   * minimum blocks CONTINUE and automatic promotion: a wave with no evidence is not a healthy wave.
   */
  waveEvidence?: GuardrailEvidenceStatus[];
  /** Issue 24: the traffic router's state (absent: the plan names no router). Anything but "applied" blocks CONTINUE. */
  traffic?: TrafficRouterStatus;
  /** Issue 25: the freeze (or closed window) holding forward steps now; absent or null: none. */
  frozen?: FreezeBlock | null;
  /**
   * A programme: the freeze (or closed window) holding each track, by track index, matched on the track's own
   * environment (trackGates puts it in `frozen`); absent: every track is held by `frozen`.
   */
  trackFrozen?: readonly (FreezeBlock | null)[];
  /** Issue 25: an unlifted quarantine of the release's service and version (gates START only). */
  quarantined?: QuarantineBlock | null;
  /** Issue 25: what a stage's opening depends on beside the state (lib/releases/core/stage-gate.ts); absent: nothing. */
  stages?: StageFacts;
  /**
   * Issue 26, `separateApprover` (the plan's or a policy's): people whose approvals do not count toward any gate (the
   * release's creator, its commander) and why. Their rejections still count: a no-go is heard from anyone.
   */
  selfApprovers?: SelfApprover[];
}

/** What the server knows beside the release's state that a stage's opening depends on (stage-gate.ts). */
export interface StageFacts {
  /** The release's critical alerts (open or closed) with when they opened and closed: a breach in a soak fails it. */
  criticalAlerts: { metric: string; detail: string; openedAt: Date; closedAt?: Date | null }[];
  /** Promotion approvals recorded (promotion_approved events), by stage key. */
  approvals: { stage: string; by: string; role: string; at: Date }[];
  /** The environments the plan names, as admins declared them (absent: not declared, nothing extra required). */
  environments: Record<string, { approverRoles: string[]; requiredApprovals: number }>;
}

export interface SelfApprover {
  name: string;
  why: "created this release" | "is its commander";
}

/** Whether a sign-off counts toward its gate, and if not, why (the review page shows this sentence). */
export function signoffCounts(signoff: Pick<SignoffStatus, "by" | "decision">, selfApprovers: readonly SelfApprover[] = []): { counts: true } | { counts: false; reason: string } {
  if (signoff.decision !== "approve") return { counts: true };
  const whys = selfApprovers.filter((s) => s.name === signoff.by).map((s) => s.why);
  if (whys.length === 0) return { counts: true };
  return { counts: false, reason: `does not count because ${signoff.by} ${whys.join(" and ")}, and this release needs a separate approver` };
}

/** The sign-offs that count, and a note per role on the approvals that do not (appended to "waiting for ..."). */
function countingSignoffs(given: SignoffStatus[], selfApprovers: readonly SelfApprover[] | undefined): { counting: SignoffStatus[]; notes: Map<string, string> } {
  const notes = new Map<string, string>();
  const counting = given.filter((s) => {
    const verdict = signoffCounts(s, selfApprovers);
    if (!verdict.counts) {
      const note = `the approval by ${s.by} ${verdict.reason}`;
      notes.set(s.role, notes.has(s.role) ? `${notes.get(s.role)}; ${note}` : note);
    }
    return verdict.counts;
  });
  return { counting, notes };
}

/** Distinct people whose approval in `role` counts (one person's approval counts once, however often given). */
export function approversIn(counting: readonly SignoffStatus[], role: string): string[] {
  return [...new Set(counting.filter((s) => s.role === role && s.decision === "approve").map((s) => s.by))];
}

/**
 * Where one role of a gate stands: "waiting for Product Manager" (a quorum of 1), or "Product Manager: 1 of 2
 * sign-offs" (a quorum above 1); null once enough distinct people approved. Rejections are judged before this.
 */
export function roleQuorumLine(role: string, needed: number, approvers: number): string | null {
  if (approvers >= needed) return null;
  return needed === 1 ? `waiting for ${role}` : `${role}: ${approvers} of ${needed} sign-offs`;
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
  const unmet: UnmetGate[] = freezeGate(inputs);

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

  unmet.push(...unmetChecklist(inputs.checklist.filter((c) => c.waveIndex === waveIndex && c.gate !== "entry")));
  unmet.push(...unmetSignoffs(wave.signoffs, inputs.signoffs.filter((s) => s.waveIndex === waveIndex), inputs.selfApprovers, wave.signoffQuorum));
  unmet.push(...unmetChecks((inputs.checks ?? []).filter((c) => c.waveIndex === waveIndex)));
  unmet.push(...unmetTraffic(inputs.traffic));
  // The next wave's entry checklist ("Support trained before 100%") gates the promotion into it.
  unmet.push(...unmetChecklist(entryItems(inputs, waveIndex + 1), plan.waves[waveIndex + 1]?.name));

  for (const breach of inputs.criticalBreaches) {
    unmet.push({ kind: "breach", message: `Critical breach active: ${breach.detail}`, metric: breach.metric });
  }
  for (const hold of inputs.noDataHolds ?? []) {
    if (inputs.criticalBreaches.some((b) => b.metric === hold.metric)) continue;
    unmet.push({ kind: "breach", message: `No data to judge: ${hold.detail}`, metric: hold.metric });
  }
  unmet.push(...unmetEvidence(inputs, unmet));
  return { open: unmet.length === 0, unmet };
}

/** "error_rate: no canary data in this wave", "latency_p95_ms: 12 of 50 samples"; one line per metric at most. */
export function unmetEvidence(inputs: Pick<GateInputs, "waveEvidence">, alreadyUnmet: readonly UnmetGate[] = []): UnmetGate[] {
  const named = new Set(alreadyUnmet.flatMap((u) => ("metric" in u ? [u.metric] : [])));
  const unmet: UnmetGate[] = [];
  for (const e of inputs.waveEvidence ?? []) {
    if (e.observed >= e.required || named.has(e.metric)) continue;
    named.add(e.metric);
    const what = e.observed === 0 ? "no canary data in this wave" : `${e.observed} of ${e.required} ${e.unit}`;
    unmet.push({ kind: "evidence", message: `Not enough evidence: ${e.metric}: ${what}`, metric: e.metric, observed: e.observed, required: e.required });
  }
  return unmet;
}

/**
 * Gates for ending hypercare (CONTINUE in `hypercare`, or the schedule when it is due): its duration has passed
 * (counted from its start, `waveStartedAt`), its checklist is done, its sign-offs are given, no critical breach.
 */
export function evaluateHypercareGates(plan: Plan, inputs: GateInputs): GateStatus {
  const hypercare = plan.hypercare;
  if (!hypercare) return { open: false, unmet: [] };
  const unmet: UnmetGate[] = freezeGate(inputs);
  if (hypercare.durationSeconds > 0) {
    const startedMs = inputs.waveStartedAt?.getTime() ?? inputs.now.getTime();
    const readyMs = startedMs + hypercare.durationSeconds * 1000;
    const remainingSeconds = Math.ceil((readyMs - inputs.now.getTime()) / 1000);
    if (remainingSeconds > 0) {
      unmet.push({
        kind: "bake",
        message: `Hypercare: ${formatDuration(remainingSeconds)} of ${formatDuration(hypercare.durationSeconds)} still to go`,
        remainingSeconds,
        readyAt: new Date(readyMs).toISOString(),
      });
    }
  }
  unmet.push(...unmetChecklist(inputs.checklist.filter((c) => c.gate === "hypercare")).map((u) => ({ ...u, message: u.message.replace("Checklist:", "Hypercare checklist:") })));
  unmet.push(
    ...unmetSignoffs(hypercare.signoffs, inputs.signoffs.filter((s) => s.waveIndex === HYPERCARE_PHASE), inputs.selfApprovers, hypercare.signoffQuorum).map((u) => ({
      ...u,
      message: u.message.replace("Sign-off:", "Hypercare sign-off:"),
      waveIndex: HYPERCARE_PHASE,
    })),
  );
  for (const breach of inputs.criticalBreaches) {
    unmet.push({ kind: "breach", message: `Critical breach active: ${breach.detail}`, metric: breach.metric });
  }
  return { open: unmet.length === 0, unmet };
}

/**
 * Gates for RESUME and RETRY: no freeze (issue 25) and no open critical breach (going back to taking traffic into a
 * live fault).
 */
export function evaluateBreachGates(inputs: GateInputs): GateStatus {
  const unmet: UnmetGate[] = [
    ...freezeGate(inputs),
    ...inputs.criticalBreaches.map((breach) => ({
      kind: "breach" as const,
      message: `Critical breach active: ${breach.detail}`,
      metric: breach.metric,
    })),
  ];
  return { open: unmet.length === 0, unmet };
}

/**
 * Gates for START: the pre-deployment checklist, the first wave's entry checklist, the pre-start sign-offs
 * (all roles, or `quorum` of them) and no active critical breach.
 */
export function evaluateStartGates(plan: Plan, inputs: GateInputs): GateStatus {
  const unmet: UnmetGate[] = [
    ...quarantineGate(inputs),
    ...freezeGate(inputs),
    ...unmetChecklist(inputs.checklist.filter((c) => c.waveIndex === null && (c.gate ?? "exit") === "exit")),
    ...unmetChecklist(entryItems(inputs, 0), plan.waves[0]?.name),
  ];
  if (plan.preSignoffs) {
    unmet.push(...unmetQuorum(plan.preSignoffs.roles, plan.preSignoffs.quorum, inputs.signoffs.filter((s) => s.waveIndex === PRE_START_PHASE), inputs.selfApprovers, plan.preSignoffs.signoffQuorum));
  }
  unmet.push(...unmetChecks((inputs.checks ?? []).filter((c) => c.waveIndex === null)));
  for (const breach of inputs.criticalBreaches) {
    unmet.push({ kind: "breach", message: `Critical breach active: ${breach.detail}`, metric: breach.metric });
  }
  return { open: unmet.length === 0, unmet };
}

/** Issue 25: the freeze line comes first: it is what a person must know before anything else on the list. */
const freezeGate = (inputs: GateInputs): UnmetGate[] => (inputs.frozen ? [{ kind: "freeze", ...inputs.frozen }] : []);
const quarantineGate = (inputs: GateInputs): UnmetGate[] => (inputs.quarantined ? [{ kind: "quarantine", ...inputs.quarantined }] : []);

const entryItems = (inputs: GateInputs, waveIndex: number) =>
  inputs.checklist.filter((c) => c.waveIndex === waveIndex && c.gate === "entry");

/** Who answers for an item on screens and in refusals: its owner role, or the commander when it has none. */
export function ownerLabel(ownerRole: string | null): string {
  return ownerRole ?? "unassigned (commander)";
}

function unmetChecklist(items: ChecklistItemStatus[], entering?: string): UnmetGate[] {
  const what = entering === undefined ? "Checklist" : `Entry checklist of "${entering}"`;
  return items
    .filter((item) => item.required && !DONE_STATES.has(item.state))
    .map((item) => ({
      kind: "checklist" as const,
      message: `${what}: "${item.text}" is ${item.state === "not_met" ? "not met" : "open"} (owner: ${ownerLabel(item.ownerRole)})`,
      itemId: item.id,
      text: item.text,
      ownerRole: item.ownerRole,
      state: item.state,
    }));
}

/** A wave counts as at its share only once the router read back the weights Tidegate set. */
export function unmetTraffic(traffic: TrafficRouterStatus | undefined): UnmetGate[] {
  if (!traffic || traffic.status === "applied") return [];
  const at = `${traffic.askedPercent}%`;
  const message =
    traffic.status === "pending"
      ? `Traffic router "${traffic.router}": waiting for the read-back of ${at}`
      : traffic.status === "unconfirmed"
        ? `Traffic router "${traffic.router}" has not confirmed ${at}: ${traffic.detail ?? "no answer"} (retrying)`
        : `Traffic router "${traffic.router}": weights changed outside Tidegate (${traffic.detail ?? "drift"}); the commander decides: RESUME re-applies ${at}, ROLLBACK takes the canary out`;
  return [{ kind: "traffic", message, router: traffic.router, status: traffic.status }];
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

function unmetSignoffs(requiredRoles: string[], all: SignoffStatus[], selfApprovers?: readonly SelfApprover[], quorum?: SignoffQuorum): UnmetGate[] {
  const { counting: given, notes } = countingSignoffs(all, selfApprovers);
  const unmet: UnmetGate[] = [];
  for (const role of requiredRoles) {
    const rejection = given.find((s) => s.role === role && s.decision === "reject");
    if (rejection) {
      unmet.push({
        kind: "signoff",
        message: `Sign-off: ${role} rejected (${rejection.by})${rejection.comment ? `: ${rejection.comment}` : ""}`,
        role,
        rejectedBy: rejection.by,
        comment: rejection.comment,
      });
      continue;
    }
    const needed = approversNeeded(quorum, role);
    const approvals = approversIn(given, role).length;
    const line = roleQuorumLine(role, needed, approvals);
    if (line === null) continue;
    const note = notes.get(role);
    unmet.push({
      kind: "signoff",
      message: `Sign-off: ${line}${note ? ` (${note})` : ""}`,
      role,
      ...(needed > 1 ? { approvals, needed } : {}),
      ...(note ? { notCounting: note } : {}),
    });
  }
  return unmet;
}

/**
 * "Any 2 of these roles": enough roles approved (each by its own quorum of distinct people), and no standing
 * rejection (a no-go from one of the named roles is heard even when others reached the quorum; it is withdrawn, or
 * overridden with a reason).
 */
function unmetQuorum(roles: string[], quorum: number | undefined, all: SignoffStatus[], selfApprovers?: readonly SelfApprover[], perRole?: SignoffQuorum): UnmetGate[] {
  const needed = quorum ?? roles.length;
  if (needed >= roles.length) return unmetSignoffs(roles, all, selfApprovers, perRole).map((u) => ({ ...u, message: u.message.replace("Sign-off:", "Pre-start sign-off:"), waveIndex: PRE_START_PHASE }));
  const { counting: given, notes } = countingSignoffs(all, selfApprovers);
  const unmet: UnmetGate[] = [];
  for (const role of roles) {
    const rejection = given.find((s) => s.role === role && s.decision === "reject");
    if (rejection) {
      unmet.push({
        kind: "signoff",
        message: `Pre-start sign-off: ${role} rejected (${rejection.by})${rejection.comment ? `: ${rejection.comment}` : ""}`,
        role,
        rejectedBy: rejection.by,
        comment: rejection.comment,
        waveIndex: PRE_START_PHASE,
      });
    }
  }
  const approved = roles.filter((role) => approversIn(given, role).length >= approversNeeded(perRole, role));
  if (approved.length < needed) {
    const waiting = roles.filter((r) => !approved.includes(r));
    // A role short of its own quorum says how far it got ("Product Manager: 1 of 2 sign-offs").
    const partial = waiting.flatMap((r) => {
      const n = approversNeeded(perRole, r);
      return n > 1 ? [roleQuorumLine(r, n, approversIn(given, r).length)!] : [];
    });
    unmet.push({
      kind: "signoff",
      message: `Pre-start sign-off: ${approved.length} of the ${needed} needed from ${roles.join(", ")} (waiting for ${needed - approved.length} more of ${waiting.join(", ")})${partial.map((p) => `; ${p}`).join("")}${[...notes.values()].map((n) => `; ${n}`).join("")}`,
      role: waiting.join(", "),
      waveIndex: PRE_START_PHASE,
      ...(notes.size > 0 ? { notCounting: [...notes.values()].join("; ") } : {}),
    });
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
