// The rollout plan: the public contract a team writes and Tidegate enforces. Pure zod, no I/O.
import { z } from "zod";
import { WindowsSchema } from "../../freezes/core/windows";
import { FlagSchema, PERCENT_STEP_CHECK } from "../../flags/core/flag-spec";
import { JUDGE_DIRECTIONS, MetricSourceSchema, NO_DATA_POLICIES, TEMPLATE_NAMES, unknownPlaceholders } from "../../guardrails/core/metric-source";
import { freeText, nameText } from "../../releases/core/text";
import { findIneffectiveGuardrails } from "./check-guardrails";

export const BUILT_IN_METRICS = [
  "error_rate",
  "success_rate",
  "latency_p95_ms",
  "latency_p99_ms",
  "memory_mb",
  "cpu_percent",
  "throughput_rps",
  "invariant_violations",
] as const;

/** Ratios live in 0..1; the ingestion boundary rejects anything else. */
export const RATIO_METRICS: readonly string[] = ["error_rate", "success_rate"];

const metricKey = z
  .string()
  .regex(/^[a-z][a-z0-9_]{0,62}$/, "metric keys are lower_snake_case, starting with a letter");

export const COMPARATORS = [">", ">=", "<", "<="] as const;
export type Comparator = (typeof COMPARATORS)[number];

export const GuardrailSchema = z
  .object({
    metric: metricKey,
    comparator: z.enum(COMPARATORS),
    /** The healthy level; informational, drawn on charts. */
    target: z.number().finite().optional(),
    warning: z.number().finite().optional(),
    critical: z.number().finite(),
    /**
     * When set, thresholds are fractions above (or below) a reference level: 0.5 = +50%. `baseline` is today's
     * control cohort; v2 adds `pre_rollout` (a snapshot at START) and `previous_wave`.
     */
    relativeTo: z.enum(["baseline", "pre_rollout", "previous_wave"]).optional(),
    /** v2: compare as a ratio (default, 0.5 = +50%) or as an absolute difference in the metric's unit. */
    relativeMode: z.enum(["ratio", "difference"]).optional(),
    /** v2: further rules for the same metric, each with its own threshold, duration and action. */
    levels: z.array(z.lazy(() => GuardrailLevelSchema)).max(5).optional(),
    /** How long the breach must hold before it counts (0 = immediately). */
    forSeconds: z.number().int().min(0).max(7 * 86400).default(60),
    /** The window each evaluation aggregates over; defaults to 60 s. */
    windowSeconds: z.number().int().min(10).max(86400).default(60),
    onCritical: z.enum(["rollback", "pause", "notify"]).default("pause"),
    /** Pull this guardrail's values from Prometheus (overrides the plan's `source`) instead of pushes. */
    source: MetricSourceSchema.optional(),
    /** What a pulled query that errors or returns nothing means: hold CONTINUE (default), pause, or nothing. */
    onNoData: z.enum(NO_DATA_POLICIES).optional(),
    /**
     * Judge canary against baseline instead of the thresholds: `mann-whitney` over the window (fixed-horizon), or
     * `sequential` (a mixture SPRT on all canary data since the wave began, valid however often it is looked at).
     */
    judge: z.enum(["mann-whitney", "sequential"]).optional(),
    /** Sequential judge: this metric's share of the release's false-alarm budget (`judgeAlpha`), used as its Holm weight. */
    alpha: z.number().gt(0).lt(1).optional(),
    /** Sequential judge: the smallest relative change worth detecting (default 0.25 continuous, 0.5 ratio metrics). */
    minRelativeEffect: z.number().gt(0).max(100).optional(),
    /** Sequential judge on a ratio metric: requests each cohort needs before any verdict (default 100). */
    minCount: z.number().int().min(1).max(1e9).optional(),
    /** For the judge: which shift fails; defaults from the comparator (">" -> increase, "<" -> decrease). */
    direction: z.enum(JUDGE_DIRECTIONS).optional(),
    /**
     * Canary evidence needed in a wave before this guardrail lets CONTINUE through: for thresholds, samples (default 1);
     * for a judge, 10 s bucket means per cohort (default 50 for Mann-Whitney, at least 3).
     */
    minSamples: z.number().int().min(1).max(2000).optional(),
  })
  .strict()
  .superRefine((g, ctx) => {
    // The sequential judge's settings mean nothing elsewhere: refuse them rather than let a reader believe they act.
    for (const field of ["alpha", "minRelativeEffect", "minCount"] as const) {
      if (g[field] !== undefined && g.judge !== "sequential") ctx.addIssue({ code: "custom", path: [field], message: `${field} applies only to judge "sequential"` });
    }
    if (g.judge && g.minSamples !== undefined && g.minSamples < 3) {
      ctx.addIssue({ code: "custom", path: ["minSamples"], message: "a statistical judge needs at least 3 samples per cohort" });
    }
    for (const [field, query] of Object.entries({ canary: g.source?.prometheus.canary, baseline: g.source?.prometheus.baseline })) {
      const unknown = query ? unknownPlaceholders(query) : [];
      if (unknown.length > 0) {
        ctx.addIssue({ code: "custom", path: ["source", "prometheus", field], message: `unknown placeholder ${unknown.map((n) => `{{${n}}}`).join(", ")} (known: ${TEMPLATE_NAMES.map((n) => `{{${n}}}`).join(", ")})` });
      }
    }
    // Thresholds must get worse in the direction of the comparator, or the levels mean nothing.
    const worse = g.comparator.startsWith(">") ? (a: number, b: number) => a <= b : (a: number, b: number) => a >= b;
    if (g.warning !== undefined && !worse(g.warning, g.critical)) {
      ctx.addIssue({
        code: "custom",
        path: ["warning"],
        message: `warning (${g.warning}) must be reached before critical (${g.critical}) for comparator "${g.comparator}"`,
      });
    }
    // Without a warning level the target is still checked, against critical.
    const [level, bound] = g.warning !== undefined ? ["warning", g.warning] : ["critical", g.critical];
    if (g.target !== undefined && !worse(g.target, bound)) {
      ctx.addIssue({
        code: "custom",
        path: ["target"],
        message: `target (${g.target}) must be on the healthy side of ${level} (${bound})`,
      });
    }
  });

