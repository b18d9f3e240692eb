// The response schemas of the HTTP API: what each route answers, documented in the OpenAPI document and checked
// against the real server's answers by tests/openapi.int.test.ts. Large views list the fields a client relies on and
// allow more (loose objects), so adding a field never breaks a client; removing or retyping one fails the test.
import { z } from "zod";
import { ROLES } from "../../auth/core/roles";
import { TOKEN_SCOPES } from "../../auth/core/token-scopes";

const isoTime = z.string().describe("ISO 8601 time");
const nullableTime = isoTime.nullable();
const RELEASE_STATUSES = ["draft", "running", "paused", "rolled_back", "completed", "hypercare", "failed", "cancelled"] as const;

export const EventView = z.looseObject({
  releaseId: z.string(),
  seq: z.number().int().describe("Gap-free per release, from 1"),
  version: z.number().int(),
  type: z.string().describe("The typed audit event (release_created, wave_started, ...)"),
  actor: z.string(),
  actorRole: z.string().nullable(),
  reason: z.string().nullable(),
  at: isoTime,
  before: z.unknown(),
  after: z.unknown(),
  data: z.record(z.string(), z.unknown()),
});

export const ChecklistItemView = z.looseObject({
  id: z.string(),
  text: z.string(),
  state: z.enum(["open", "met", "not_met", "waived"]),
  waveIndex: z.number().int().nullable(),
});

export const SignoffView = z.looseObject({ role: z.string(), decision: z.string(), waveIndex: z.number().int() });

export const ReleaseView = z.looseObject({
  id: z.string(),
  name: z.string(),
  service: z.string(),
  serviceVersion: z.string(),
  status: z.string().describe(`One of ${RELEASE_STATUSES.join(", ")}`),
  currentWaveIndex: z.number().int(),
  trafficPercent: z.number(),
  version: z.number().int().describe("Send it back as expectedVersion to refuse stale commands"),
  lastSeq: z.number().int(),
  waveStartedAt: nullableTime,
  startedAt: nullableTime,
  endedAt: nullableTime,
  commander: z.string().nullable(),
  createdBy: z.string(),
  createdAt: isoTime,
  updatedAt: isoTime,
  health: z.string().describe("HEALTHY, DEGRADED, CRITICAL, SAFE (rolled back, no traffic) ..."),
  hasSource: z.boolean().describe("Whether the release was imported from a document: GET /source answers only then"),
  waves: z.array(
    z.looseObject({
      index: z.number().int(),
      name: z.string(),
      trafficPercent: z.number(),
      bakeSeconds: z.number(),
      status: z.string(),
      startedAt: nullableTime,
      endedAt: nullableTime,
      signoffs: z.array(SignoffView),
      checklist: z.array(ChecklistItemView),
    }),
  ),
  preChecklist: z.array(ChecklistItemView),
  gate: z.looseObject({ action: z.string(), open: z.boolean(), unmet: z.array(z.unknown()) }).nullable(),
  alerts: z.array(z.looseObject({ id: z.string(), metric: z.string(), level: z.string(), detail: z.string(), openedAt: isoTime })),
  allowedActions: z.array(z.string()),
  plan: z.record(z.string(), z.unknown()).describe("The plan the release runs (see /api/plan-schema.json)"),
});

export const ReleaseSummary = z.looseObject({
  id: z.string(),
  name: z.string(),
  service: z.string(),
  serviceVersion: z.string(),
  status: z.string(),
  currentWaveIndex: z.number().int(),
  waveCount: z.number().int(),
  waveName: z.string().nullable(),
  trafficPercent: z.number(),
  version: z.number().int(),
  health: z.string(),
  updatedAt: isoTime,
  tracks: z.array(z.string()).nullable(),
});
export const ReleaseList = z.object({ releases: z.array(ReleaseSummary) });

export const CreatedRelease = ReleaseView.extend({
  warnings: z.array(z.looseObject({ code: z.string(), message: z.string() })).describe("Guardrails that may protect less than their author thinks"),
});

export const CommandResult = ReleaseView.extend({ events: z.array(EventView).describe("The events the command wrote (empty for a replay)") });
export const ReleaseAndEvents = z.object({ release: ReleaseView, events: z.array(EventView) });
export const ChecklistChange = z.object({ item: ChecklistItemView, release: ReleaseView, events: z.array(EventView) });
export const ChecklistList = z.object({ items: z.array(ChecklistItemView) });
export const EventList = z.object({ events: z.array(EventView) });
export const GateCheckList = z.object({ checks: z.array(z.looseObject({ name: z.string() })) });

