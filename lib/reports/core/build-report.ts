// The post-rollout report (issue 15), pure: built from the audit log, the plan, the stored rows and the metric
// roll-ups, at any moment (live while the release runs). The server reads; this decides what the report says.
import { stageSections, type StageSection } from "./stage-sections";
import { levelOfValue, type ValueLevel } from "../../guardrails/core/health";
import { formatDuration, formatMetricValue, formatRelative } from "../../guardrails/core/format";
import { metricInfo } from "../../guardrails/core/metric-info";
import type { Bucket } from "../../guardrails/core/rollup";
import { calibrationText, judgeSequentialAt } from "../../guardrails/core/sequential-guardrail";
import { fmtPercent, runOfEvents, type Incident, type TimelineEntry } from "../../incidents/core/incident";
import { approversNeeded, type Comparator, type Guardrail, type Plan, type SignoffQuorum, type Wave } from "../../plans/core/plan";
import { trackPhase, trackPlan, wavesOfTrack } from "../../releases/core/tracks";
import { guardrailsForWave } from "../../plans/core/wave-guardrails";
import type { StoredEvent } from "../../releases/core/events";
import { healthySide, meetsTarget, TARGET_SYMBOL, type Target } from "./target";

/** An audit event as the report reads it, typed by its `type`; an unreadable one counts for nothing. */
export type ReportEvent = { seq: number; actor: string; actorRole: string | null; reason: string | null; at: string } & StoredEvent;

type ReportEventOf<K extends ReportEvent["type"]> = Extract<ReportEvent, { type: K }>;

/** Whether the guardrail caused this event (its schema carries `automatic` for the events it can cause). */
const isAutomatic = (e: ReportEvent) => e.type !== "unreadable" && "automatic" in e.data && e.data.automatic === true;

export interface ReportInput {
  release: {
    id: string;
    name: string;
    service: string;
    serviceVersion: string;
    status: string;
    currentWaveIndex: number;
    trafficPercent: number;
    run: number;
    createdAt: string;
    createdBy: string;
    commander: string | null;
    startedAt: string | null;
    endedAt: string | null;
    /** Issue 26: the release policies it was created under (names), and whether approvers had to be others. */
    policies?: readonly string[];
    separateApprover?: boolean;
  };
  plan: Plan;
  events: readonly ReportEvent[];
  checklist: readonly { id: string; waveIndex: number | null; text: string; ownerRole: string; required: boolean }[];
  /** Every guardrail episode, open or closed. */
  alerts: readonly {
    run: number;
    metric: string;
    level: string;
    detail: string;
    openedAt: string;
    closedAt: string | null;
    actedAt: string | null;
    acknowledgedBy: string | null;
    acknowledgedAt: string | null;
  }[];
  incidents: readonly (Incident & { timeline: TimelineEntry[] })[];
  /** One-minute roll-ups keyed `${metric}|${cohort}` (canary, baseline), in time order. */
  series: ReadonlyMap<string, readonly Bucket[]>;
  /** Ten-second roll-ups, same keys, while retention keeps them: short waves are summarised from these. */
  fineSeries?: ReadonlyMap<string, readonly Bucket[]>;
  lessons: { text: string; version: number; updatedBy: string; updatedAt: string } | null;
  actionItems: readonly ActionItem[];
  now: string;
}