export const ChecklistItemSchema = z
  .object({
    text: nameText(500),
    /** v2: optional; an unowned item shows as unassigned and the release's commander answers for it. */
    ownerRole: nameText(80).optional(),
    /** Optional items are shown but never block the gate. */
    required: z.boolean().default(true),
    /** Binds the item to live data: it evaluates itself instead of being ticked by hand. */
    metric: z
      .object({ metric: metricKey, comparator: z.enum(COMPARATORS), threshold: z.number().finite() })
      .strict()
      .optional(),
    // v2 (issue 14): the heading the item sat under in the team's document ("Code Quality (Week -2)").
    group: z.string().trim().min(1).max(120).optional(),
  })
  .strict();

// ---- Plan format v2 (issue 14): additive fields; every v1 plan stays valid. ----

/** How many tracks a programme holds: as many as a track holds waves (a release checklist of 12 steps fits). */
export const MAX_TRACKS = 20;
/** Declared here (not beside TrackSchema) because rollback levels, defined first, name tracks too. */
const TRACK_KEY_PATTERN = /^[a-z0-9][a-z0-9-]{0,39}$/;

export const LEVEL_ACTIONS = ["notify", "pause", "step_back", "rollback"] as const;

/** "0.02 for 3 min: tell me; 0.05 for 10 min: roll back": one rule of several on one metric. */
export const GuardrailLevelSchema = z
  .object({
    threshold: z.number().finite(),
    forSeconds: z.number().int().min(0).max(7 * 86400).default(60),
    action: z.enum(LEVEL_ACTIONS),
  })
  .strict();

/** A metric the plan names: label and unit for screens; watch-only metrics are shown and never gate. */
export const MetricInfoSchema = z
  .object({
    key: metricKey,
    label: z.string().trim().min(1).max(80),
    unit: z.string().trim().max(20).optional(),
    watchOnly: z.boolean().default(false),
  })
  .strict();

/** "canary traffic gone within 15 min": what proves a rollback level worked. */
export const RollbackVerificationSchema = z
  .object({
    metric: metricKey,
    comparator: z.enum(COMPARATORS),
    threshold: z.number().finite(),
    withinSeconds: z.number().int().min(1).max(86400),
  })
  .strict();

/** What a person declares with one click ("Data corruption detected -> rollback level 3"). */
export const TriggerSchema = z
  .object({
    name: z.string().trim().min(1).max(200),
    action: z.enum(["notify", "pause", "step_back", "rollback"]).default("rollback"),
    /** 1-based rollback level; absent = the first level. */
    level: z.number().int().min(1).max(10).optional(),
  })
  .strict();