export const FlagsView = z.looseObject({ flags: z.array(z.looseObject({ key: z.string() })) });
export const MeasurementList = z.object({
  run: z.number().int(),
  measurements: z.array(z.looseObject({ id: z.union([z.string(), z.number()]), run: z.number().int(), metric: z.string(), scheduledAt: isoTime, state: z.string() })),
});
export const MetricSeries = z.looseObject({
  bucketSeconds: z.number(),
  metrics: z.array(z.looseObject({ metric: z.string(), level: z.string(), current: z.number().nullable() })),
});
export const IngestResult = z.object({ stored: z.number().int() });

export const TimelineEntry = z.looseObject({ at: isoTime });
export const IncidentView = z.looseObject({
  id: z.string(),
  releaseId: z.string(),
  title: z.string(),
  status: z.string(),
  severity: z.string(),
  version: z.number().int(),
  timeline: z.array(TimelineEntry),
});
export const IncidentList = z.object({ incidents: z.array(IncidentView) });
export const IncidentChange = z.object({ incident: IncidentView, events: z.array(EventView) });

export const ReportView = z.looseObject({
  releaseId: z.string(),
  name: z.string(),
  service: z.string(),
  version: z.string().describe("The service version released"),
  status: z.string(),
  live: z.boolean(),
  outcome: z.string(),
  startedAt: nullableTime.describe("The first START"),
  endedAt: nullableTime,
  runs: z.number().int(),
  waves: z.array(z.unknown()),
  breaches: z.array(z.unknown()),
  scorecard: z.looseObject({ lines: z.array(z.unknown()) }),
  lessons: z.unknown(),
  actionItems: z.array(z.looseObject({ id: z.string(), text: z.string() })),
});
export const ActionItemView = z.looseObject({ id: z.string(), text: z.string(), owner: z.string(), done: z.boolean() });
export const ActionItemChange = z.object({ actionItem: ActionItemView.nullable(), events: z.array(EventView) });
export const EventsOnly = z.object({ events: z.array(EventView) });
export const LessonsChange = z.object({ lessons: z.unknown(), events: z.array(EventView) });

export const SimulatorView = z.looseObject({ scenario: z.string().nullable().describe("null: the simulator sends nothing for this release") });
export const SimulatorChange = z.object({ scenario: z.string(), events: z.array(EventView) });

export const PlanSourceView = z.looseObject({
  releaseId: z.string(),
  format: z.string().describe("markdown"),
  document: z.string(),
  unmapped: z.array(z.unknown()).describe("Sections of the document no field took"),
  createdBy: z.string(),
  createdAt: isoTime,
});
export const SignoffChange = ReleaseAndEvents;

export const ImportResult = z.looseObject({
  plan: z.record(z.string(), z.unknown()).describe("The draft plan, every proposal filled in: it validates as it is"),
  questions: z.array(z.unknown()).describe("What the document left open, with the proposal taken"),
  unmapped: z.array(z.unknown()).describe("Sections no field took"),
  sources: z.record(z.string(), z.unknown()).describe("Field path -> the lines it was taken from"),
  repairedCharacters: z.number().int(),
  normalized: z.string(),
});

export const MeView = z.looseObject({
  user: z.looseObject({ id: z.string(), name: z.string(), email: z.string(), role: z.enum(ROLES).nullable() }),
  permissions: z.array(z.string()),
  roles: z.array(z.string()),
  token: z.looseObject({ name: z.string(), scopes: z.array(z.string()) }).optional(),
});

export const HealthView = z.looseObject({
  status: z.enum(["ok", "degraded"]),
  database: z.looseObject({ ok: z.boolean() }),
  cluster: z.unknown(),
});

export const TokenView = z.looseObject({
  id: z.string(),
  name: z.string(),
  kind: z.enum(["api", "sdk"]),
  scopes: z.array(z.enum(TOKEN_SCOPES)),
  releaseId: z.string().nullable(),
  service: z.string().nullable(),
  createdBy: z.string(),
  createdAt: isoTime,
  lastUsedAt: nullableTime,
  revokedAt: nullableTime,
});
export const TokenList = z.object({ tokens: z.array(TokenView) });
export const CreatedToken = z.looseObject({ id: z.string(), token: z.string().describe("The secret, shown this once") });
export const Revoked = z.object({ revoked: z.literal(true) });

