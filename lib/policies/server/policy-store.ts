// The one module that reads and writes the Policy table.
import "server-only";
import { PolicySpecSchema, type Policy } from "../core/policy";
import { db } from "../../platform/db/client";
import type { Tx } from "../../platform/db/client";

type Row = { id: string; name: string; enabled: boolean; specJson: string; createdBy: string; createdAt: Date; updatedAt: Date };

export function policyOf(row: Row): Policy & { createdBy: string; createdAt: string; updatedAt: string } {
  // Stored specs were validated when written; a spec that no longer parses (a later, stricter version) enforces
  // nothing rather than everything, and shows as such.
  const parsed = PolicySpecSchema.safeParse(JSON.parse(row.specJson));
  return {
    id: row.id,
    name: row.name,
    enabled: row.enabled && parsed.success,
    spec: parsed.success ? parsed.data : PolicySpecSchema.parse({}),
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** Every policy, by name (at most 500 are kept; see create-policy). */
export async function listPolicies(client: Tx = db()) {
  const rows = await client.policy.findMany({ orderBy: { name: "asc" }, take: 500 });
  return rows.map(policyOf);
}
