// The one rule for a release's health word, shared by the API, the CLI and every screen so they cannot disagree.
// A rolled-back release carries no traffic on the new version: it is SAFE, not HEALTHY (nothing was judged healthy)
// and not CRITICAL from metrics of a canary that no longer exists — unless an alert is still open and critical.

/** NO_DATA: nothing has been judged (a draft, whose guardrails start with the run) or every open alert is missing data. */
export type Health = "HEALTHY" | "WARNING" | "CRITICAL" | "NO_DATA" | "SAFE";

export const HEALTH_LABEL: Record<Health, string> = {
  HEALTHY: "HEALTHY",
  WARNING: "WARNING",
  CRITICAL: "CRITICAL",
  NO_DATA: "NO DATA",
  SAFE: "SAFE · NO TRAFFIC",
};

/** No data is not healthy: a release is HEALTHY only when its guardrails were judged and none is breached. */
export function releaseHealth(status: string, openAlerts: readonly { level: string }[]): Health {
  if (openAlerts.some((a) => a.level === "critical")) return "CRITICAL";
  if (status === "rolled_back") return "SAFE";
  if (openAlerts.some((a) => a.level === "warning")) return "WARNING";
  if (openAlerts.length > 0 || status === "draft") return "NO_DATA";
  return "HEALTHY";
}

/**
 * A metric tile's level once the release is rolled back: the canary is gone, so the last window's verdict is history,
 * not a live alarm. The tile keeps the values but reads as "no traffic" rather than a red CRITICAL.
 */
export function liveMetricLevel(status: string, level: string): string {
  return status === "rolled_back" ? "no_traffic" : level;
}