export const RollbackStepSchema = z
  .object({
    text: z.string().trim().min(1).max(500),
    command: z.string().max(4000).optional(),
    ownerRole: z.string().trim().min(1).max(80).optional(),
  })
  .strict();

export const RollbackLevelSchema = z
  .object({
    name: z.string().trim().min(1).max(120),
    scope: z.enum(["release", "flag", "data"]).default("release"),
    steps: z.array(RollbackStepSchema).max(50).default([]),
    /** How long this level may take, from the document's "(< 30 seconds)". */
    objectiveSeconds: z.number().int().min(1).max(30 * 86400).optional(),
    verification: RollbackVerificationSchema.optional(),
    /** Issue 22, a programme: the tracks this level takes down; absent = every track. */
    tracks: z.array(z.string().regex(TRACK_KEY_PATTERN, "a track key is lower-case letters, digits and dashes")).min(1).max(MAX_TRACKS).optional(),
  })
  .strict();

export const RollbackSchema = z
  .object({ levels: z.array(RollbackLevelSchema).max(10).default([]) })
  .strict();

/**
 * Issue 26, N-of-M per role: how many distinct people must approve in a role ("Product Manager": 2 = two of the
 * approvers holding that role). Keys are roles the same gate lists; absent (or a role not named) means 1.
 */
export const SignoffQuorumSchema = z.record(z.string().max(80), z.number().int().min(1).max(20));
export type SignoffQuorum = z.infer<typeof SignoffQuorumSchema>;

/** How many distinct approvers `role` needs at a gate with this quorum map: 1 unless it says more. */
export const approversNeeded = (quorum: SignoffQuorum | undefined, role: string): number => quorum?.[role] ?? 1;

/** The observation phase after the last wave ("14 days stable -> production-grade"). */
export const HypercareSchema = z
  .object({
    durationSeconds: z.number().int().min(0).max(365 * 86400),
    checklist: z.array(ChecklistItemSchema).max(200).default([]),
    signoffs: z.array(z.string().trim().min(1).max(80)).max(20).default([]),
    /** Issue 26: distinct approvers per role (absent: 1 each). */
    signoffQuorum: SignoffQuorumSchema.optional(),
  })
  .strict();

export const PreSignoffsSchema = z
  .object({
    roles: z.array(z.string().trim().min(1).max(80)).min(1).max(20),
    /** "any 2 of these roles"; absent = all of them. */
    quorum: z.number().int().min(1).max(20).optional(),
    /** Issue 26: distinct approvers per role (absent: 1 each); a role counts toward `quorum` once it has them. */
    signoffQuorum: SignoffQuorumSchema.optional(),
  })
  .strict()
  .refine((p) => p.quorum === undefined || p.quorum <= p.roles.length, {
    message: "quorum cannot exceed the number of roles",
    path: ["quorum"],
  });

// ---- end of v2 block ----

// Issue 12: external gate checks and the traffic hook.
/** An external check asked before a gate opens (Flagger's confirm-promotion / pre-rollout): non-2xx or timeout = unmet. */
export const GateCheckSchema = z
  .object({
    name: nameText(80),
    url: z.string().trim().url().max(2000),
    timeoutSeconds: z.number().int().min(1).max(60).optional(),
  })
  .strict();

/** Called on every traffic change (promotion, rollback, retry, completion) for teams whose split lives elsewhere. */
export const TrafficHookSchema = z.object({ url: z.string().trim().url().max(2000) }).strict();

/**
 * Issue 24: the traffic router that carries this plan's (or track's) waves, by the name an operator gave it in
 * TRAFFIC_ROUTERS, with optional names inside that router (HAProxy: backend and servers; Gateway API: route and
 * backendRefs). Which names a router kind accepts is checked at creation, against the configured routers.
 */
const routerName = z.string().trim().min(1).max(100);
export const TrafficRouterChoiceSchema = z
  .object({
    router: z.string().trim().regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, "a router name is lower-case letters, digits, _ and - (at most 40)"),
    backend: routerName.optional(),
    stableServer: routerName.optional(),
    canaryServer: routerName.optional(),
    namespace: routerName.optional(),
    route: routerName.optional(),
    rule: z.number().int().min(0).max(63).optional(),
    stableBackend: routerName.optional(),
    canaryBackend: routerName.optional(),
  })
  .strict();
