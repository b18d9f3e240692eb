// The admin audit log's contract (issue 21): every administrative action type, the kind of record it acts on, and a
// zod schema for its data. Schemas are strict, so nothing but the fields named here is ever stored; none of them
// holds a secret (a token's value, a webhook secret, a password, a webhook URL's path, which for Slack is the key).
import { z } from "zod";
import { ROLES } from "../../auth/core/roles";
import { TOKEN_SCOPES } from "../../auth/core/token-scopes";

export const ADMIN_TARGET_TYPES = ["api_token", "user", "webhook_endpoint", "webhook_delivery", "release", "freeze", "quarantine", "environment", "policy"] as const;
export type AdminTargetType = (typeof ADMIN_TARGET_TYPES)[number];

const role = z.enum(ROLES);
/** Only the scheme and host of a webhook URL: a Slack incoming-webhook URL carries its key in the path. */
const urlOrigin = z.string().max(300);
const change = z.object({ field: z.string(), from: z.string().nullable(), to: z.string().nullable() }).strict();

const action = <T extends AdminTargetType, S extends z.ZodRawShape>(target: T, shape: S) => ({ target, data: z.strictObject(shape) });

export const ADMIN_ACTIONS = {
  /** A token was made; its value is shown to the admin once and never stored here (nor anywhere but as a hash). */
  "api_token.created": action("api_token", {
    name: z.string(),
    scopes: z.array(z.enum(TOKEN_SCOPES)),
    releaseId: z.string().nullable(),
    service: z.string().nullable(),
    /** Issue 26: when the token stops working; absent or null = never. */
    expiresAt: z.string().nullable().optional(),
  }),
  "api_token.revoked": action("api_token", { name: z.string() }),
  "user.created": action("user", { email: z.string(), role, signoffRoles: z.array(z.string()) }),
  /** The role changed (re-roled): what it was and what it is. */
  "user.role_changed": action("user", { email: z.string(), from: role, to: role }),
  "user.disabled": action("user", { email: z.string() }),
  "user.enabled": action("user", { email: z.string() }),
  /** Name or sign-off roles changed, each field with its old and new value. */
  "user.updated": action("user", { email: z.string(), changes: z.array(change) }),
  "webhook_endpoint.created": action("webhook_endpoint", {
    urlOrigin,
    kind: z.enum(["standard", "slack"]),
    events: z.array(z.string()).nullable(),
    releaseId: z.string().nullable(),
    service: z.string().nullable(),
    enabled: z.boolean(),
  }),
  /** Which fields changed (values of the URL are left out; its origin is kept when it changed). */
  "webhook_endpoint.updated": action("webhook_endpoint", { fields: z.array(z.string()), urlOrigin: urlOrigin.optional(), enabled: z.boolean().optional() }),
  /** A new secret was issued; the old one keeps signing until `previousValidUntil`. Neither secret is recorded. */
  "webhook_endpoint.secret_rotated": action("webhook_endpoint", { previousValidUntil: z.string() }),
  "webhook_endpoint.deleted": action("webhook_endpoint", { urlOrigin, kind: z.enum(["standard", "slack"]) }),
  /** Issue 25: an environment a release's stages deploy to (its name is the target id). */
  "environment.created": action("environment", { region: z.string().nullable(), order: z.number().int(), router: z.string().nullable(), approverRoles: z.array(z.string()), requiredApprovals: z.number().int() }),
  "environment.updated": action("environment", { changes: z.array(change) }),
  "environment.deleted": action("environment", {}),
  "webhook_delivery.replayed": action("webhook_delivery", { endpointId: z.string(), eventType: z.string(), releaseId: z.string().nullable(), seq: z.number().int().nullable() }),
  /**
   * Issue 24: a progressive-delivery controller (a `controller` token) asked about a release and was told this. Written
   * when the answer to that controller's question changes, not on every poll (Argo asks every few seconds).
   */
  "controller.answered": action("release", {
    controller: z.enum(["flagger", "argo"]),
    /** Flagger's webhook type, or "verdict" for Argo's web metric. */
    question: z.string().max(40),
    /** go / hold (Flagger), pass / fail / inconclusive (Argo). */
    answer: z.enum(["go", "hold", "pass", "fail", "inconclusive"]),
    httpStatus: z.number().int(),
    reason: z.string().max(1000),
    releaseStatus: z.string().max(20),
    waveIndex: z.number().int(),
    /** Flagger's canary (namespace/name) that asked, when it said. */
    canary: z.string().max(300).nullable(),
  }),
  /** Issue 25: a freeze was declared: when, why, and what it covers (null: every environment / service). */
  "freeze.created": action("freeze", {
    from: z.string(),
    to: z.string(),
    reason: z.string(),
    environments: z.array(z.string()).nullable(),
    services: z.array(z.string()).nullable(),
  }),
  /** A freeze was ended before its time, with why. */
  "freeze.ended": action("freeze", { reason: z.string(), freezeReason: z.string(), to: z.string() }),
  /** A quarantined service version was lifted, with why. */
  "quarantine.lifted": action("quarantine", { service: z.string(), version: z.string(), releaseId: z.string(), reason: z.string() }),
  /** Issue 26: release policies; the whole rule set is kept (it holds no secret), before and after a change. */
  "policy.created": action("policy", { name: z.string(), enabled: z.boolean(), spec: z.record(z.string(), z.unknown()) }),
  "policy.updated": action("policy", {
    name: z.string(),
    fields: z.array(z.string()),
    before: z.record(z.string(), z.unknown()),
    after: z.record(z.string(), z.unknown()),
  }),
  "policy.deleted": action("policy", { name: z.string() }),
} as const;