export const UserView = z.looseObject({
  id: z.string(),
  email: z.string(),
  name: z.string().nullable(),
  role: z.enum(ROLES),
  signoffRoles: z.array(z.string()),
  disabled: z.boolean(),
});
export const UserList = z.object({ users: z.array(UserView) });

export const EndpointView = z.looseObject({
  id: z.string(),
  url: z.string(),
  kind: z.string(),
  events: z.array(z.string()).nullable(),
  enabled: z.boolean(),
  secretHint: z.string(),
  createdAt: isoTime,
});
export const EndpointList = z.object({ endpoints: z.array(EndpointView) });
export const CreatedEndpoint = z.looseObject({ id: z.string(), secret: z.string().describe("Shown this once") });
export const RotatedSecret = z.looseObject({ secret: z.string() });
export const Deleted = z.object({ deleted: z.literal(true) });
export const DeliveryList = z.object({ deliveries: z.array(z.looseObject({ id: z.string(), status: z.string() })) });
export const ReplayResult = z.looseObject({});

export const AuditPage = z.object({
  entries: z.array(
    z.looseObject({ id: z.union([z.string(), z.number()]), at: isoTime, actor: z.looseObject({ label: z.string() }), action: z.string(), data: z.unknown() }),
  ),
  nextCursor: z.string().nullable().describe("Pass as ?cursor= for the next page"),
});
export const JsonSchemaDocument = z.looseObject({ $schema: z.string() });
export const OpenApiDocument = z.looseObject({ openapi: z.string(), paths: z.record(z.string(), z.unknown()) });

// The flag protocols (served by the flag service): documented shapes, as the OFREP and Unleash specifications give them.
export const OfrepEvaluationRequest = z.object({
  context: z.looseObject({ targetingKey: z.string().optional().describe("Who is evaluated: the bucketing key") }).optional(),
});
export const OfrepEvaluation = z.looseObject({
  key: z.string(),
  value: z.boolean(),
  reason: z.string().describe("TARGETING_MATCH, DEFAULT, DISABLED ..."),
  variant: z.string().optional(),
  metadata: z.record(z.string(), z.unknown()).optional(),
});
export const OfrepBulkEvaluation = z.looseObject({ flags: z.array(OfrepEvaluation) });
export const OfrepConfiguration = z.looseObject({
  name: z.string(),
  capabilities: z.looseObject({
    cacheInvalidation: z.looseObject({ polling: z.looseObject({ enabled: z.boolean(), minPollingIntervalMs: z.number() }) }).optional(),
    flagEvaluation: z.looseObject({ supportedTypes: z.array(z.string()) }).optional(),
  }),
});
export const UnleashFeatures = z.looseObject({
  version: z.number().int(),
  features: z.array(z.looseObject({ name: z.string(), enabled: z.boolean(), strategies: z.array(z.unknown()) })),
});

// Environments, freezes, quarantines and policies (issues 25 and 26).
export const EnvironmentView = z.looseObject({
  name: z.string(),
  region: z.string().nullable(),
  order: z.number().int().describe("Its place in the usual promotion order; screens sort by it"),
  router: z.string().nullable().describe("The flag scope or traffic router it uses, by name"),
  approverRoles: z.array(z.string()).describe("Sign-off roles whose holders (and admins) approve promotion into it; empty: no approval"),
  requiredApprovals: z.number().int(),
  updatedAt: isoTime,
});
export const EnvironmentList = z.object({ environments: z.array(EnvironmentView) });

export const FreezeView = z.looseObject({
  id: z.string(),
  from: isoTime,
  to: isoTime,
  reason: z.string(),
  createdBy: z.string(),
  createdAt: isoTime,
  environments: z.array(z.string()).nullable().describe("null: every environment"),
  services: z.array(z.string()).nullable().describe("null: every service"),
  state: z.enum(["current", "upcoming", "ended", "over"]).describe("ended: ended early by a person; over: its time passed"),
  endedAt: nullableTime,
  endedBy: z.string().nullable(),
  endReason: z.string().nullable(),
});
export const FreezeList = z.object({ freezes: z.array(FreezeView) });

