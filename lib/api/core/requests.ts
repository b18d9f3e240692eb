// The request schemas of routes that have no capability schema of their own: the route validates with these exact
// objects and the OpenAPI catalogue documents them, so the two cannot drift apart.
import { z } from "zod";
import { TOKEN_SCOPES } from "../../auth/core/token-scopes";
import { IncidentPatchSchema } from "../../incidents/core/incident";
import { PlanSchema } from "../../plans/core/plan";
import { COMMANDS } from "../../releases/core/machine";
import { freeText, nameText } from "../../releases/core/text";
import { SCENARIOS } from "../../simulator/core/scenarios";
import { MAX_WAIT_SECONDS, WAIT_UNTIL } from "../../stages/core/stage-wait";

/** POST /api/releases/{id}/actions */
export const ReleaseActionRequest = z
  .object({
    action: z.enum(COMMANDS).describe("The command: start, continue, pause, resume, step_back, rollback, retry ..."),
    reason: freeText(2000).optional().describe("Why; required for some commands (ROLLBACK, an override)"),
    expectedVersion: z.number().int().min(1).optional().describe("The release version the caller saw; 409 version_conflict when it moved on"),
    override: z.boolean().optional().describe("Go past an unmet gate (a person with the command permission only, with a reason)"),
    /** ROLLBACK only (plan v2): which rollback level is carried out, 1-based; default the first. */
    level: z.number().int().min(1).max(10).optional().describe("ROLLBACK only: the plan's rollback level, 1-based"),
    /** Issue 22, a programme: the track the command is for (PAUSE and ROLLBACK without one: every running track). */
    track: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]{0,39}$/, "a track key is lower-case letters, digits and dashes")
      .optional()
      .describe("A programme's track the command is for"),
    /** Issue 25: an admin passes a freeze (or a closed release window) for this one command, with a reason. */
    breakFreeze: z
      .object({ reason: freeText(2000).refine((r) => r.trim().length > 0, "breaking a freeze needs a written reason") })
      .strict()
      .optional()
      .describe("An admin passes a freeze or a closed release window for this one command, with a written reason (audited)"),
  })
  .strict()
  .refine((b) => b.level === undefined || b.action === "rollback", { message: "level is only for rollback", path: ["level"] });

/** POST /api/releases: a plan alone, or a plan with the Markdown it was imported from. */
export const ImportedPlanRequest = z
  .object({ plan: PlanSchema, source: z.object({ format: z.literal("markdown"), markdown: z.string() }).strict() })
  .strict();
export const CreateReleaseRequest = z.union([PlanSchema, ImportedPlanRequest]);

/** PATCH /api/releases/{id}/alerts/{alertId} */
export const AcknowledgeAlertRequest = z
  .object({ acknowledged: z.literal(true), comment: freeText(2000).optional() })
  .strict();

/** PATCH /api/releases/{id}/checklist/{itemId} */
export const ChecklistPatchRequest = z
  .object({
    state: z.enum(["open", "met", "not_met", "waived"]),
    reason: freeText(2000).optional(),
    evidenceUrl: z.string().url().max(2000).refine((u) => /^https?:\/\//.test(u), "evidence links must be http(s) URLs").optional(),
  })
  .strict();

/** POST /api/releases/{id}/commander */
export const HandOverRequest = z
  .object({ to: z.string().trim().email().max(320).describe("The new commander's e-mail"), reason: freeText(2000).optional() })
  .strict();

/** GET /api/releases/{id}/events */
export const EventsQuery = z.object({
  after: z.coerce.number().int().min(0).default(0).describe("Only events with seq above this"),
  limit: z.coerce.number().int().min(1).max(5000).default(1000),
});

/** GET /api/releases/{id}/guardrails/{metric}/measurements */
export const MeasurementsQuery = z.object({
  run: z.coerce.number().int().min(1).optional().describe("The run (1 + the number of RETRYs); default the current"),
  limit: z.coerce.number().int().min(1).max(10000).default(1000),
  before: z.iso.datetime({ offset: true }).optional(),
});

/** GET /api/releases/{id}/metrics */
export const MetricSeriesQuery = z.object({ minutes: z.coerce.number().int().min(1).max(24 * 60).default(60) });

/** PUT /api/releases/{id}/simulator */
export const SimulatorScenarioRequest = z.object({ scenario: z.enum(SCENARIOS) }).strict();

/** POST /api/releases/{id}/triggers */
export const DeclareTriggerRequest = z
  .object({
    name: nameText(200).describe("The plan's manual trigger, by name"),
    reason: freeText(2000).optional(),
    expectedVersion: z.number().int().min(1).optional(),
  })
  .strict();

/** The `{index}` of POST /api/releases/{id}/waves/{index}/signoffs for a programme's track: "<track>:<wave>" or "<track>:start". */
export const TrackWaveParam = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,39}:(start|\d{1,2})$/, 'a track\'s wave is "<track>:<wave index>" or "<track>:start"')
  .transform((s) => {
    const [track, wave] = s.split(":");
    return { track, wave: wave === "start" ? ("start" as const) : Number(wave) };
  });
