// The operator's outbound policy, read once from the configuration: OUTBOUND_ALLOW, plus the two names it replaces
// (WEBHOOK_ALLOW_HOSTS, PROMETHEUS_ALLOWED_NETWORKS: still read, deprecated, logged once), plus the addresses the
// operator configured themself (PROMETHEUS_URL, GITHUB_API_URL), which are trusted as configured.
import "server-only";
import { config } from "../config/config";
import { logNotice } from "../logging/ops-log";
import { parseOutboundAllow, trustConfigured, type OutboundPolicy } from "./outbound-guard";

const holder = globalThis as unknown as { __tidegateOutbound?: { key: string; policy: OutboundPolicy; warned: boolean } };

export const DEPRECATED_OUTBOUND_VARIABLES = ["WEBHOOK_ALLOW_HOSTS", "PROMETHEUS_ALLOWED_NETWORKS"] as const;

export function outboundPolicy(): OutboundPolicy {
  const cfg = config();
  const key = [cfg.OUTBOUND_ALLOW, cfg.WEBHOOK_ALLOW_HOSTS, cfg.PROMETHEUS_ALLOWED_NETWORKS, cfg.PROMETHEUS_URL ?? "", cfg.GITHUB_API_URL].join("\n");
  const cached = holder.__tidegateOutbound;
  if (cached?.key === key) return cached.policy;
  const policy = trustConfigured(parseOutboundAllow(cfg.OUTBOUND_ALLOW, cfg.WEBHOOK_ALLOW_HOSTS, cfg.PROMETHEUS_ALLOWED_NETWORKS), [cfg.PROMETHEUS_URL, cfg.GITHUB_API_URL]);
  const used = DEPRECATED_OUTBOUND_VARIABLES.filter((name) => cfg[name]);
  if (used.length > 0 && !cached?.warned) {
    logNotice(`${used.join(" and ")} ${used.length > 1 ? "are" : "is"} deprecated: list hosts and networks in OUTBOUND_ALLOW (read as one list with it for now)`, { deprecated: used });
  }
  holder.__tidegateOutbound = { key, policy, warned: used.length > 0 || (cached?.warned ?? false) };
  return policy;
}