export type TrafficRouterChoice = z.infer<typeof TrafficRouterChoiceSchema>;

const uniqueCheckNames = (checks: { name: string }[] | undefined) => !checks || new Set(checks.map((c) => c.name)).size === checks.length;

export const WaveSchema = z
  .object({
    name: nameText(80),
    trafficPercent: z.number().gt(0).max(100),
    bakeSeconds: z.number().int().min(0).max(90 * 86400).default(0),
    checklist: z.array(ChecklistItemSchema).max(100).default([]),
    signoffs: z.array(nameText(80)).max(20).default([]),
    /** Issue 26: distinct approvers per role ("Product Manager": 2); absent or a role not named: 1. */
    signoffQuorum: SignoffQuorumSchema.optional(),
    guardrails: z.array(GuardrailSchema).max(50).default([]),
    // v2 (issue 14)
    /** Who the wave reaches, as the team wrote it ("internal team + 10-20 beta testers"). */
    audience: z.string().trim().min(1).max(300).optional(),
    /** What the percentage counts; percentages rise strictly within one unit. */
    unit: z.enum(["users", "requests", "servers", "operations"]).optional(),
    /** Decision deadline: past it the commander and the wave's owners get an "overdue" alert. */
    maxSeconds: z.number().int().min(1).max(90 * 86400).optional(),
    /** Promote on its own once every gate is open after the bake time (audited with actor "schedule"). */
    autoContinue: z.boolean().optional(),
    /** Items that gate entering this wave (the others gate leaving it). */
    entryChecklist: z.array(ChecklistItemSchema).max(100).optional(),
    triggers: z.array(TriggerSchema).max(50).optional(),
    /** External checks asked before CONTINUE leaves this wave. */
    checks: z.array(GateCheckSchema).max(10).refine(uniqueCheckNames, "a check name is listed twice").optional(),
  })
  .strict();

// ---- Programmes (issue 22): a plan of several tracks, each with its own state; see /work TRACKS.md contract. ----

export const TRACK_KEY = TRACK_KEY_PATTERN;
export const ENVIRONMENT_NAME = /^[a-z0-9][a-z0-9-]{0,39}$/;
export const TRACK_KINDS = ["ramp", "step"] as const;

/** When a track may start: once another (earlier) track completed, or reached one of its waves (1-based). */
export const TrackAfterSchema = z
  .object({
    track: z.string().regex(TRACK_KEY, "a track key is lower-case letters, digits and dashes").optional(),
    /** Issue 25, stages: several upstream tracks instead of one; `mode` says whether all of them or any one must hold. */
    tracks: z.array(z.string().regex(TRACK_KEY, "a track key is lower-case letters, digits and dashes")).min(1).max(MAX_TRACKS).optional(),
    mode: z.enum(["all", "any"]).optional(),
    when: z.union([z.literal("completed"), z.object({ wave: z.number().int().min(1).max(20) }).strict()]).default("completed"),
  })
  .strict()
  .superRefine((a, ctx) => {
    if ((a.track === undefined) === (a.tracks === undefined)) ctx.addIssue({ code: "custom", path: ["track"], message: "name one upstream \"track\" or a list of \"tracks\" (not both)" });
    if (a.mode !== undefined && a.tracks === undefined) ctx.addIssue({ code: "custom", path: ["mode"], message: "mode applies to a list of \"tracks\"" });
  });

/** The tracks an `after` condition names, in order. */
export const upstreamOf = (after: z.infer<typeof TrackAfterSchema> | undefined): string[] => (after ? (after.tracks ?? (after.track ? [after.track] : [])) : []);

