// Webhook endpoints: create (secret shown once), list, change, delete, rotate the secret. Admin only (the routes
// check); every URL passes the outbound guard before it is stored, and every change leaves an admin audit entry.
import "server-only";
import { randomUUID } from "node:crypto";
import { db } from "../../platform/db/client";
import { appError, HttpError, notFound } from "../../platform/http/app-error";
import { checkOutboundUrl, OutboundRefused } from "./outbound-guard";
import { newWebhookSecret } from "./sign";
import { toEndpointView, type EndpointView } from "./endpoint-view";
import { webhookSettings } from "./webhook-settings";
import type { Actor } from "../../auth/server/actor";
import { originOf } from "../../audit/core/admin-actions";
import { recordAdminAction } from "../../audit/server/record-admin-action";

/** Who acts on an endpoint: each change is recorded in the admin audit log, in the change's transaction. */
type Admin = Pick<Actor, "id" | "name">;

/** A rotated-out secret keeps signing for a day, so receivers can switch without dropping a delivery. */
export const ROTATION_OVERLAP_MS = 24 * 3_600_000;

export interface EndpointInput {
  url: string;
  kind: "standard" | "slack";
  description?: string;
  events?: string[] | null;
  releaseId?: string | null;
  service?: string | null;
  enabled?: boolean;
}

/** The outbound guard's refusal as a 422 naming the field. */
export function assertCallableUrl(url: string, field = "url"): void {
  try {
    checkOutboundUrl(url, webhookSettings().allowHosts);
  } catch (e) {
    if (!(e instanceof OutboundRefused)) throw e;
    throw new HttpError(appError(422, e.code, e.message, { issues: [{ path: field, message: e.message }] }));
  }
}

async function assertReleaseExists(releaseId: string | null | undefined) {
  if (releaseId && !(await db().release.findUnique({ where: { id: releaseId }, select: { id: true } }))) throw new HttpError(notFound("Release", releaseId));
}

export async function createEndpoint(input: EndpointInput, actor: Admin): Promise<EndpointView & { secret: string }> {
  assertCallableUrl(input.url);
  await assertReleaseExists(input.releaseId);
  const secret = newWebhookSecret();
  const row = await db().$transaction(async (tx) => {
    const created = await tx.webhookEndpoint.create({
      data: {
        id: `ep_${randomUUID().replaceAll("-", "").slice(0, 20)}`,
        url: input.url,
        kind: input.kind,
        description: input.description ?? "",
        eventsJson: input.events?.length ? JSON.stringify(input.events) : null,
        releaseId: input.releaseId ?? null,
        service: input.service ?? null,
        enabled: input.enabled ?? true,
        secret,
        createdBy: actor.name,
      },
    });
    const data = {
      urlOrigin: originOf(created.url),
      kind: input.kind,
      events: input.events?.length ? input.events : null,
      releaseId: created.releaseId,
      service: created.service,
      enabled: created.enabled,
    };
    await recordAdminAction(tx, actor, { action: "webhook_endpoint.created", targetId: created.id, data }, created.createdAt);
    return created;
  });
  return { ...toEndpointView(row), secret };
}

export async function listEndpoints(): Promise<EndpointView[]> {
  const rows = await db().webhookEndpoint.findMany({ orderBy: { createdAt: "asc" } });
  const counts = await db().webhookDelivery.groupBy({ by: ["endpointId", "status"], _count: { _all: true }, where: { endpointId: { in: rows.map((r) => r.id) } } });
  return rows.map((row) => {
    const of = (status: string) => counts.find((c) => c.endpointId === row.id && c.status === status)?._count._all ?? 0;
    return toEndpointView(row, { pending: of("pending"), succeeded: of("succeeded"), failed: of("failed") });
  });
}

export async function getEndpoint(id: string): Promise<EndpointView> {
  const row = await db().webhookEndpoint.findUnique({ where: { id } });
  if (!row) throw new HttpError(notFound("Webhook endpoint", id));
  return toEndpointView(row);
}

export async function updateEndpoint(id: string, patch: Partial<EndpointInput>, actor: Admin): Promise<EndpointView> {
  const row = await db().webhookEndpoint.findUnique({ where: { id } });
  if (!row) throw new HttpError(notFound("Webhook endpoint", id));
  if (patch.url !== undefined) assertCallableUrl(patch.url);
  await assertReleaseExists(patch.releaseId);
  const updated = await db().$transaction(async (tx) => {
    const changed = await tx.webhookEndpoint.update({
      where: { id },
      data: {
        ...(patch.url !== undefined ? { url: patch.url } : {}),
        ...(patch.kind !== undefined ? { kind: patch.kind } : {}),
        ...(patch.description !== undefined ? { description: patch.description } : {}),
        ...(patch.events !== undefined ? { eventsJson: patch.events?.length ? JSON.stringify(patch.events) : null } : {}),
        ...(patch.releaseId !== undefined ? { releaseId: patch.releaseId } : {}),
        ...(patch.service !== undefined ? { service: patch.service } : {}),
        // Re-enabling clears the reason; its waiting deliveries go out again.
        ...(patch.enabled !== undefined ? { enabled: patch.enabled, disabledReason: patch.enabled ? null : "Disabled by an administrator" } : {}),
      },
    });
    const data = {
      fields: Object.keys(patch).filter((k) => patch[k as keyof EndpointInput] !== undefined),
      ...(patch.url !== undefined ? { urlOrigin: originOf(patch.url) } : {}),
      ...(patch.enabled !== undefined ? { enabled: patch.enabled } : {}),
    };
    await recordAdminAction(tx, actor, { action: "webhook_endpoint.updated", targetId: id, data }, changed.updatedAt);
    return changed;
  });
  return toEndpointView(updated);
}

export async function deleteEndpoint(id: string, actor: Admin): Promise<boolean> {
  return db().$transaction(async (tx) => {
    const row = await tx.webhookEndpoint.findUnique({ where: { id }, select: { url: true, kind: true } });
    const deleted = await tx.webhookEndpoint.deleteMany({ where: { id } });
    if (deleted.count !== 1 || !row) return false;
    const data = { urlOrigin: originOf(row.url), kind: row.kind === "slack" ? ("slack" as const) : ("standard" as const) };
    await recordAdminAction(tx, actor, { action: "webhook_endpoint.deleted", targetId: id, data });
    return true;
  });
}

/** A new secret, shown once; the old one keeps signing beside it for a day. */
export async function rotateEndpointSecret(id: string, actor: Admin, now = new Date()): Promise<EndpointView & { secret: string }> {
  const secret = newWebhookSecret();
  const previousValidUntil = new Date(now.getTime() + ROTATION_OVERLAP_MS);
  const updated = await db().$transaction(async (tx) => {
    const row = await tx.webhookEndpoint.findUnique({ where: { id } });
    if (!row) throw new HttpError(notFound("Webhook endpoint", id));
    const rotated = await tx.webhookEndpoint.update({
      where: { id },
      data: { secret, previousSecret: row.secret, previousSecretExpiresAt: previousValidUntil },
    });
    const data = { previousValidUntil: previousValidUntil.toISOString() };
    await recordAdminAction(tx, actor, { action: "webhook_endpoint.secret_rotated", targetId: id, data }, now);
    return rotated;
  });
  return { ...toEndpointView(updated, undefined, now), secret };
}
