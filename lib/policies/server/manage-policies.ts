// Admins create, change and delete release policies; each change is one transaction with its admin audit entry.
import "server-only";
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { PolicySpecPatchShape, PolicySpecSchema } from "../core/policy";
import { nameText } from "../../releases/core/text";
import { db } from "../../platform/db/client";
import { appError, type AppError } from "../../platform/http/app-error";
import type { Actor } from "../../auth/server/actor";
import { recordAdminAction } from "../../audit/server/record-admin-action";
import { policyOf } from "./policy-store";

export const MAX_POLICIES = 500;

export const NewPolicySchema = z.object({ name: nameText(80), enabled: z.boolean().default(true) }).extend(PolicySpecSchema.shape).strict();
export const PolicyPatchSchema = z
  .object({ name: nameText(80).optional(), enabled: z.boolean().optional() })
  .extend(PolicySpecPatchShape)
  .strict();

type Who = Pick<Actor, "id" | "name">;
type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };

const nameTaken = (name: string): AppError => appError(409, "policy_name_taken", `A policy named "${name}" exists already`, { name });

export async function createPolicy(input: z.infer<typeof NewPolicySchema>, actor: Who): Promise<Result<ReturnType<typeof policyOf>>> {
  const { name, enabled, ...spec } = input;
  const now = new Date();
  return db().$transaction(async (tx) => {
    if ((await tx.policy.count()) >= MAX_POLICIES) return { ok: false, error: appError(409, "too_many_policies", `At most ${MAX_POLICIES} policies are kept; delete one first`, { max: MAX_POLICIES }) };
    if (await tx.policy.findUnique({ where: { name } })) return { ok: false, error: nameTaken(name) };
    const row = await tx.policy.create({ data: { id: randomUUID(), name, enabled, specJson: JSON.stringify(spec), createdBy: actor.name, createdAt: now, updatedAt: now } });
    await recordAdminAction(tx, actor, { action: "policy.created", targetId: row.id, data: { name, enabled, spec } }, now);
    return { ok: true, value: policyOf(row) };
  });
}

export async function updatePolicy(id: string, patch: z.infer<typeof PolicyPatchSchema>, actor: Who): Promise<Result<ReturnType<typeof policyOf>> | null> {
  const now = new Date();
  return db().$transaction(async (tx) => {
    const found = await tx.policy.findUnique({ where: { id } });
    if (!found) return null;
    const { name, enabled, ...specPatch } = patch;
    if (name && name !== found.name && (await tx.policy.findUnique({ where: { name } }))) return { ok: false as const, error: nameTaken(name) };
    const before = policyOf(found);
    const spec = PolicySpecSchema.parse({ ...before.spec, ...Object.fromEntries(Object.entries(specPatch).filter(([, v]) => v !== undefined)) });
    const row = await tx.policy.update({ where: { id }, data: { name: name ?? found.name, enabled: enabled ?? found.enabled, specJson: JSON.stringify(spec), updatedAt: now } });
    const fields = Object.entries(patch).filter(([, v]) => v !== undefined).map(([k]) => k);
    await recordAdminAction(
      tx,
      actor,
      { action: "policy.updated", targetId: id, data: { name: row.name, fields, before: { name: found.name, enabled: found.enabled, ...before.spec }, after: { name: row.name, enabled: row.enabled, ...spec } } },
      now,
    );
    return { ok: true as const, value: policyOf(row) };
  });
}

export async function deletePolicy(id: string, actor: Who): Promise<boolean> {
  const now = new Date();
  return db().$transaction(async (tx) => {
    const found = await tx.policy.findUnique({ where: { id } });
    if (!found) return false;
    await tx.policy.delete({ where: { id } });
    await recordAdminAction(tx, actor, { action: "policy.deleted", targetId: id, data: { name: found.name } }, now);
    return true;
  });
}