export const TrackSchema = z
  .object({
    key: z.string().regex(TRACK_KEY, "a track key is lower-case letters, digits and dashes (at most 40), starting with a letter or digit"),
    name: nameText(80),
    /** "ramp": waves of traffic, flags following them; "step": one piece of work done, checked and signed off. */
    kind: z.enum(TRACK_KINDS).default("ramp"),
    after: TrackAfterSchema.optional(),
    /** Wait this long after `after` holds before the track may start. */
    delaySeconds: z.number().int().min(0).max(90 * 86400).optional(),
    flags: z.array(FlagSchema).max(50).optional(),
    waves: z.array(WaveSchema).max(20).optional(),
    /** On top of the plan's guardrails, while this track runs. */
    guardrails: z.array(GuardrailSchema).max(50).optional(),
    /** A step: what must be done before it completes. A ramp: what must be done before it starts. */
    checklist: z.array(ChecklistItemSchema).max(100).optional(),
    signoffs: z.array(nameText(80)).max(20).optional(),
    /** Issue 26: distinct approvers per role of `signoffs` (absent: 1 each). */
    signoffQuorum: SignoffQuorumSchema.optional(),
    /** Step only: verification time after START before it may complete. */
    bakeSeconds: z.number().int().min(0).max(90 * 86400).optional(),
    /** Issue 24: the router that carries this ramp's waves (overrides the plan's). */
    traffic: TrafficRouterChoiceSchema.optional(),
    // ---- Issue 25, stages: a track bound to an environment (admin-declared, GET /api/environments). ----
    /** The environment this track deploys to; a track with one is a stage. */
    environment: z.string().regex(ENVIRONMENT_NAME, "an environment name is lower-case letters, digits and dashes").optional(),
    /** After this stage completes, how long it must run with no critical breach before a stage after it may open. */
    soakSeconds: z.number().int().min(0).max(30 * 86400).optional(),
    /** A stage's promotion gate is its `checklist` and `signoffs`; `quorum`: how many of those roles suffice. */
    quorum: z.number().int().min(1).max(20).optional(),
    /** Open (START) this stage by itself once its promotion gate is met (audited with actor "schedule"). */
    autoPromote: z.boolean().optional(),
  })
  .strict();

