// The audit log's contract: every event type a release can record, each with a zod schema for its `data`.
// Writers validate against it before anything is stored (an unknown type or shape cannot be written), and the
// events API, the live push and the README's event reference all speak it.
import { z } from "zod";

const metric = z.string().min(1);
const level = z.enum(["warning", "critical", "inconclusive"]);
const commandName = z.enum(["start", "continue", "pause", "resume", "rollback", "retry", "step_back"]);
const guardrailAction = z.enum(["pause", "rollback", "step_back"]);
/** What a guardrail verdict rested on (issue 11): the query as run, the values, window, condition and sentence. */
const evidence = z
  .object({
    source: z.enum(["prometheus", "push"]),
    dataState: z.enum(["ok", "no_data", "query_error"]),
    query: z.string().optional(),
    baselineQuery: z.string().nullable().optional(),
    values: z.object({ canary: z.number().nullable(), baseline: z.number().nullable() }).strict().optional(),
    raw: z.object({ canary: z.array(z.unknown()), baseline: z.array(z.unknown()) }).strict().optional(),
    windowSeconds: z.number(),
    condition: z.string(),
    level: z.string(),
    sentence: z.string(),
    measuredAt: z.string().optional(),
  })
  .strict();
/** Set on machine events the guardrail caused, with the metric that made it act. */
/** Issue 22: on a programme's machine events, the track that moved (before/after are that track's state). */
const onTrack = { track: z.string().optional(), trackName: z.string().optional() };
/** Set on machine events the guardrail caused, with the metric that made it act (and, on a programme, the track). */
const automatic = { metric: metric.optional(), automatic: z.literal(true).optional(), evidence: evidence.optional(), ...onTrack };

const unmetGate = z
  .object({ kind: z.enum(["bake", "checklist", "signoff", "breach", "check", "evidence", "traffic", "freeze", "quarantine"]), message: z.string() })
  .catchall(z.unknown());

const routerWeights = z.object({ stable: z.number().int(), canary: z.number().int() }).strict();

