// A release policy: governance rules an admin sets once for every plan it matches (service, environment, tags),
// instead of trusting each plan's author to write them. Pure zod; checked at creation (check-plan.ts).
import { z } from "zod";
import { nameText } from "../../releases/core/text";
import { isTimeZone, WEEKDAYS, type Windows } from "../../freezes/core/windows";
import type { ReleaseWindows } from "../../freezes/core/forward-block";

/** `*` any run of characters, `?` one; anything else literal. Case-sensitive, as service names are. */
const pattern = z.string().trim().min(1).max(120).regex(/^[A-Za-z0-9*?._\-/: ]+$/, "letters, digits, . _ - / : space, and the wildcards * and ?");

export const POLICY_ACTIONS = ["notify", "pause", "rollback"] as const;
export type PolicyAction = (typeof POLICY_ACTIONS)[number];

export const RequiredGuardrailSchema = z
  .object({
    metric: z.string().regex(/^[a-z][a-z0-9_]{0,62}$/, "metric keys are lower_snake_case"),
    /** The plan's critical threshold may be at most this (a guardrail that fires later protects less). */
    maxThreshold: z.number().finite(),
    /** The least the guardrail must do on a critical breach: rollback > pause > notify. Default pause. */
    action: z.enum(POLICY_ACTIONS).default("pause"),
  })
  .strict();

export const RequiredSignoffSchema = z
  .object({
    role: nameText(80),
    /** Where the sign-off must gate: any gate (default), before START, or every wave. */
    on: z.enum(["any", "pre_start", "every_wave"]).default("any"),
  })
  .strict();

/** A weekly window, in the policy's `windowsTimeZone` (default UTC): days 0 (Sunday) to 6, from..to as HH:MM. */
export const PolicyWindowSchema = z
  .object({
    days: z.array(z.number().int().min(0).max(6)).min(1).max(7),
    from: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "HH:MM"),
    to: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, "HH:MM"),
  })
  .strict();

export const PolicySpecSchema = z
  .object({
    description: z.string().trim().max(2000).optional(),
    match: z
      .object({
        service: pattern.default("*"),
        /** A plan without `environment` matches only `*`. */
        environment: pattern.default("*"),
        /** The plan must carry every one of these tags; empty = any plan. */
        tags: z.array(z.string().trim().min(1).max(40)).max(20).default([]),
      })
      .strict()
      .default({ service: "*", environment: "*", tags: [] }),
    requiredGuardrails: z.array(RequiredGuardrailSchema).max(50).default([]),
    /** Pre-deployment checklist items the plan must hold (matched on their text, case-insensitive, as a part). */
    requiredPreChecklist: z.array(nameText(500)).max(50).default([]),
    requiredSignoffs: z.array(RequiredSignoffSchema).max(20).default([]),
    /** Every wave but the last (nothing is promoted after it) must bake at least this long. */
    minBakeSeconds: z.number().int().min(0).max(90 * 86400).optional(),
    /**
     * When a release under this policy may step forward (START, CONTINUE, RESUME, RETRY, promotion): outside every
     * window these are refused with 409 `frozen`, as a plan's own `windows` (both must be open); PAUSE, ROLLBACK and
     * STEP BACK always go. Evaluated by the plan windows' rules (lib/freezes/core/windows.ts).
     */
    allowedWindows: z.array(PolicyWindowSchema).max(50).optional(),
    /** The IANA time zone `allowedWindows` are wall-clock hours of; default UTC. */
    windowsTimeZone: z.string().max(64).refine(isTimeZone, "not a time zone this server knows (IANA name, e.g. Europe/Berlin)").optional(),
    /**
     * Issue 26: how many distinct people must approve in a role wherever the plan asks for it ("2 Product Manager
     * sign-offs"): a plan whose gates ask for that role with a smaller `signoffQuorum` is refused at creation.
     */
    signoffQuorum: z.record(nameText(80), z.number().int().min(2).max(20)).optional(),
    /** Sign-offs by the release's creator or its commander do not count toward any gate. */
    separateApprover: z.boolean().default(false),
  })
  .strict();

export type PolicySpec = z.infer<typeof PolicySpecSchema>;

type SpecShape = typeof PolicySpecSchema.shape;
type WithoutDefault<S> = S extends z.ZodDefault<infer Inner> ? Inner : S;
/**
 * The spec's fields for a PATCH: each optional and WITHOUT its default. (`.partial()` keeps the defaults, so a PATCH
 * of one field would reset `match` to every service and empty the required lists.)
 */
export const PolicySpecPatchShape = Object.fromEntries(
  Object.entries(PolicySpecSchema.shape).map(([key, schema]) => [key, (schema instanceof z.ZodDefault ? schema.unwrap() : schema).optional()]),
) as { [K in keyof SpecShape]: z.ZodOptional<WithoutDefault<SpecShape[K]>> };
export type PolicySpecInput = z.input<typeof PolicySpecSchema>;

export interface Policy {
  id: string;
  name: string;
  enabled: boolean;
  spec: PolicySpec;
}

/** What a release keeps of each policy that applied at its creation. */
export interface AppliedPolicy {
  id: string;
  name: string;
  spec: PolicySpec;
}

export function globMatches(glob: string, value: string): boolean {
  const re = new RegExp(`^${glob.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".")}$`);
  return re.test(value);
}

/** The enabled policies whose service, environment and tags match the plan. */
export function policiesFor<P extends Pick<Policy, "enabled" | "spec">>(policies: readonly P[], plan: { service: string; environment?: string; tags?: string[] }): P[] {
  return policies.filter((p) => {
    if (!p.enabled) return false;
    const { service, environment, tags } = p.spec.match;
    if (!globMatches(service, plan.service)) return false;
    if (plan.environment === undefined ? environment !== "*" : !globMatches(environment, plan.environment)) return false;
    return tags.every((t) => plan.tags?.includes(t));
  });
}

/** A policy's allowed windows in the plan windows' form, so one evaluation (windowStatus) serves both. */
export function policyWindows(spec: Pick<PolicySpec, "allowedWindows" | "windowsTimeZone">): Windows | undefined {
  if (!spec.allowedWindows?.length) return undefined;
  return {
    timeZone: spec.windowsTimeZone ?? "UTC",
    allow: spec.allowedWindows.map((w) => ({ days: [...new Set(w.days)].sort().map((d) => WEEKDAYS[d]), from: w.from, to: w.to })),
  };
}

/** Every release window a release's forward steps must be inside: the plan's own, then each applied policy's. */
export function releaseWindowsOf(plan: { windows?: Windows }, applied: readonly Pick<AppliedPolicy, "name" | "spec">[]): ReleaseWindows[] {
  return [
    ...(plan.windows ? [{ policy: null, windows: plan.windows }] : []),
    ...applied.flatMap((p) => {
      const windows = policyWindows(p.spec);
      return windows ? [{ policy: p.name, windows }] : [];
    }),
  ];
}

/** The policies stored with a release (Release.policiesJson); unreadable or absent = none. */
export function appliedPoliciesFromJson(json: string | null | undefined): AppliedPolicy[] {
  if (!json) return [];
  try {
    const raw = JSON.parse(json) as unknown;
    if (!Array.isArray(raw)) return [];
    return raw.flatMap((p) => {
      const spec = PolicySpecSchema.safeParse((p as { spec?: unknown })?.spec);
      const { id, name } = (p ?? {}) as { id?: unknown; name?: unknown };
      return spec.success && typeof id === "string" && typeof name === "string" ? [{ id, name, spec: spec.data }] : [];
    });
  } catch {
    return [];
  }
}
