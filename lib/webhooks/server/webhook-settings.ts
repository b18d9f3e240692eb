// The webhook settings every sender needs, read once from the validated configuration.
import "server-only";
import { createHmac } from "node:crypto";
import { DEFAULT_RETRY_SCHEDULE_MS } from "../core/retry-schedule";
import { config } from "../../platform/config/config";
import { parseAllowHosts } from "./outbound-guard";

export interface WebhookSettings {
  allowHosts: string[];
  retryScheduleMs: readonly number[];
  trafficRetryScheduleMs: readonly number[];
  /** Links in payloads point here (NEXTAUTH_URL, the address people reach the board at). */
  publicUrl: string;
  /** Signs traffic hooks and gate checks (they have no endpoint of their own). */
  hookSecret: string;
  /** How long a sender's claim on a delivery lasts unless renewed (WEBHOOK_CLAIM_MS). */
  claimMs: number;
}

const ms = (s: string) => s.split(",").map(Number);

export function webhookSettings(): WebhookSettings {
  const cfg = config();
  return {
    allowHosts: parseAllowHosts(cfg.WEBHOOK_ALLOW_HOSTS),
    retryScheduleMs: cfg.WEBHOOK_RETRY_SCHEDULE_MS ? ms(cfg.WEBHOOK_RETRY_SCHEDULE_MS) : DEFAULT_RETRY_SCHEDULE_MS,
    trafficRetryScheduleMs: ms(cfg.TRAFFIC_HOOK_RETRY_SCHEDULE_MS),
    publicUrl: cfg.NEXTAUTH_URL ?? `http://localhost:${cfg.PORT}`,
    hookSecret: cfg.HOOK_SIGNING_SECRET ?? `whsec_${createHmac("sha256", cfg.authSecret).update("tidegate hook signing").digest("base64")}`,
    claimMs: cfg.WEBHOOK_CLAIM_MS,
  };
}