export const PlanSchema = z
  .object({
    name: nameText(120),
    service: nameText(120),
    version: nameText(60),
    description: freeText(2000).optional(),
    /** Issue 26: where the release goes ("production", "staging"); release policies match on it. */
    environment: nameText(60).optional(),
    /** Issue 26: labels release policies match on ("pci", "customer-facing"). */
    tags: z.array(z.string().trim().regex(/^[a-z0-9][a-z0-9._-]{0,39}$/, "a tag is lower-case letters, digits, '.', '_' and '-' (at most 40)")).max(20).optional(),
    /** Issue 26: sign-offs by the release's creator or its commander do not count toward any gate. */
    separateApprover: z.boolean().optional(),
    /** The pre-deployment checklist (code, infrastructure, team, stakeholders): gates the first wave's start. */
    preChecklist: z.array(ChecklistItemSchema).max(200).default([]),
    guardrails: z.array(GuardrailSchema).max(50).default([]),
    /** Empty (absent) when the plan has `tracks`: each track then has its own waves. */
    waves: z.array(WaveSchema).max(20).default([]),
    /** Issue 22: a programme, several tracks each with its own state; absent = one implicit track (the waves). */
    tracks: z.array(TrackSchema).min(1).max(MAX_TRACKS).optional(),
    // v2 (issue 14)
    triggers: z.array(TriggerSchema).max(50).optional(),
    rollback: RollbackSchema.optional(),
    hypercare: HypercareSchema.optional(),
    preSignoffs: PreSignoffsSchema.optional(),
    metrics: z.array(MetricInfoSchema).max(100).optional(),
    /** External checks asked before START (pre-rollout). */
    checks: z.array(GateCheckSchema).max(10).refine(uniqueCheckNames, "a check name is listed twice").optional(),
    trafficHook: TrafficHookSchema.optional(),
    /** Issue 24: the traffic router whose weights follow the waves, read back and watched for drift. */
    traffic: TrafficRouterChoiceSchema.optional(),
    /** Boolean feature flags whose share follows the release's waves (served over OFREP and the Unleash API). */
    flags: z.array(FlagSchema).max(50).optional(),
    /** Default Prometheus connection (and, with a {{metric}} canary query, queries) for every guardrail (issue 11). */
    source: MetricSourceSchema.optional(),
    /** Sequential judge: the false-alarm probability per release, shared by each wave's judged metrics (default 0.01). */
    judgeAlpha: z.number().gt(0).max(0.5).optional(),
    /** A/A calibration: canary and baseline run the same version; judges only measure and suggest, never act. */
    calibration: z.boolean().optional(),
    /**
     * Issue 25: when forward steps (START, CONTINUE, RESUME, RETRY, automatic promotion) are allowed, as wall-clock
     * hours on weekdays in a named time zone; outside them they are refused (409 `frozen`) as during a freeze.
     */
    windows: WindowsSchema.optional(),
    /** Issue 25: when a stage rolls back, whether the stages before it roll back too, or a person is asked (default). */
    rollbackUpstream: z.enum(["ask", "yes", "no"]).optional(),
  })
  .strict()
  .superRefine((plan, ctx) => {
    if (plan.tracks) {
      if (plan.waves.length > 0) ctx.addIssue({ code: "custom", path: ["waves"], message: "a plan with tracks has no top-level waves: each track has its own" });
      if (plan.flags) ctx.addIssue({ code: "custom", path: ["flags"], message: "a plan with tracks has no top-level flags: each flag belongs to its track" });
      checkTracks(plan, ctx);
    } else if (plan.waves.length === 0) {
      ctx.addIssue({ code: "custom", path: ["waves"], message: "a plan needs waves or tracks" });
    }
    checkRamp(plan.waves, ["waves"], ctx);
    checkQuorumRoles(plan.preSignoffs?.signoffQuorum, plan.preSignoffs?.roles ?? [], ["preSignoffs", "signoffQuorum"], ctx);
    checkQuorumRoles(plan.hypercare?.signoffQuorum, plan.hypercare?.signoffs ?? [], ["hypercare", "signoffQuorum"], ctx);
    reportDuplicateMetrics(plan.guardrails, ["guardrails"], ctx);
    // A guardrail that can never fire protects nothing: refuse it (warnings are returned beside the plan instead).
    for (const finding of findIneffectiveGuardrails(plan)) {
      if (finding.severity === "error") ctx.addIssue({ code: "custom", path: finding.path, message: finding.message });
    }
    // v2: a watch-only metric is shown and never gates, so no guardrail may watch it.
    const watchOnly = new Set((plan.metrics ?? []).filter((m) => m.watchOnly).map((m) => m.key));
    const checkWatchOnly = (list: Guardrail[], path: (string | number)[]) =>
      list.forEach((g, j) => {
        if (watchOnly.has(g.metric)) ctx.addIssue({ code: "custom", path: [...path, j, "metric"], message: `"${g.metric}" is watch-only in the metrics catalogue; it cannot have a guardrail` });
      });
    checkWatchOnly(plan.guardrails, ["guardrails"]);
    for (const [i, w] of plan.waves.entries()) checkWatchOnly(w.guardrails, ["waves", i, "guardrails"]);
    for (const [k, t] of (plan.tracks ?? []).entries()) {
      checkWatchOnly(t.guardrails ?? [], ["tracks", k, "guardrails"]);
      for (const [i, w] of (t.waves ?? []).entries()) checkWatchOnly(w.guardrails, ["tracks", k, "waves", i, "guardrails"]);
    }
    // v2: a trigger's rollback level must exist.
    const levels = plan.rollback?.levels.length ?? 0;
    const checkTriggers = (triggers: Trigger[] | undefined, path: (string | number)[]) =>
      triggers?.forEach((t, k) => {
        if (t.level !== undefined && t.level > Math.max(1, levels)) {
          ctx.addIssue({ code: "custom", path: [...path, k, "level"], message: `rollback level ${t.level} does not exist (the plan has ${levels})` });
        }
      });
    checkTriggers(plan.triggers, ["triggers"]);
    for (const [l, level] of (plan.rollback?.levels ?? []).entries()) {
      for (const [j, key] of (level.tracks ?? []).entries()) {
        if (!plan.tracks?.some((t) => t.key === key)) {
          const message = plan.tracks ? `rollback level names track "${key}", which the plan does not have` : "a rollback level names tracks only in a plan with tracks";
          ctx.addIssue({ code: "custom", path: ["rollback", "levels", l, "tracks", j], message });
        }
      }
    }
    for (const [i, w] of plan.waves.entries()) checkTriggers(w.triggers, ["waves", i, "triggers"]);
    for (const [k, t] of (plan.tracks ?? []).entries()) for (const [i, w] of (t.waves ?? []).entries()) checkTriggers(w.triggers, ["tracks", k, "waves", i, "triggers"]);
    // Flag keys are unique across the whole plan: a key follows exactly one track.
    const flagKeys = new Set<string>();
    const flagLists: [FlagSpec[] | undefined, Wave[], (string | number)[]][] = [
      [plan.flags, plan.waves, []],
      ...(plan.tracks ?? []).map((t, k): [FlagSpec[] | undefined, Wave[], (string | number)[]] => [t.flags, t.waves ?? [], ["tracks", k]]),
    ];
    for (const [flags, waves, prefix] of flagLists) {
      for (const [j, f] of (flags ?? []).entries()) {
        if (flagKeys.has(f.key)) ctx.addIssue({ code: "custom", path: [...prefix, "flags", j, "key"], message: `flag "${f.key}" is listed twice` });
        flagKeys.add(f.key);
      }
      if (!flags?.length) continue;
      // A flag's share can only move in steps of 0.001 %: finer waves would promise a cohort nobody can serve.
      waves.forEach((wave, i) => {
        if (!PERCENT_STEP_CHECK(wave.trafficPercent)) {
          ctx.addIssue({
            code: "custom",
            path: [...prefix, "waves", i, "trafficPercent"],
            message: `a plan with flags moves traffic in steps of 0.001% (${wave.trafficPercent}% is finer)`,
          });
        }
      });
    }
  });