export const EVENT_DATA = {
  created: z
    .object({
      name: z.string(),
      service: z.string(),
      version: z.string(),
      waves: z.number().int(),
      /** Issue 22: a programme's number of tracks (waves then counts every track's). */
      tracks: z.number().int().optional(),
      /** Set when the plan was imported from a document (kept with the release, see GET /api/releases/:id/source). */
      importedFrom: z.literal("markdown").optional(),
      unmappedSections: z.number().int().optional(),
    })
    .strict(),
  started: z.object({ wave: z.string(), run: z.number().int().optional(), ...automatic }).strict(),
  promoted: z
    .object({
      fromWave: z.number().int(),
      toWave: z.number().int(),
      fromTraffic: z.number(),
      toTraffic: z.number(),
      wave: z.string(),
      ...automatic,
    })
    .strict(),
  completed: z.object({ wave: z.string(), phase: z.literal("hypercare").optional(), ...automatic }).strict(),
  /** Plan v2: the last wave is done and the observation phase (hypercare) begins at 100%. */
  hypercare_started: z.object({ wave: z.string(), durationSeconds: z.number().int(), ...automatic }).strict(),
  /** Plan v2: a wave ran past its decision deadline (maxSeconds); `notify` lists who is told. */
  wave_overdue: z
    .object({ waveIndex: z.number().int(), wave: z.string(), maxSeconds: z.number().int(), notify: z.array(z.string()) })
    .strict(),
  paused: z.object({ ...automatic }).strict(),
  resumed: z.object({ ...automatic }).strict(),
  rolled_back: z
    .object({
      fromTraffic: z.number(),
      wave: z.string(),
      /** Plan v2: the rollback level carried out (1-based) and its name, when the plan has levels. */
      level: z.number().int().min(1).optional(),
      levelName: z.string().optional(),
      ...automatic,
    })
    .strict(),
  retried: z
    .object({
      wave: z.string(),
      run: z.number().int().optional(),
      /** Issue 15: manual checklist items and sign-offs of the waves run again, reopened. */
      reopenedItems: z.number().int().optional(),
      reopenedSignoffs: z.number().int().optional(),
      ...automatic,
    })
    .strict(),
  /** Plan v2: a partial rollback to the previous wave, held there (paused). */
  stepped_back: z
    .object({
      fromWave: z.number().int(),
      toWave: z.number().int(),
      fromTraffic: z.number(),
      toTraffic: z.number(),
      wave: z.string(),
      reopenedItems: z.number().int().optional(),
      reopenedSignoffs: z.number().int().optional(),
      ...automatic,
    })
    .strict(),
  /** Plan v2: a person declared one of the plan's manual triggers; `applied` says whether its action took effect. */
  trigger_declared: z
    .object({
      name: z.string(),
      action: z.enum(["notify", "pause", "step_back", "rollback"]),
      level: z.number().int().min(1).optional(),
      wave: z.string(),
      applied: z.boolean(),
      refusal: z.string().optional(),
    })
    .strict(),
  /** Plan v2: a rollback level's verification held once its window was over. */
  rollback_verified: z.object({ level: z.number().int().min(1), metric, value: z.number() }).strict(),
  /** Plan v2: a rollback level's verification failed (or had no data), or its time objective passed with steps open. */
  rollback_alert: z
    .object({
      level: z.number().int().min(1),
      kind: z.enum(["verification_failed", "objective_missed"]),
      metric: metric.optional(),
      value: z.number().nullable().optional(),
    })
    .strict(),
  override: z.object({ action: commandName, unmet: z.array(unmetGate), ...onTrack }).strict(),
  /**
   * Issue 25: an admin broke a freeze (or a closed release window) for one command; the event's reason is theirs,
   * the freeze's own reason, author and end are kept beside it. The command's own event follows.
   */
  freeze_broken: z
    .object({
      action: commandName,
      source: z.enum(["freeze", "window"]),
      freezeId: z.string().nullable(),
      freezeReason: z.string(),
      freezeBy: z.string().nullable(),
      until: z.string().nullable(),
      ...onTrack,
    })
    .strict(),
  /**
   * Issue 25: this rollback quarantined the release's service version: START of another release of it is refused
   * until an admin lifts the quarantine (GET /api/quarantines).
   */
  quarantined: z.object({ quarantineId: z.string(), service: z.string(), version: z.string() }).strict(),
  breach: z.object({ metric, level, evidence: evidence.optional() }).strict(),
  escalated: z.object({ metric, level, evidence: evidence.optional() }).strict(),
  inconclusive: z.object({ metric, level, evidence: evidence.optional() }).strict(),
  recovery: z.object({ metric, level: level.nullable() }).strict(),
  /** A run ended (rollback, completion) with the episode still open: it is closed with the run. */
  episode_closed: z.object({ metric, level, run: z.number().int(), because: z.enum(["rolled_back", "completed"]) }).strict(),
  guardrail_notified: z.object({ metric, evidence: evidence.optional() }).strict(),
  /** The guardrail wanted to act and the state machine refused; the episode stays armed and acts when it can. */
  guardrail_action_refused: z
    .object({ metric, action: guardrailAction, refusal: z.object({ code: z.string(), message: z.string() }).strict(), evidence: evidence.optional() })
    .strict(),
  checklist_updated: z
    .object({
      itemId: z.string(),
      text: z.string(),
      waveIndex: z.number().int().nullable(),
      /** null: an unowned item (the commander answers for it). */
      ownerRole: z.string().nullable(),
      from: z.string(),
      to: z.enum(["open", "met", "not_met", "waived"]),
      evidenceUrl: z.string().nullable(),
      /** Issue 15: in what right a person changed it; `onBehalfOf` names the owner (role) they acted for. */
      as: z.enum(["owner", "commander", "admin"]).optional(),
      onBehalfOf: z.string().nullable().optional(),
    })
    .strict(),
  /** Issue 15: the release's commander, an explicit role: taken by the first command, handed over by a command. */
  commander_changed: z
    .object({ from: z.string().nullable(), to: z.string(), how: z.enum(["first_command", "handed_over", "taken_over"]) })
    .strict(),
  signoff: z
    /** waveIndex -1: the plan's pre-start sign-offs (preSignoffs), which gate START; -2: hypercare's sign-offs. */
    .object({ waveIndex: z.number().int().min(-2), wave: z.string(), role: z.string(), decision: z.enum(["approve", "reject", "withdraw"]) })
    .strict(),
  // ---- Stages (issue 25) ----
  /** A stage rolled back: promotion after it is held, running stages after it paused; `upstream`: stages a person may roll back too. */
  promotion_paused: z
    .object({
      stage: z.string(),
      environment: z.string(),
      downstream: z.array(z.string()),
      paused: z.array(z.string()),
      upstream: z.array(z.string()),
      rollbackUpstream: z.enum(["ask", "yes", "no"]),
    })
    .strict(),
  /** A person approved promotion into a stage's environment, in a role the environment names (or as an admin). */
  promotion_approved: z.object({ stage: z.string(), stageName: z.string(), environment: z.string(), role: z.string() }).strict(),
  alert_acknowledged: z.object({ alertId: z.string(), metric, level }).strict(),
  simulator_scenario: z.object({ from: z.string().nullable(), to: z.string() }).strict(),
  // ---- Incidents and post-rollout reports (issue 15) ----
  /** Opened in the same transaction as the guardrail's critical action or a commander's rollback. */
  incident_opened: z
    .object({
      incidentId: z.string(),
      title: z.string(),
      severity: z.enum(["P0", "P1", "P2", "P3"]),
      trigger: z.enum(["guardrail", "manual_rollback"]),
      metric: metric.nullable(),
      level: level.nullable(),
      affectedPercent: z.number(),
      run: z.number().int(),
    })
    .strict(),
  /** A commander edited an incident: each changed field with its old and new value. */
  incident_updated: z
    .object({
      incidentId: z.string(),
      version: z.number().int(),
      changes: z.array(z.object({ field: z.string(), from: z.string().nullable(), to: z.string().nullable() }).strict()),
    })
    .strict(),
  report_lessons_updated: z.object({ version: z.number().int(), text: z.string() }).strict(),
  action_item_added: z
    .object({ itemId: z.string(), text: z.string(), owner: z.string(), dueDate: z.string().nullable() })
    .strict(),
  action_item_updated: z
    .object({
      itemId: z.string(),
      version: z.number().int(),
      changes: z.array(z.object({ field: z.string(), from: z.string().nullable(), to: z.string().nullable() }).strict()),
    })
    .strict(),
  action_item_removed: z.object({ itemId: z.string(), text: z.string() }).strict(),
  // Traffic hooks and external gate checks (issue 12)
  /** The plan's traffic hook answered a traffic change (2xx): the load balancer, mesh or script follows the plan. */
  traffic_hook_applied: z
    .object({ url: z.string(), trafficPercent: z.number(), version: z.number().int(), status: z.number().int(), attempts: z.number().int(), answer: z.string() })
    .strict(),
  /** The traffic hook kept failing after its retries: traffic may not match the plan (the release pauses itself). */
  traffic_hook_failed: z
    .object({
      url: z.string(),
      trafficPercent: z.number(),
      version: z.number().int(),
      status: z.number().int().nullable(),
      attempts: z.number().int(),
      answer: z.string(),
    })
    .strict(),
  // Traffic routers (issue 24): the wave's share as the router's weights, read back, and watched.
  /** The router holds the weights Tidegate set for this state change: read back equal (the wave is "applied"). */
  traffic_applied: z
    .object({
      router: z.string(),
      kind: z.string(),
      track: z.string().optional(),
      /** The share the release asked for, and the share the router's weights give (they differ where not representable). */
      askedPercent: z.number(),
      setPercent: z.number(),
      weights: routerWeights,
      readBack: routerWeights,
      /** The release version whose state change asked for it, and which change (promoted, rolled_back, ...). */
      version: z.number().int(),
      cause: z.string(),
      attempts: z.number().int(),
      /** From the state change's commit to the read-back confirming it (a rollback's time to confirmed). */
      confirmedMs: z.number().int(),
    })
    .strict(),
  /** The router could not be reached or refused the write (or reads back other weights): CONTINUE is blocked, the write is retried. */
  traffic_unconfirmed: z
    .object({
      router: z.string(),
      kind: z.string(),
      track: z.string().optional(),
      askedPercent: z.number(),
      weights: routerWeights,
      version: z.number().int(),
      cause: z.string(),
      attempts: z.number().int(),
      code: z.enum(["unreachable", "refused", "conflict", "invalid", "mismatch"]),
      message: z.string(),
    })
    .strict(),
  /** Someone else changed the router's weights: the release pauses (never rolls back on its own); `decide` says who decides. */
  traffic_drift: z
    .object({
      router: z.string(),
      kind: z.string(),
      track: z.string().optional(),
      expected: routerWeights,
      found: routerWeights,
      expectedPercent: z.number(),
      foundPercent: z.number(),
      decide: z.string(),
    })
    .strict(),
  /** An external gate check's answer changed (passing <-> failing, or a new message). */
  gate_check: z
    .object({ name: z.string(), waveIndex: z.number().int().nullable(), ok: z.boolean(), status: z.number().int().nullable(), message: z.string() })
    .strict(),
} as const;

