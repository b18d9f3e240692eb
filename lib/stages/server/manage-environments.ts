// Issue 25: environments (admins): declare, list, change, remove. Every change is one transaction with its admin
// audit entry (lib/audit).
import "server-only";
import type { Environment } from "../../generated/prisma/sqlite/client";
import { db } from "../../platform/db/client";
import { appError, HttpError, notFound } from "../../platform/http/app-error";
import type { Actor } from "../../auth/server/actor";
import { recordAdminAction } from "../../audit/server/record-admin-action";
import type { EnvironmentFields, EnvironmentView, NewEnvironment } from "../core/environment-schema";

type Admin = Pick<Actor, "id" | "name">;

/** More is a mistake, not a deployment topology: the list is shown whole on /admin. */
export const MAX_ENVIRONMENTS = 100;

export function toEnvironmentView(row: Environment): EnvironmentView {
  return {
    name: row.name,
    region: row.region,
    order: row.order,
    router: row.router,
    approverRoles: JSON.parse(row.approverRolesJson) as string[],
    requiredApprovals: row.requiredApprovals,
    updatedAt: row.updatedAt.toISOString(),
  };
}

export async function listEnvironments(): Promise<EnvironmentView[]> {
  const rows = await db().environment.findMany({ orderBy: [{ order: "asc" }, { name: "asc" }] });
  return rows.map(toEnvironmentView);
}

export async function createEnvironment(input: NewEnvironment, actor: Admin): Promise<EnvironmentView> {
  const row = await db().$transaction(async (tx) => {
    if (await tx.environment.findUnique({ where: { name: input.name } })) {
      throw new HttpError(appError(409, "conflict", `The environment "${input.name}" exists already`, { field: "name", name: input.name }));
    }
    if ((await tx.environment.count()) >= MAX_ENVIRONMENTS) {
      throw new HttpError(appError(422, "limit_reached", `At most ${MAX_ENVIRONMENTS} environments can be declared`, { limit: MAX_ENVIRONMENTS }));
    }
    const approverRoles = [...new Set(input.approverRoles ?? [])];
    const created = await tx.environment.create({
      data: {
        name: input.name,
        region: input.region ?? null,
        order: input.order ?? 0,
        router: input.router ?? null,
        approverRolesJson: JSON.stringify(approverRoles),
        requiredApprovals: input.requiredApprovals ?? 1,
      },
    });
    await recordAdminAction(tx, actor, {
      action: "environment.created",
      targetId: created.name,
      data: { region: created.region, order: created.order, router: created.router, approverRoles, requiredApprovals: created.requiredApprovals },
    });
    return created;
  });
  return toEnvironmentView(row);
}

export async function updateEnvironment(name: string, input: EnvironmentFields, actor: Admin): Promise<EnvironmentView> {
  const row = await db().$transaction(async (tx) => {
    const before = await tx.environment.findUnique({ where: { name } });
    if (!before) throw new HttpError(notFound("Environment", name));
    const view = toEnvironmentView(before);
    const next = {
      region: input.region === undefined ? view.region : input.region,
      order: input.order ?? view.order,
      router: input.router === undefined ? view.router : input.router,
      approverRoles: input.approverRoles ? [...new Set(input.approverRoles)] : view.approverRoles,
      requiredApprovals: input.requiredApprovals ?? view.requiredApprovals,
    };
    const text = (v: unknown) => (v === null || v === undefined ? null : Array.isArray(v) ? v.join(", ") : String(v));
    const changes = (Object.keys(next) as (keyof typeof next)[])
      .filter((k) => text(next[k]) !== text(view[k]))
      .map((k) => ({ field: k, from: text(view[k]), to: text(next[k]) }));
    if (changes.length === 0) return before;
    const updated = await tx.environment.update({
      where: { name },
      data: { region: next.region, order: next.order, router: next.router, approverRolesJson: JSON.stringify(next.approverRoles), requiredApprovals: next.requiredApprovals },
    });
    await recordAdminAction(tx, actor, { action: "environment.updated", targetId: name, data: { changes } });
    return updated;
  });
  return toEnvironmentView(row);
}

export async function deleteEnvironment(name: string, actor: Admin): Promise<void> {
  await db().$transaction(async (tx) => {
    const found = await tx.environment.findUnique({ where: { name } });
    if (!found) throw new HttpError(notFound("Environment", name));
    await tx.environment.delete({ where: { name } });
    await recordAdminAction(tx, actor, { action: "environment.deleted", targetId: name, data: {} });
  });
}
