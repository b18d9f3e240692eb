// Replay: send one delivery again now, with the same webhook-id (receivers that already have it can drop it),
// whatever its status. The attempt is logged like any other, with trigger "replay".
import "server-only";
import { randomUUID } from "node:crypto";
import { db } from "../../platform/db/client";
import { appError, HttpError, notFound } from "../../platform/http/app-error";
import { webhookDispatcher } from "./dispatch-webhooks";
import type { Actor } from "../../auth/server/actor";
import { recordAdminAction } from "../../audit/server/record-admin-action";

export async function replayDelivery(endpointId: string, deliveryId: string, actor: Pick<Actor, "id" | "name">) {
  const delivery = await db().webhookDelivery.findUnique({ where: { id: deliveryId }, include: { endpoint: true } });
  if (!delivery || delivery.endpointId !== endpointId || !delivery.endpoint) throw new HttpError(notFound("Delivery", deliveryId));
  if (!delivery.endpoint.enabled) {
    throw new HttpError(appError(409, "endpoint_disabled", "This endpoint is disabled: enable it before replaying its deliveries", { endpointId, reason: delivery.endpoint.disabledReason }));
  }
  const now = new Date();
  const token = `replay:${randomUUID()}`;
  const dispatcher = webhookDispatcher();
  // The claim is the replay's state change: the admin's audit entry commits with it (a refused claim records nothing).
  const claimed = await db().$transaction(async (tx) => {
    const claim = await tx.webhookDelivery.updateMany({
      where: { id: deliveryId, OR: [{ claimedUntil: null }, { claimedUntil: { lt: now } }] },
      data: { claimedBy: token, claimedUntil: new Date(now.getTime() + dispatcher.claimMs) },
    });
    if (claim.count === 1) {
      const data = { endpointId, eventType: delivery.eventType, releaseId: delivery.releaseId, seq: delivery.seq };
      await recordAdminAction(tx, actor, { action: "webhook_delivery.replayed", targetId: deliveryId, data }, now);
    }
    return claim;
  });
  if (claimed.count !== 1) throw new HttpError(appError(409, "delivery_in_flight", "This delivery is being sent right now; look at the log in a moment", { deliveryId }));
  // The claim is short and renewed while the call runs (as the dispatcher's own claims).
  const result = await dispatcher.sendOne({ ...delivery, claimedBy: token }, token, "replay", now.getTime());
  return { id: deliveryId, status: result.status, attempts: result.attempts, statusCode: result.answer.status, error: result.answer.error, latencyMs: result.answer.latencyMs };
}