export interface ActionItem {
  id: string;
  version: number;
  text: string;
  owner: string;
  dueDate: string | null;
  done: boolean;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

export interface Decision {
  actor: string;
  at: string;
  reason: string | null;
  automatic: boolean;
}

export interface GateOutcome {
  kind: "checklist" | "override";
  text: string;
  ownerRole: string | null;
  /** open | met | not_met | waived | overridden */
  state: string;
  by: string | null;
  at: string | null;
  reason: string | null;
  required: boolean;
}

export interface SignoffOutcome {
  role: string;
  /** Issue 26: distinct approvers the role needed here, when more than 1 (its quorum). */
  needed?: number;
  decision: "approve" | "reject" | "withdraw" | "missing";
  by: string | null;
  at: string | null;
  comment: string | null;
}

export interface MetricPoint {
  t: number;
  canary: number | null;
  baseline: number | null;
}

export interface WaveMetric {
  metric: string;
  label: string;
  comparator: string;
  relativeTo: string | null;
  target: number | null;
  warning: number | null;
  critical: number;
  canaryMean: number | null;
  baselineMean: number | null;
  /** The worst bucket of the canary (or of canary vs baseline, for relative guardrails). */
  worst: number | null;
  /** The bucket size the summary was read at: 10 s for short waves while kept, else 60 s. */
  bucketSeconds: number;
  worstText: string;
  level: ValueLevel;
  samples: number;
  /** A sequentially judged metric: the judge's verdict at the end of the wave, in words; null otherwise. */
  verdict: string | null;
  points: MetricPoint[];
}

/** Issue 22/25: the track (a stage when it has an environment) a wave pass belongs to, in a programme. */
export interface PassTrack {
  key: string;
  name: string;
  environment: string | null;
}

export interface WavePass {
  run: number;
  /** The wave's index within its track (a programme) or the plan. */
  index: number;
  /** A programme's track this pass ran on; null for a plan without tracks. */
  track: PassTrack | null;
  name: string;
  trafficPercent: number;
  plannedBakeSeconds: number;
  startedAt: string;
  endedAt: string | null;
  actualSeconds: number;
  pausedSeconds: number;
  /** How the wave began (START, a promotion, a RETRY), by whom and why. */
  enteredBy: Decision & { how: "started" | "promoted" | "retried" };
  /** How it ended; null while it runs. */
  leftBy: (Decision & { how: "promoted" | "completed" | "rolled_back" }) | null;
  pauses: (Decision & { resumedAt: string | null })[];
  gates: GateOutcome[];
  signoffs: SignoffOutcome[];
  metrics: WaveMetric[];
}

export interface BreachRecord {
  run: number;
  wave: string | null;
  metric: string;
  level: string;
  openedAt: string;
  closedAt: string | null;
  evidence: string;
  /** What acted: "guardrail rolled back", "guardrail paused", "notified", or "nothing (below the action level)". */
  acted: string;
  acknowledgedBy: string | null;
  acknowledgedAt: string | null;
  secondsToAcknowledge: number | null;
}

export interface ScoreLine {
  label: string;
  target: string;
  actual: string;
  met: boolean | null;
}

/** Issue 25: an admin broke a freeze (or a closed release window) for one command. */
export interface FreezeBreak {
  action: string;
  by: string;
  at: string;
  reason: string | null;
  source: "freeze" | "window";
  freezeReason: string;
  freezeBy: string | null;
  until: string | null;
}

export interface Report {
  releaseId: string;
  name: string;
  service: string;
  version: string;
  status: string;
  live: boolean;
  generatedAt: string;
  outcome: string;
  startedAt: string | null;
  endedAt: string | null;
  runs: number;
  /** Issue 26: the policies that applied (as they were at creation) and whether a separate approver was required. */
  policies: string[];
  separateApprover: boolean;
  startGates: GateOutcome[];
  waves: WavePass[];
  breaches: BreachRecord[];
  /** Issue 25: every command that went through a freeze or a closed release window, in order. */
  freezeBreaks: FreezeBreak[];
  incidents: ReportInput["incidents"];
  scorecard: { lines: ScoreLine[]; rollbacks: number; automaticRollbacks: number; pauses: number; overrides: number };
  lessons: ReportInput["lessons"];
  actionItems: ActionItem[];
  /** Issue 25: one section per stage (empty for a plan without stages). */
  stages: StageSection[];
  /** Issue 22/25: a programme's tracks in plan order, each wave pass naming its own (empty for a plan without tracks). */
  tracks: PassTrack[];
}

const MAX_POINTS = 60;
/** Waves shorter than this are summarised from 10 s buckets (when kept), so a short wave still has a shape. */
const FINE_UNDER_MS = 20 * 60_000;
const FINE_MS = 10_000;
const COARSE_MS = 60_000;

export function buildReport(input: ReportInput): Report {
  const { release, events } = input;
  const runs = runOfEvents(events);
  const waves = wavePasses(input, runs);
  const startGates = gatesUntil(input, null, firstSeq(events, "started"));
  const breaches = breachRecords(input, waves);
  const live = release.status === "running" || release.status === "paused" || release.status === "draft";
  return {
    releaseId: release.id,
    name: release.name,
    service: release.service,
    version: release.serviceVersion,
    status: release.status,
    live,
    generatedAt: input.now,
    outcome: outcomeSentence(input, waves),
    // The first START: a RETRY starts the wave again, it does not start the release again.
    startedAt: events.find((e) => e.type === "started")?.at ?? release.startedAt ?? waves[0]?.startedAt ?? null,
    endedAt: release.endedAt,
    runs: release.run,
    policies: [...(release.policies ?? [])],
    separateApprover: release.separateApprover ?? false,
    startGates,
    waves,
    breaches,
    freezeBreaks: events.flatMap((e) =>
      e.type === "freeze_broken"
        ? [{ action: e.data.action, by: e.actor, at: e.at, reason: e.reason, source: e.data.source, freezeReason: e.data.freezeReason, freezeBy: e.data.freezeBy, until: e.data.until }]
        : [],
    ),
    incidents: input.incidents,
    scorecard: scorecard(input, waves, breaches),
    lessons: input.lessons,
    stages: stageSections(input.plan, events),
    tracks: (input.plan.tracks ?? []).map((t) => ({ key: t.key, name: t.name, environment: t.environment ?? null })),
    actionItems: [...input.actionItems].sort((a, b) => (a.dueDate ?? "9999").localeCompare(b.dueDate ?? "9999") || a.createdAt.localeCompare(b.createdAt)),
  };
}

const firstSeq = (events: readonly ReportEvent[], type: string) => events.find((e) => e.type === type)?.seq ?? Number.POSITIVE_INFINITY;

function decisionOf(e: ReportEvent): Decision {
  return { actor: e.actor, at: e.at, reason: e.reason, automatic: isAutomatic(e) };
}

/** Where a pass's wave lives: its plan wave, and for a programme its track and the stored phase of its gates. */
interface PassPlace {
  wave: Wave | undefined;
  track: PassTrack | null;
  /** The wave index its checklist items and sign-offs are stored at (trackPhase for a track's wave). */
  phase: number;
  /** The plan its guardrails are read from (the track's own plan in a programme). */
  plan: Plan;
}

function placeOf(plan: Plan, trackKey: string | undefined, index: number): PassPlace {
  const k = trackKey === undefined ? -1 : (plan.tracks ?? []).findIndex((t) => t.key === trackKey);
  const track = k >= 0 ? plan.tracks![k] : undefined;
  if (!track) return { wave: plan.waves[index], track: null, phase: index, plan };
  return { wave: wavesOfTrack(track)[index], track: { key: track.key, name: track.name, environment: track.environment ?? null }, phase: trackPhase(k, index), plan: trackPlan(plan, track) };
}

const trackKeyOf = (e: ReportEvent): string | undefined => (e.type !== "unreadable" ? ((e.data as { track?: string }).track ?? undefined) : undefined);

function wavePasses(input: ReportInput, runs: Map<number, number>): WavePass[] {
  const { plan, events } = input;
  type Pass = WavePass & { leftSeq: number | null; overrideAt?: ReportEvent; place: PassPlace };
  const passes: Pass[] = [];
  // Issue 22: a programme's tracks run side by side, each with its own current wave ("" = the plan's one track).
  const current = new Map<string, Pass>();
  let pendingOverride: ReportEvent | null = null;
  const open = (e: ReportEvent, index: number, how: "started" | "promoted" | "retried") => {
    const key = trackKeyOf(e);
    const place = placeOf(plan, key, index);
    const wave = place.wave;
    const pass: Pass = {
      run: runs.get(e.seq) ?? 0,
      index,
      track: place.track,
      name: wave?.name ?? `Wave ${index + 1}`,
      trafficPercent: wave?.trafficPercent ?? 0,
      plannedBakeSeconds: wave?.bakeSeconds ?? 0,
      startedAt: e.at,
      endedAt: null,
      actualSeconds: 0,
      pausedSeconds: 0,
      enteredBy: { ...decisionOf(e), how },
      leftBy: null,
      pauses: [],
      gates: [],
      signoffs: [],
      metrics: [],
      leftSeq: null,
      place,
    };
    passes.push(pass);
    current.set(key ?? "", pass);
  };
  // A command without a track in a programme (PAUSE, ROLLBACK of everything) acts on every track's current wave.
  const currentOf = (e: ReportEvent): Pass[] => {
    const key = trackKeyOf(e);
    if (key !== undefined || !plan.tracks?.length) return current.has(key ?? "") ? [current.get(key ?? "")!] : [];
    return [...current.values()];
  };
  const close = (e: ReportEvent, how: "promoted" | "completed" | "rolled_back") => {
    for (const pass of currentOf(e)) {
      pass.endedAt = e.at;
      pass.leftBy = { ...decisionOf(e), how };
      pass.leftSeq = e.seq;
      if (pendingOverride) pass.overrideAt = pendingOverride;
      const lastPause = pass.pauses.at(-1);
      if (lastPause && !lastPause.resumedAt) lastPause.resumedAt = e.at;
      current.delete(pass.track?.key ?? "");
    }
  };
  for (const e of events) {
    switch (e.type) {
      case "override":
        pendingOverride = e;
        continue;
      case "freeze_broken":
        continue; // listed apart (freezeBreaks); the override after it, if any, belongs to the command it precedes
      case "started":
        open(e, 0, "started");
        break;
      case "retried":
        open(e, 0, "retried");
        break;
      case "promoted":
        close(e, "promoted");
        open(e, e.data.toWave, "promoted");
        break;
      case "completed":
        close(e, "completed");
        break;
      case "rolled_back":
        close(e, "rolled_back");
        break;
      case "paused":
        for (const pass of currentOf(e)) pass.pauses.push({ ...decisionOf(e), resumedAt: null });
        break;
      case "resumed": {
        for (const pass of currentOf(e)) {
          const pause = pass.pauses.at(-1);
          if (pause && !pause.resumedAt) pause.resumedAt = e.at;
        }
        break;
      }
      default:
        break;
    }
    pendingOverride = null;
  }
  const now = Date.parse(input.now);
  return passes.map(({ leftSeq, overrideAt, place, ...pass }) => {
    const end = pass.endedAt ? Date.parse(pass.endedAt) : now;
    const start = Date.parse(pass.startedAt);
    const pausedMs = pass.pauses.reduce((sum, p) => sum + Math.max(0, (p.resumedAt ? Date.parse(p.resumedAt) : end) - Date.parse(p.at)), 0);
    const gates = gatesUntil(input, place.phase, leftSeq ?? Number.POSITIVE_INFINITY);
    if (overrideAt) {
      for (const unmet of overrideAt.type === "override" ? overrideAt.data.unmet : []) {
        gates.push({ kind: "override", text: unmet.message, ownerRole: null, state: "overridden", by: overrideAt.actor, at: overrideAt.at, reason: overrideAt.reason, required: true });
      }
    }
    return {
      ...pass,
      actualSeconds: Math.max(0, Math.round((end - start) / 1000)),
      pausedSeconds: Math.round(pausedMs / 1000),
      gates,
      signoffs: signoffsUntil(input, place.phase, place.wave, leftSeq ?? Number.POSITIVE_INFINITY),
      metrics: waveMetrics({ ...input, plan: place.plan }, pass.index, start, end),
    };
  });
}

/** Each checklist item of a wave (null = pre-deployment) as it stood when the wave was left. */
function gatesUntil(input: ReportInput, waveIndex: number | null, untilSeq: number): GateOutcome[] {
  return input.checklist
    .filter((c) => c.waveIndex === waveIndex)
    .map((item) => {
      const last = [...input.events].reverse().find((e): e is ReportEventOf<"checklist_updated"> => e.seq <= untilSeq && e.type === "checklist_updated" && e.data.itemId === item.id);
      return {
        kind: "checklist" as const,
        text: item.text,
        ownerRole: item.ownerRole,
        state: last ? last.data.to : "open",
        by: last?.actor ?? null,
        at: last?.at ?? null,
        reason: last?.reason ?? null,
        required: item.required,
      };
    });
}

/**
 * Each role's decisions at a wave (its stored phase) as they stood when the wave was left: one per person (a
 * withdrawal removes that person's), or "missing" when nobody's stands. A role with a quorum above 1 says so.
 */
function signoffsUntil(input: ReportInput, phase: number, wave: Pick<Wave, "signoffs" | "signoffQuorum"> | undefined, untilSeq: number): SignoffOutcome[] {
  const roles = wave?.signoffs ?? [];
  const quorum: SignoffQuorum | undefined = wave?.signoffQuorum;
  const given = input.events.filter((e): e is ReportEventOf<"signoff"> => e.seq <= untilSeq && e.type === "signoff" && e.data.waveIndex === phase);
  const extra = [...new Set(given.map((e) => e.data.role))].filter((r) => !roles.includes(r));
  return [...roles, ...extra].flatMap((role): SignoffOutcome[] => {
    const needed = approversNeeded(quorum, role);
    const more = needed > 1 ? { needed } : {};
    const standing = new Map<string, ReportEventOf<"signoff">>();
    for (const e of given) {
      if (e.data.role !== role) continue;
      if (e.data.decision === "withdraw") standing.delete(e.actor);
      else standing.set(e.actor, e);
    }
    if (standing.size === 0) return [{ role, ...more, decision: "missing", by: null, at: null, comment: null }];
    return [...standing.values()].map((e) => ({ role, ...more, decision: e.data.decision, by: e.actor, at: e.at, comment: e.reason }));
  });
}

const meanOf = (buckets: readonly Bucket[]) => {
  const count = buckets.reduce((s, b) => s + b.count, 0);
  return count > 0 ? buckets.reduce((s, b) => s + b.sum, 0) / count : null;
};

function relative(g: Guardrail, canary: number, baseline: number): number {
  if (g.relativeMode === "difference") return canary - baseline;
  if (baseline === 0) return canary === 0 ? 0 : Number.POSITIVE_INFINITY;
  return canary / baseline - 1;
}

function waveMetrics(input: ReportInput, waveIndex: number, start: number, end: number): WaveMetric[] {
  // The sequential judge's last word on the wave: all its data, judged together (Holm), as the watch pass did.
  const judged = guardrailsForWave(input.plan, waveIndex).filter((g) => g.judge === "sequential");
  const pick = (metric: string, cohort: string) => (input.fineSeries?.get(`${metric}|${cohort}`) ?? input.series.get(`${metric}|${cohort}`) ?? []) as Bucket[];
  const verdicts = judged.length ? judgeSequentialAt(input.plan, judged, (m) => ({ canary: pick(m, "canary"), baseline: pick(m, "baseline") }), start, end) : new Map();
  return guardrailsForWave(input.plan, waveIndex).map((g) => {
    const inPass = (series: ReadonlyMap<string, readonly Bucket[]> | undefined, size: number, cohort: string) =>
      (series?.get(`${g.metric}|${cohort}`) ?? []).filter((b) => b.start + size > start && b.start < end && b.count > 0);
    const fineCovers = end - start < FINE_UNDER_MS && (input.fineSeries?.get(`${g.metric}|canary`)?.[0]?.start ?? Number.POSITIVE_INFINITY) <= start + FINE_MS;
    const size = fineCovers ? FINE_MS : COARSE_MS;
    const series = fineCovers ? input.fineSeries : input.series;
    const canary = inPass(series, size, "canary");
    const baseline = inPass(series, size, "baseline");
    const baselineAt = new Map(baseline.map((b) => [b.start, b.sum / b.count]));
    const relativeTo = g.relativeTo === "baseline" ? "baseline" : null;
    // Only baseline comparisons can be judged from stored roll-ups; other references are shown as absolute values.
    const observed = canary
      .map((b) => {
        const v = b.sum / b.count;
        if (!relativeTo) return v;
        const base = baselineAt.get(b.start);
        return base === undefined ? null : relative(g, v, base);
      })
      .filter((v): v is number => v !== null);
    const worse = g.comparator.startsWith(">") ? Math.max : Math.min;
    const worst = observed.length ? worse(...observed) : null;
    const points: MetricPoint[] = [];
    const starts = [...new Set([...canary, ...baseline].map((b) => b.start))].sort((a, b) => a - b);
    const step = Math.max(1, Math.ceil(starts.length / MAX_POINTS));
    for (let i = 0; i < starts.length; i += step) {
      const slice = starts.slice(i, i + step);
      const pick = (list: Bucket[]) => meanOf(list.filter((b) => slice.includes(b.start)));
      points.push({ t: slice[0], canary: pick(canary), baseline: pick(baseline) });
    }
    return {
      metric: g.metric,
      label: input.plan.metrics?.find((m) => m.key === g.metric)?.label ?? metricInfo(g.metric).label,
      comparator: g.comparator,
      relativeTo: g.relativeTo ?? null,
      target: g.target ?? null,
      warning: g.warning ?? null,
      critical: g.critical,
      canaryMean: meanOf(canary),
      baselineMean: meanOf(baseline),
      worst,
      bucketSeconds: size / 1000,
      worstText: worst === null ? "no data" : relativeTo ? `${formatRelative(worst)} vs baseline` : formatMetricValue(g.metric, worst),
      level: worst === null ? "inconclusive" : levelOfValue(g, worst),
      samples: canary.reduce((s, b) => s + b.count, 0),
      verdict: verdicts.has(g.metric) ? (input.plan.calibration ? calibrationText({ detail: verdicts.get(g.metric)!.text, interval: verdicts.get(g.metric)!.verdict.interval, baselineLevel: meanOf(baseline) }) : verdicts.get(g.metric)!.text) : null,
      points,
    };
  });
}

function breachRecords(input: ReportInput, waves: WavePass[]): BreachRecord[] {
  // A "no data" episode is not a breach (it shows as an inconclusive level on its wave's metric).
  return input.alerts
    .filter((a) => a.level !== "inconclusive")
    .sort((a, b) => a.openedAt.localeCompare(b.openedAt))
    .map((a) => {
      const opened = Date.parse(a.openedAt);
      const wave = [...waves].reverse().find((w) => w.run === a.run && Date.parse(w.startedAt) <= opened) ?? null;
      const actedEvent = a.actedAt
        ? input.events.find(
            (e) => (e.type === "rolled_back" || e.type === "paused" || e.type === "guardrail_notified") && e.data.metric === a.metric && e.at === a.actedAt,
          )
        : undefined;
      const acted = actedEvent
        ? actedEvent.type === "rolled_back"
          ? "guardrail rolled back"
          : actedEvent.type === "paused"
            ? "guardrail paused"
            : "guardrail notified"
        : a.actedAt
          ? "guardrail acted"
          : "nothing acted (below the action level)";
      const firstEvidence = input.events.find((e) => (e.type === "breach" || e.type === "escalated") && e.data.metric === a.metric && Date.parse(e.at) >= opened);
      return {
        run: a.run,
        wave: wave?.name ?? null,
        metric: a.metric,
        level: a.level,
        openedAt: a.openedAt,
        closedAt: a.closedAt,
        evidence: firstEvidence?.reason ?? a.detail,
        acted,
        acknowledgedBy: a.acknowledgedBy,
        acknowledgedAt: a.acknowledgedAt,
        secondsToAcknowledge: a.acknowledgedAt ? Math.round((Date.parse(a.acknowledgedAt) - opened) / 1000) : null,
      };
    });
}

function scorecard(input: ReportInput, waves: WavePass[], breaches: BreachRecord[]): Report["scorecard"] {
  const rollbacks = input.events.filter((e) => e.type === "rolled_back");
  const automaticRollbacks = rollbacks.filter((e) => e.data.automatic === true).length;
  const pauses = input.events.filter((e) => e.type === "paused").length;
  const overrides = input.events.filter((e) => e.type === "override").length;
  const freezeBreaks = input.events.filter((e) => e.type === "freeze_broken").length;
  const critical = breaches.filter((b) => b.level === "critical");
  const acked = critical.filter((b) => b.secondsToAcknowledge !== null);
  const lines: ScoreLine[] = [
    { label: "Rollbacks", target: "0", actual: `${rollbacks.length}${automaticRollbacks ? ` (${automaticRollbacks} automatic)` : ""}`, met: meetsTarget({ op: "=", value: 0 }, rollbacks.length) },
    { label: "Gate overrides", target: "0", actual: String(overrides), met: meetsTarget({ op: "=", value: 0 }, overrides) },
    { label: "Freezes broken", target: "0", actual: String(freezeBreaks), met: meetsTarget({ op: "=", value: 0 }, freezeBreaks) },
    {
      label: "Critical alerts acknowledged",
      target: critical.length ? "all" : "none raised",
      actual: critical.length ? `${acked.length} of ${critical.length}` : "none raised",
      met: critical.length ? acked.length === critical.length : null,
    },
    {
      label: "Time to acknowledge critical alerts",
      target: "—",
      actual: acked.length ? `mean ${formatDuration((acked.reduce((s, b) => s + (b.secondsToAcknowledge ?? 0), 0) / acked.length) * 1000)}` : "—",
      met: null,
    },
  ];
  for (const wave of waves) {
    if (wave.plannedBakeSeconds > 0 && wave.leftBy?.how !== "rolled_back") {
      lines.push({
        label: `${waveLabel(wave, input.release.run)}: time in wave`,
        target: `≥ ${formatDuration(wave.plannedBakeSeconds * 1000)} bake`,
        actual: formatDuration(wave.actualSeconds * 1000),
        met: wave.leftBy ? wave.actualSeconds >= wave.plannedBakeSeconds : null,
      });
    }
    for (const m of wave.metrics) {
      // With a target, "met" is judged against the target (stricter than the alert levels); without one, against
      // critical. Judging a target by the alert level is how 3 invariant violations once read as meeting "≤ 0".
      const comparator = m.comparator as Comparator;
      const goal: Target = m.target !== null ? { op: healthySide(comparator), value: m.target } : { op: healthySide(comparator), value: m.critical };
      const target = m.target !== null ? `target ${TARGET_SYMBOL[goal.op]} ${thresholdText(m, m.target)}` : `below critical ${thresholdText(m, m.critical)}`;
      lines.push({
        label: `${waveLabel(wave, input.release.run)}: worst ${m.label}`,
        target,
        actual: m.worstText,
        met: meetsTarget(goal, m.worst),
      });
    }
  }
  return { lines, rollbacks: rollbacks.length, automaticRollbacks, pauses, overrides };
}

export function thresholdText(m: Pick<WaveMetric, "metric" | "relativeTo">, v: number): string {
  return m.relativeTo ? `${formatRelative(v)} vs ${m.relativeTo.replace("_", " ")}` : formatMetricValue(m.metric, v);
}

export function waveLabel(wave: Pick<WavePass, "index" | "name" | "run">, runs: number): string {
  return `${runs > 1 ? `Run ${wave.run}, ` : ""}Wave ${wave.index + 1} "${wave.name}"`;
}

function outcomeSentence(input: ReportInput, waves: WavePass[]): string {
  const { release, plan } = input;
  const who = `${release.name} ${release.serviceVersion}`;
  const total = plan.waves.length || (plan.tracks ?? []).reduce((n, t) => n + wavesOfTrack(t).length, 0);
  const rollbacks = input.events.filter((e) => e.type === "rolled_back");
  const span = release.startedAt ? formatDuration(Date.parse(release.endedAt ?? input.now) - Date.parse(waves[0]?.startedAt ?? release.startedAt)) : null;
  const retries = release.run > 1 ? ` after ${release.run - 1} ${release.run === 2 ? "retry" : "retries"}` : "";
  switch (release.status) {
    case "draft":
      return `${who} has not started: the plan has ${total} wave${total === 1 ? "" : "s"} up to 100% traffic.`;
    case "completed":
      return `${who} reached 100% of traffic through ${total} wave${total === 1 ? "" : "s"} in ${span}${retries}${rollbacks.length ? `, with ${rollbacks.length} rollback${rollbacks.length === 1 ? "" : "s"} on the way` : " with no rollback"}.`;
    case "rolled_back": {
      const last = rollbacks.at(-1);
      const wave = waves.at(-1);
      const by = last?.data.automatic === true ? `the guardrail (${last.data.metric ?? "a metric"})` : (last?.actor ?? "someone");
      const why = last?.reason ? `: ${last.reason}` : "";
      return `${who} was rolled back by ${by} from wave ${(wave?.index ?? 0) + 1} of ${total} "${wave?.name ?? "?"}" at ${fmtPercent(last?.data.fromTraffic ?? 0)} traffic${why}.`;
    }
    default: {
      const wave = waves.at(-1);
      const state = release.status === "paused" ? "is paused" : "is running";
      return `${who} ${state} at wave ${release.currentWaveIndex + 1} of ${total}${wave ? ` "${wave.name}"` : ""} (${fmtPercent(release.trafficPercent)} traffic)${span ? `, ${span} in` : ""}${retries}: this report is live.`;
    }
  }
}
