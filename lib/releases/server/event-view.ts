// The public shape of an audit event, as the events API and the socket send it.
import "server-only";
import type { ReleaseEvent } from "../../generated/prisma/sqlite/client";

export interface EventView {
  releaseId: string;
  seq: number;
  version: number;
  type: string;
  actor: string;
  actorRole: string | null;
  reason: string | null;
  at: string;
  before: unknown;
  after: unknown;
  data: Record<string, unknown>;
}

export function toEventView(row: ReleaseEvent): EventView {
  return {
    releaseId: row.releaseId,
    seq: row.seq,
    version: row.version,
    type: row.type,
    actor: row.actor,
    actorRole: row.actorRole,
    reason: row.reason,
    at: row.at.toISOString(),
    before: row.beforeJson ? JSON.parse(row.beforeJson) : null,
    after: row.afterJson ? JSON.parse(row.afterJson) : null,
    data: JSON.parse(row.dataJson),
  };
}