export type AuditEventType = keyof typeof EVENT_DATA;

/** The data an event of type K carries, as its schema in EVENT_DATA says. */
export type EventDataOf<K extends AuditEventType> = z.infer<(typeof EVENT_DATA)[K]>;

/**
 * The contract as a type: one `{ type, data }` pair per registered event type, discriminated on `type`, so a writer
 * that puts a wrong field into an event's data, or names a type that does not exist, fails to compile.
 */
export type TypedEvent = { [K in AuditEventType]: { type: K; data: EventDataOf<K> } }[AuditEventType];

/** One member of the union, picked by its type. */
export type TypedEventOf<K extends AuditEventType> = Extract<TypedEvent, { type: K }>;

/**
 * A stored event that no longer reads under today's registry (a type since retired, or data written before a schema
 * tightened). Screens show it as it was stored instead of failing; `problem` says why it did not validate.
 */
export interface UnreadableStoredEvent {
  type: "unreadable";
  storedType: string;
  data: unknown;
  problem: string;
}

export type StoredEvent = TypedEvent | UnreadableStoredEvent;

/** Builds one member of the union; the compiler checks `data` against the schema registered for `type`. */
export function typedEvent<K extends AuditEventType>(type: K, data: EventDataOf<K>): TypedEventOf<K> {
  // TypeScript cannot see that a generic { type: K; data: EventDataOf<K> } is the union's member for K; it is.
  return { type, data } as unknown as TypedEventOf<K>;
}