export const QuarantineView = z.looseObject({
  id: z.string(),
  service: z.string(),
  serviceVersion: z.string(),
  releaseId: z.string().describe("The release whose rollback quarantined the version"),
  releaseName: z.string(),
  run: z.number().int(),
  rolledBackBy: z.string().describe('"guardrail" or the person who rolled back'),
  reason: z.string(),
  at: isoTime.describe("When the rollback quarantined the version"),
  liftedAt: nullableTime,
  liftedBy: z.string().nullable(),
  liftReason: z.string().nullable(),
});
export const QuarantineList = z.object({ quarantines: z.array(QuarantineView) });

export const PolicyView = z.looseObject({
  id: z.string(),
  name: z.string(),
  enabled: z.boolean().describe("false also when the stored spec no longer parses: it then enforces nothing"),
  spec: z
    .looseObject({
      match: z.looseObject({ service: z.string(), environment: z.string(), tags: z.array(z.string()) }),
      requiredGuardrails: z.array(z.unknown()),
      requiredPreChecklist: z.array(z.string()),
      requiredSignoffs: z.array(z.unknown()),
      separateApprover: z.boolean(),
    })
    .describe("What a matching plan must hold: guardrails, pre-start checklist items, sign-offs, minimum bake, separate approvers"),
  createdBy: z.string(),
  createdAt: isoTime,
  updatedAt: isoTime,
});
export const PolicyList = z.object({ policies: z.array(PolicyView) });

// Progressive-delivery controllers (issue 24) and GitHub's deployment protection rules (issue 25).
export const ControllerVerdict = z.looseObject({
  release: z.string().describe("The release's id"),
  verdict: z.enum(["pass", "fail", "inconclusive"]),
  reason: z.string().describe("One sentence for the controller's log"),
  status: z.string().describe("The release's status"),
  wave: z.looseObject({ index: z.number().int().describe("0-based"), of: z.number().int(), trafficPercent: z.number() }),
  unmet: z.array(z.looseObject({ kind: z.string(), message: z.string() })).describe("What still blocks the step forward"),
  metrics: z.array(z.looseObject({ metric: z.string(), level: z.string(), detail: z.string().nullable() })),
});
export const FlaggerHookAnswer = z.looseObject({
  release: z.string(),
  hook: z.string().describe("The Flagger webhook type asked"),
  answer: z.enum(["go", "hold"]).describe("go: 200; hold: 403"),
  reason: z.string(),
  verdict: ControllerVerdict.omit({ release: true }),
});
export const GithubWebhookAnswer = z.looseObject({
  ok: z.literal(true).optional().describe("A ping"),
  ignored: z.string().optional().describe("An event or action Tidegate does not act on"),
  review: z.string().optional().describe("The review Tidegate keeps for the deployment (answered to GitHub by API)"),
  created: z.boolean().optional().describe("false: GitHub redelivered a request Tidegate had already taken"),
});

// Stages (issue 25) and traffic routers (issue 24).
export const StageWaitAnswer = z.looseObject({
  done: z.boolean(),
  exitCode: z.number().int().describe("As `tidegate wait` exits: 0 the condition holds, 3 rolled back, 4 timed out, 5 it can no longer hold"),
  outcome: z.enum(["open", "completed", "rolled_back", "blocked", "timeout"]),
  message: z.string(),
  stage: z.looseObject({
    key: z.string(),
    name: z.string(),
    environment: z.string().nullable(),
    status: z.string(),
    waitingFor: z.string().nullable(),
    unmet: z.array(z.string()),
  }),
  waitedMs: z.number(),
});
const Weights = z.looseObject({ stable: z.number(), canary: z.number() }).nullable();
export const ReleaseTrafficView = z.object({
  trafficRouter: z
    .looseObject({
      router: z.string(),
      kind: z.string().nullable(),
      status: z.string(),
      askedPercent: z.number(),
      setPercent: z.number().nullable(),
      exact: z.boolean(),
      weights: Weights.describe("The weights Tidegate set"),
      readBack: Weights.describe("The weights the router reported back"),
      observed: z.unknown().describe("The split of the last minute's requests, when the router reports counters"),
    })
    .nullable()
    .describe("null: the plan names no traffic router (or the release is a programme of stages)"),
});
export const TrafficRouterList = z.object({
  routers: z.array(z.looseObject({ name: z.string(), kind: z.string(), settings: z.record(z.string(), z.string()).describe("Secrets show as (set)") })),
});
