// "Send a test event": one signed `webhook.test` call to an endpoint now, through the same signing and outbound
// guard as every delivery, so an admin sees at once whether the receiver answers and verifies the signature. It is
// not a delivery (no release, no retries, nothing in the delivery log): its outcome is the answer, and the admin
// audit log records that it was sent.
import "server-only";
import { randomUUID } from "node:crypto";
import { db } from "../../platform/db/client";
import { HttpError, notFound } from "../../platform/http/app-error";
import type { Actor } from "../../auth/server/actor";
import { originOf } from "../../audit/core/admin-actions";
import { recordAdminAction } from "../../audit/server/record-admin-action";
import { postSigned } from "./post-signed";
import { secretsOf } from "./webhook-dispatcher";
import { webhookSettings } from "./webhook-settings";

export interface TestEventResult {
  webhookId: string;
  ok: boolean;
  statusCode: number | null;
  error: string | null;
  latencyMs: number;
  response: string | null;
}

export async function sendTestEvent(endpointId: string, actor: Pick<Actor, "id" | "name">, now = new Date()): Promise<TestEventResult> {
  const endpoint = await db().webhookEndpoint.findUnique({ where: { id: endpointId } });
  if (!endpoint) throw new HttpError(notFound("Webhook endpoint", endpointId));
  const webhookId = `msg_test_${randomUUID().replaceAll("-", "")}`;
  const message = `Test event from Tidegate, sent by ${actor.name}: if you can read this, the endpoint works.`;
  const body =
    endpoint.kind === "slack"
      ? JSON.stringify({ text: message })
      : JSON.stringify({ type: "webhook.test", timestamp: now.toISOString(), data: { endpointId, message, sentBy: actor.name } });
  const answer = await postSigned({ url: endpoint.url, id: webhookId, body, secrets: secretsOf(endpoint, now), outbound: webhookSettings().outbound });
  const ok = answer.status !== null && answer.status >= 200 && answer.status < 300;
  await db().$transaction((tx) =>
    recordAdminAction(tx, actor, { action: "webhook_endpoint.tested", targetId: endpointId, data: { urlOrigin: originOf(endpoint.url), statusCode: answer.status, ok } }, now),
  );
  return { webhookId, ok, statusCode: answer.status, error: answer.error, latencyMs: answer.latencyMs, response: answer.body };
}