/** Waves rise strictly within a unit and the last reaches 100 %; sign-offs and guardrails are not listed twice. */
function checkRamp(waves: Wave[], prefix: (string | number)[], ctx: z.RefinementCtx) {
  waves.forEach((wave, i) => {
    // v2: "5% of servers" then "10% of users" are different counts; percentages rise within one unit.
    const previous = waves.slice(0, i).reverse().find((w) => (w.unit ?? null) === (wave.unit ?? null));
    if (previous && wave.trafficPercent <= previous.trafficPercent) {
      ctx.addIssue({
        code: "custom",
        path: [...prefix, i, "trafficPercent"],
        message: `traffic must rise strictly from wave to wave (${previous.trafficPercent}% then ${wave.trafficPercent}%)`,
      });
    }
    if (new Set(wave.signoffs).size !== wave.signoffs.length) {
      ctx.addIssue({ code: "custom", path: [...prefix, i, "signoffs"], message: "a sign-off role is listed twice" });
    }
    checkQuorumRoles(wave.signoffQuorum, wave.signoffs, [...prefix, i, "signoffQuorum"], ctx);
    reportDuplicateMetrics(wave.guardrails, [...prefix, i, "guardrails"], ctx);
  });
  const last = waves[waves.length - 1];
  if (last && last.trafficPercent !== 100) {
    ctx.addIssue({
      code: "custom",
      path: [...prefix, waves.length - 1, "trafficPercent"],
      message: `the last wave must reach 100% traffic (it has ${last.trafficPercent}%)`,
    });
  }
}

/** Keys unique, `after` names an earlier track (so list order is a start order, no cycles) and a wave it has. */
function checkTracks(plan: { tracks?: Track[] }, ctx: z.RefinementCtx) {
  const tracks = plan.tracks ?? [];
  tracks.forEach((track, k) => {
    const path = ["tracks", k];
    const earlier = tracks.slice(0, k);
    if (earlier.some((t) => t.key === track.key)) ctx.addIssue({ code: "custom", path: [...path, "key"], message: `track "${track.key}" is listed twice` });
    for (const [j, key] of upstreamOf(track.after).entries()) {
      const target = earlier.find((t) => t.key === key);
      const at = track.after!.tracks ? [...path, "after", "tracks", j] : [...path, "after", "track"];
      if (!target) {
        const message = tracks.some((t) => t.key === key)
          ? `"after" must name an earlier track ("${key}" comes later or is this track)`
          : `"after" names track "${key}", which the plan does not have`;
        ctx.addIssue({ code: "custom", path: at, message });
      } else if (typeof track.after!.when === "object") {
        const waves = target.kind === "step" ? 0 : (target.waves ?? []).length;
        if (track.after!.when.wave > waves) {
          ctx.addIssue({ code: "custom", path: [...path, "after", "when", "wave"], message: `track "${target.key}" has no wave ${track.after!.when.wave} (it has ${waves})` });
        }
      }
    }
    if (track.quorum !== undefined && track.quorum > (track.signoffs?.length ?? 0)) {
      ctx.addIssue({ code: "custom", path: [...path, "quorum"], message: "quorum cannot exceed the number of sign-off roles" });
    }
    if ((track.soakSeconds !== undefined || track.autoPromote !== undefined) && !track.environment) {
      ctx.addIssue({ code: "custom", path: [...path, track.soakSeconds !== undefined ? "soakSeconds" : "autoPromote"], message: "soakSeconds and autoPromote are for stages: give the track an environment" });
    }
    if (track.delaySeconds !== undefined && !track.after) ctx.addIssue({ code: "custom", path: [...path, "delaySeconds"], message: "delaySeconds needs an \"after\" condition to count from" });
    if (track.kind === "step") {
      if (track.waves?.length) ctx.addIssue({ code: "custom", path: [...path, "waves"], message: "a step track has no waves" });
      if (track.flags?.length) ctx.addIssue({ code: "custom", path: [...path, "flags"], message: "a step track has no flags" });
    } else {
      if (!track.waves?.length) ctx.addIssue({ code: "custom", path: [...path, "waves"], message: "a ramp track needs at least one wave" });
      if (track.bakeSeconds !== undefined) ctx.addIssue({ code: "custom", path: [...path, "bakeSeconds"], message: "bakeSeconds is for step tracks; a ramp's waves have their own" });
      checkRamp(track.waves ?? [], [...path, "waves"], ctx);
    }
    if (track.signoffs && new Set(track.signoffs).size !== track.signoffs.length) {
      ctx.addIssue({ code: "custom", path: [...path, "signoffs"], message: "a sign-off role is listed twice" });
    }
    checkQuorumRoles(track.signoffQuorum, track.signoffs ?? [], [...path, "signoffQuorum"], ctx);
    reportDuplicateMetrics(track.guardrails ?? [], [...path, "guardrails"], ctx);
  });
}