export const WaveIndexParam = z.coerce.number().int().min(0).max(100);

/** POST /api/releases/{id}/waves/{index}/signoffs */
export const SignoffRequest = z
  .object({
    role: nameText(80).describe("The sign-off role the signer holds"),
    decision: z.enum(["approve", "reject", "withdraw"]),
    comment: freeText(2000).optional(),
  })
  .strict();

/** POST /api/tokens */
export const NewTokenRequest = z
  .object({
    name: nameText(80),
    /** What the token may do; without, today's ingest + read. */
    scopes: z.array(z.enum(TOKEN_SCOPES)).min(1).max(TOKEN_SCOPES.length).optional().describe("What the token may do; default ingest + read"),
    /** The older spelling: "api" = ingest + read, "sdk" = scopes ["sdk"] (flags only). */
    kind: z.enum(["api", "sdk"]).optional().describe('The older spelling: "api" = ingest + read, "sdk" = scopes ["sdk"]'),
    releaseId: nameText(100).optional().describe("Limit the token to one release"),
    service: nameText(120).optional().describe("Limit the token to one service's releases"),
    /** Issue 26: when the token stops working (ISO 8601, in the future); absent = never. */
    expiresAt: z.iso.datetime({ offset: true }).optional().describe("When the token stops working (ISO 8601 with offset, in the future); absent: never"),
  })
  .strict()
  .refine((b) => !(b.releaseId && b.service), { message: "scope a token to a release or to a service, not both", path: ["service"] });

/** GET /api/webhooks/{id}/deliveries */
export const DeliveriesQuery = z
  .object({
    status: z.enum(["pending", "succeeded", "failed"]).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    before: z.string().datetime().optional(),
  })
  .strict();

/** GET /api/releases/{id}/report and /incidents/{incidentId}: `?format=markdown` answers Markdown. */
export const FormatQuery = z.object({ format: z.enum(["json", "markdown", "md"]).optional().describe("markdown: the same as Accept: text/markdown") });

/** GET /api/releases/{id}/report: `download` asks for the Markdown as a file (Content-Disposition: attachment). */
export const ReportFormatQuery = FormatQuery.extend({
  download: z.enum(["1", "true"]).optional().describe("With format=markdown: answer as a file to save (Content-Disposition: attachment)"),
});

/** PATCH /api/releases/{id}/incidents/{incidentId} */
export const IncidentPatchRequest = IncidentPatchSchema.extend({ reason: freeText(2000).optional() });

/** GET /api/freezes: `pastDays` adds freezes ended or over in the last N days. */
export const FreezesQuery = z.object({
  pastDays: z.coerce
    .number({ message: "pastDays must be a whole number of days from 0 to 90" })
    .int("pastDays must be a whole number of days from 0 to 90")
    .min(0, "pastDays must be a whole number of days from 0 to 90")
    .max(90, "pastDays must be a whole number of days from 0 to 90")
    .default(0)
    .describe("Also list freezes ended or over in the last this many days (0-90); default 0: current and upcoming only"),
});

/** GET /api/quarantines */
export const QuarantinesQuery = z.object({
  all: z.string().optional().describe("1: include lifted quarantines"),
  service: z.string().optional().describe("Only this service's quarantines (the first 120 characters are compared)"),
});

/** POST /api/releases/{id}/stages/{key}/approve */
export const StageApprovalRequest = z.object({ comment: freeText(2000).optional().describe("Shown in the audit event") }).strict();

/** POST /api/releases/{id}/stages/{key}/wait */
export const StageWaitQuery = z
  .object({
    until: z.enum(WAIT_UNTIL).default("open").describe("open: until the stage starts; completed: until it completes"),
    timeout: z.coerce.number().int().min(0).max(MAX_WAIT_SECONDS).default(30).describe(`Seconds to hold the request at most (0-${MAX_WAIT_SECONDS})`),
  })
  .strict();

/** GET and POST /api/integrations/argo/{id}/verdict: the wave the Rollout's step stands for. */
export const ArgoVerdictQuery = z
  .object({ wave: z.coerce.number().int().min(1).max(100).optional().describe("The 1-based wave the Rollout's analysis step stands for") })
  .strict();

/**
 * POST /api/integrations/flagger/{hook}: Flagger's webhook payload (docs/gitbook/usage/webhooks.md): the canary's
 * name, namespace and phase, and the Canary's webhook `metadata` (a string map); fields Flagger adds later pass.
 */
export const FlaggerWebhookRequest = z.looseObject({
  name: z.string().max(253).describe("The Canary's name"),
  namespace: z.string().max(63).describe("The Canary's namespace"),
  phase: z.string().max(40).optional().describe("The Canary's phase (Progressing, Promoting ...)"),
  metadata: z
    .record(z.string().max(200), z.string().max(4000))
    .optional()
    .describe("The webhook's metadata from the Canary spec: `release` names the Tidegate release, `token` may carry a controller token"),
});
