// Every react-query key in one place, so the live feed invalidates exactly what the screens read.
export const queryKeys = {
  me: ["me"] as const,
  releases: ["releases"] as const,
  release: (id: string) => ["release", id] as const,
  events: (id: string) => ["events", id] as const,
  metrics: (id: string) => ["metrics", id] as const,
  simulator: (id: string) => ["simulator", id] as const,
  planSource: (id: string) => ["plan-source", id] as const,
  apiTokens: ["api-tokens"] as const,
  users: ["users"] as const,
  incidents: (id: string) => ["incidents", id] as const,
  report: (id: string) => ["report", id] as const,
  webhooks: ["webhooks"] as const,
  webhookDeliveries: (id: string) => ["webhook-deliveries", id] as const,
  adminAudit: ["admin-audit"] as const,
  policies: ["policies"] as const,
};