/** A quorum names only roles its gate asks for: a count for a role nobody is asked for would never be met or read. */
function checkQuorumRoles(quorum: SignoffQuorum | undefined, roles: readonly string[], path: (string | number)[], ctx: z.RefinementCtx) {
  for (const role of Object.keys(quorum ?? {})) {
    if (!roles.includes(role)) ctx.addIssue({ code: "custom", path: [...path, role], message: `signoffQuorum names "${role}", which this gate's sign-offs do not list (${roles.join(", ") || "none"})` });
  }
}

function reportDuplicateMetrics(guardrails: Guardrail[], path: (string | number)[], ctx: z.RefinementCtx) {
  const seen = new Set<string>();
  guardrails.forEach((g, j) => {
    if (seen.has(g.metric)) {
      ctx.addIssue({ code: "custom", path: [...path, j, "metric"], message: `guardrail for "${g.metric}" is listed twice` });
    }
    seen.add(g.metric);
  });
}

export type Guardrail = z.infer<typeof GuardrailSchema>;
export type Wave = z.infer<typeof WaveSchema>;
export type Plan = z.infer<typeof PlanSchema>;
export type PlanInput = z.input<typeof PlanSchema>;
export type Trigger = z.infer<typeof TriggerSchema>;
export type Track = z.infer<typeof TrackSchema>;
type FlagSpec = z.infer<typeof FlagSchema>;


/** Every flag of the plan: its own, or (a programme) each track's. Keys are unique across the plan. */
export function flagsOfPlan(plan: Pick<Plan, "flags" | "tracks">): FlagSpec[] {
  return [...(plan.flags ?? []), ...(plan.tracks ?? []).flatMap((t) => t.flags ?? [])];
}

/** Every metric key the plan watches, so ingestion can accept custom keys the plan declares. */
export function metricsOfPlan(plan: Plan): Set<string> {
  const keys = new Set<string>(BUILT_IN_METRICS);
  for (const g of plan.guardrails) keys.add(g.metric);
  for (const w of [...plan.waves, ...(plan.tracks ?? []).flatMap((t) => t.waves ?? [])]) {
    for (const g of w.guardrails) keys.add(g.metric);
    for (const c of w.checklist) if (c.metric) keys.add(c.metric.metric);
  }
  for (const c of plan.preChecklist) if (c.metric) keys.add(c.metric.metric);
  for (const t of plan.tracks ?? []) {
    for (const g of t.guardrails ?? []) keys.add(g.metric);
    for (const c of t.checklist ?? []) if (c.metric) keys.add(c.metric.metric);
  }
  for (const m of plan.metrics ?? []) keys.add(m.key);
  return keys;
}

/** The manual triggers a person may declare in a wave: the wave's own first, then the plan's. */
export function triggersAt(plan: Plan, waveIndex: number): Trigger[] {
  return [...(plan.waves[waveIndex]?.triggers ?? []), ...(plan.triggers ?? [])];
}
