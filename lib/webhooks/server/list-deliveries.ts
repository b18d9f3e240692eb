// The delivery log of one endpoint, newest first, with each delivery's attempts.
import "server-only";
import { db } from "../../platform/db/client";
import { HttpError, notFound } from "../../platform/http/app-error";

export interface DeliveryView {
  id: string;
  releaseId: string;
  seq: number;
  eventType: string;
  status: string;
  attempts: number;
  nextAttemptAt: string | null;
  lastStatus: number | null;
  lastResponse: string | null;
  lastError: string | null;
  lastLatencyMs: number | null;
  eventAt: string;
  createdAt: string;
  deliveredAt: string | null;
  attemptLog: { at: string; trigger: string; statusCode: number | null; responseBody: string | null; error: string | null; latencyMs: number }[];
}

export async function listDeliveries(endpointId: string, options: { status?: string; limit?: number; before?: string } = {}): Promise<DeliveryView[]> {
  if (!(await db().webhookEndpoint.findUnique({ where: { id: endpointId }, select: { id: true } }))) throw new HttpError(notFound("Webhook endpoint", endpointId));
  const rows = await db().webhookDelivery.findMany({
    where: { endpointId, ...(options.status ? { status: options.status } : {}), ...(options.before ? { createdAt: { lt: new Date(options.before) } } : {}) },
    orderBy: [{ createdAt: "desc" }, { seq: "desc" }],
    take: options.limit ?? 50,
    include: { attemptLog: { orderBy: { id: "asc" }, take: 50 } },
  });
  return rows.map((r) => ({
    id: r.id,
    releaseId: r.releaseId,
    seq: r.seq,
    eventType: r.eventType,
    status: r.status,
    attempts: r.attempts,
    nextAttemptAt: r.status === "pending" ? r.nextAttemptAt.toISOString() : null,
    lastStatus: r.lastStatus,
    lastResponse: r.lastResponse,
    lastError: r.lastError,
    lastLatencyMs: r.lastLatencyMs,
    eventAt: r.eventAt.toISOString(),
    createdAt: r.createdAt.toISOString(),
    deliveredAt: r.deliveredAt?.toISOString() ?? null,
    attemptLog: r.attemptLog.map((a) => ({ at: a.at.toISOString(), trigger: a.trigger, statusCode: a.statusCode, responseBody: a.responseBody, error: a.error, latencyMs: a.latencyMs })),
  }));
}
