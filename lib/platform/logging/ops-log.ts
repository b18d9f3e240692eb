// The operational lines, one function per kind, so every command, refusal, guardrail decision, sign-in and webhook
// delivery is logged in one shape naming the release and the actor. `msg` comes first in each line after the
// bound fields: `{"level":"warn","time":...,"kind":"refusal","msg":"request refused","method":"GET",...}`.
import "server-only";
import type { Logger } from "pino";
import { logger, type LogKind } from "./logger";

const children = new Map<LogKind, Logger>();
function write(kind: LogKind, level: "info" | "warn" | "error", line: Record<string, unknown>): void {
  let child = children.get(kind);
  if (!child) children.set(kind, (child = logger.child({ kind })));
  child[level](line);
}

/** A request answered with an error (400-499), or refused before it reached a handler. */
export function logRefusal(line: {
  msg?: "request refused" | "unauthenticated" | "forbidden" | "csrf refused" | "socket unauthenticated" | "socket subscription forbidden";
  method?: string;
  path?: string;
  status?: number;
  code?: string;
  actor?: string;
  releaseId?: string;
  permission?: string;
  [extra: string]: unknown;
}): void {
  const { msg = "request refused", ...fields } = line;
  write("refusal", "warn", { msg, ...fields });
}

/** A command sent to a release (by a person or a token): what was asked, and what became of it. */
export function logCommand(line: {
  releaseId: string;
  actor: string;
  action: string;
  outcome: "applied" | "replayed" | "refused";
  reason?: string | null;
  override?: boolean;
  /** Issue 25: an admin broke a freeze for this command. */
  breakFreeze?: boolean;
  /** For applied commands: where the release went. */
  status?: string;
  /** 0-based, as the API counts (screens say "Wave waveIndex + 1"). */
  waveIndex?: number;
  trafficPercent?: number;
  version?: number;
  /** For refusals: the HTTP status and the stable error code. */
  httpStatus?: number;
  code?: string;
}): void {
  const msg = line.outcome === "refused" ? "command refused" : "command applied";
  write("command", line.outcome === "refused" ? "warn" : "info", { msg, ...line });
}

/** What the guardrail decided on a release in one watch pass (one line per audit event it wrote). */
export function logGuardrailDecision(line: {
  releaseId: string;
  decision: string;
  metric?: string;
  level?: string | null;
  action?: string;
  reason?: string | null;
  seq: number;
  version: number;
}): void {
  const acted = line.decision === "paused" || line.decision === "rolled_back" || line.decision === "guardrail_action_refused";
  write("guardrail", acted ? "warn" : "info", { msg: "guardrail decision", actor: "guardrail", ...line });
}

/** A sign-in attempt: who, how, from where, and whether it worked. Passwords never appear. */
export function logSignIn(line: {
  outcome: "signed in" | "failed" | "throttled" | "signed out" | "userinfo unavailable";
  actor: string;
  provider: string;
  address?: string;
  trustedDevice?: boolean;
  /** OIDC: the role the groups gave, and the groups the provider sent (at most 50). */
  role?: string;
  groups?: string[];
  error?: string;
}): void {
  const { outcome, ...fields } = line;
  const msg = outcome === "signed in" ? "signed in" : outcome === "signed out" ? "signed out" : `sign-in ${outcome}`;
  write("sign-in", outcome === "signed in" || outcome === "signed out" ? "info" : "warn", { msg, ...fields });
}

/** One attempt to deliver a webhook (for the webhook dispatcher): the release and event, the target, the answer. */
export function logWebhookDelivery(line: {
  releaseId: string;
  /** Who caused the event being delivered (the audit event's actor). */
  actor?: string;
  webhookId: string;
  url: string;
  eventType: string;
  seq?: number;
  attempt: number;
  ok: boolean;
  httpStatus?: number;
  durationMs?: number;
  error?: string;
  /** When a failed delivery will be tried again, if it will. */
  retryAt?: string;
}): void {
  write("webhook", line.ok ? "info" : "warn", { msg: line.ok ? "webhook delivered" : "webhook delivery failed", ...line });
}

/** Something failed inside the server (not the caller's fault): background jobs, dispatch, handlers. */
export function logError(msg: string, fields: Record<string, unknown> = {}): void {
  write("error", "error", { msg, ...fields });
}

/** A notable event that is neither an error nor one of the kinds above (socket cut, failpoint). */
export function logNotice(msg: string, fields: Record<string, unknown> = {}): void {
  logger.warn({ msg, ...fields });
}
