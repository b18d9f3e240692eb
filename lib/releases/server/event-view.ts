// The public shape of an audit event, as the events API and the socket send it.
import "server-only";
import type { ReleaseEvent } from "../../generated/prisma/sqlite/client";
import { typed, type Typed } from "../core/events";
import { logNotice } from "../../platform/logging/ops-log";

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
    data: decodeData(row),
  };
}

/** An event view with its `{ type, data }` read as the typed union, for code that decides on an event's data. */
export type TypedEventView = Typed<EventView>;

export function toTypedEventView(row: ReleaseEvent): TypedEventView {
  const view = typed(toEventView(row));
  // Readers skip an event that no longer reads (a retired type, data from before a schema tightened); say so once here.
  if (view.type === "unreadable") logNotice("stored event unreadable", { releaseId: row.releaseId, seq: row.seq, type: view.storedType, problem: view.problem });
  return view;
}

/** Damaged JSON (edited by hand) must not take the events API or a screen down: the event goes out with no data. */
function decodeData(row: ReleaseEvent): Record<string, unknown> {
  try {
    return JSON.parse(row.dataJson) as Record<string, unknown>;
  } catch {
    logNotice("stored event data is not valid JSON", { releaseId: row.releaseId, seq: row.seq, type: row.type });
    return {};
  }
}