/** Events that change status, wave or run: a command decided on an older state conflicts with these. */
export const STATE_CHANGING_EVENTS: ReadonlySet<AuditEventType> = new Set([
  "started",
  "promoted",
  "completed",
  "paused",
  "resumed",
  "rolled_back",
  "retried",
  "stepped_back",
  "hypercare_started",
]);

function isAuditEventType(type: string): type is AuditEventType {
  return Object.hasOwn(EVENT_DATA, type);
}

export class InvalidAuditEvent extends Error {}

/** Validates an event's data against its type's schema; throws (nothing is written) on any mismatch. */
export function checkEventData(type: string, data: unknown): Record<string, unknown> {
  if (!isAuditEventType(type)) throw new InvalidAuditEvent(`Unknown audit event type "${type}"`);
  const parsed = EVENT_DATA[type].safeParse(data);
  if (!parsed.success) throw new InvalidAuditEvent(`Audit event "${type}" has data of the wrong shape: ${describeIssues(parsed.error.issues)}`);
  return parsed.data as Record<string, unknown>;
}

/**
 * The one way to read an event back from the log: validates the stored data against its type's schema and returns
 * the typed union. It never throws: an old row that no longer validates (or whose JSON is damaged) comes back as an
 * `unreadable` variant carrying the stored type and raw data, and the caller decides whether to log it.
 */
export function parseStoredEvent(row: { type: string; dataJson: string }): StoredEvent {
  let raw: unknown;
  try {
    raw = JSON.parse(row.dataJson);
  } catch {
    return { type: "unreadable", storedType: row.type, data: null, problem: "data is not valid JSON" };
  }
  return readStoredEvent(row.type, raw);
}

/** As parseStoredEvent, for data already decoded (an event view from the API or the live feed). */
export function readStoredEvent(type: string, data: unknown): StoredEvent {
  if (!isAuditEventType(type)) return { type: "unreadable", storedType: type, data, problem: `unknown event type "${type}"` };
  const parsed = EVENT_DATA[type].safeParse(data);
  if (!parsed.success) return { type: "unreadable", storedType: type, data, problem: describeIssues(parsed.error.issues) };
  // The schema just checked is the one for `type`, so the pair matches the union's member for that type.
  return { type, data: parsed.data } as TypedEvent;
}

/** A record with an event's `{ type, data }` (a view, a row read back) whose pair is re-read as the typed union. */
export type Typed<T extends { type: string; data: unknown }> = Omit<T, "type" | "data"> & StoredEvent;

/** Re-reads a record's `{ type, data }` as the typed union, keeping its other fields (seq, actor, at...). */
export function typed<T extends { type: string; data: unknown }>(record: T): Typed<T> {
  return { ...record, ...readStoredEvent(record.type, record.data) };
}

function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issues.map((i) => `${i.path.join(".") || "data"}: ${i.message}`).join("; ");
}