export type AdminAction = keyof typeof ADMIN_ACTIONS;
export const ADMIN_ACTION_TYPES = Object.keys(ADMIN_ACTIONS) as [AdminAction, ...AdminAction[]];

export type AdminActionDataOf<K extends AdminAction> = z.infer<(typeof ADMIN_ACTIONS)[K]["data"]>;
export type AdminTargetOf<K extends AdminAction> = (typeof ADMIN_ACTIONS)[K]["target"];

/** One action as a writer gives it: the compiler checks `data` against the schema registered for `action`. */
export type AdminActionEntry = { [K in AdminAction]: { action: K; targetId: string; data: AdminActionDataOf<K> } }[AdminAction];

export function isAdminAction(value: string): value is AdminAction {
  return Object.hasOwn(ADMIN_ACTIONS, value);
}

export class InvalidAdminAction extends Error {}

/** Validates an entry before it is written: strict schemas drop nothing silently, they refuse unknown fields. */
export function checkAdminAction(entry: { action: string; data: unknown }): { targetType: AdminTargetType; data: unknown } {
  if (!isAdminAction(entry.action)) throw new InvalidAdminAction(`Unknown admin action "${entry.action}"`);
  const spec = ADMIN_ACTIONS[entry.action];
  const parsed = spec.data.safeParse(entry.data);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join(".") || "data"}: ${i.message}`).join("; ");
    throw new InvalidAdminAction(`Admin action "${entry.action}" has data of the wrong shape: ${issues}`);
  }
  return { targetType: spec.target, data: parsed.data };
}

/** The scheme and host of a URL (what the audit log keeps of a webhook URL); "" for a string that is not one. */
export function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return "";
  }
}

/** A stored entry read back: its data validated against today's schema, or `unreadable` (shown as stored, never thrown). */
export type StoredAdminAction = AdminActionEntry | { action: "unreadable"; storedAction: string; targetId: string; data: unknown };

export function readAdminAction(entry: { action: string; targetId: string; data: unknown }): StoredAdminAction {
  if (!isAdminAction(entry.action)) return { action: "unreadable", storedAction: entry.action, targetId: entry.targetId, data: entry.data };
  const parsed = ADMIN_ACTIONS[entry.action].data.safeParse(entry.data);
  if (!parsed.success) return { action: "unreadable", storedAction: entry.action, targetId: entry.targetId, data: entry.data };
  // The schema just checked is the one for entry.action, so the pair is the union's member for that action.
  return { action: entry.action, targetId: entry.targetId, data: parsed.data } as AdminActionEntry;
}
