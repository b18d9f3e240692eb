// The public shape of a webhook endpoint: never its secret (shown once, at creation or rotation).
import "server-only";
import type { WebhookEndpoint } from "../../generated/prisma/sqlite/client";

export interface EndpointView {
  id: string;
  url: string;
  kind: "standard" | "slack";
  description: string;
  events: string[] | null;
  releaseId: string | null;
  service: string | null;
  enabled: boolean;
  disabledReason: string | null;
  /** The first characters of the secret, to tell secrets apart. */
  secretHint: string;
  /** Set while a rotated-out secret still signs (a second signature) until this time. */
  previousSecretExpiresAt: string | null;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  deliveries?: { pending: number; succeeded: number; failed: number };
}

export function toEndpointView(row: WebhookEndpoint, counts?: EndpointView["deliveries"], now = new Date()): EndpointView {
  return {
    id: row.id,
    url: row.url,
    kind: row.kind as EndpointView["kind"],
    description: row.description,
    events: row.eventsJson ? (JSON.parse(row.eventsJson) as string[]) : null,
    releaseId: row.releaseId,
    service: row.service,
    enabled: row.enabled,
    disabledReason: row.disabledReason,
    secretHint: `${row.secret.slice(0, 10)}…`,
    previousSecretExpiresAt: row.previousSecretExpiresAt && row.previousSecretExpiresAt > now ? row.previousSecretExpiresAt.toISOString() : null,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    ...(counts ? { deliveries: counts } : {}),
  };
}
