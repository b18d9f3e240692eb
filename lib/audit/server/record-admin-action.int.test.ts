// The admin action and its audit entry commit together: an entry that fails validation undoes the action with it
// (real SQLite file, migrated as a deployment is).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyMigrations } from "../../platform/db/apply-migrations";
import { createDb, type Db } from "../../platform/db/client";
import type { AdminActionEntry } from "../core/admin-actions";
import { recordAdminAction } from "./record-admin-action";

const admin = { id: "u-admin", name: "admin@x" };

describe("recordAdminAction", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "tidegate-admin-audit-"));
  let client: Db;
  beforeAll(async () => {
    const url = `file:${path.join(dir, "audit.db")}`;
    await applyMigrations(url);
    client = createDb(url);
  });
  afterAll(async () => {
    await client?.$disconnect();
    rmSync(dir, { recursive: true, force: true });
  });

  const token = (id: string) => ({ id, name: id, tokenHash: `hash-${id}`, createdBy: admin.name });

  it("writes the entry in the action's transaction", async () => {
    await client.$transaction(async (tx) => {
      await tx.apiToken.create({ data: token("t-ok") });
      await recordAdminAction(tx, admin, { action: "api_token.created", targetId: "t-ok", data: { name: "t-ok", scopes: ["read"], releaseId: null, service: null } });
    });
    const rows = await client.adminAuditEvent.findMany();
    expect(rows.map((r) => [r.actorId, r.actorLabel, r.action, r.targetType, r.targetId, JSON.parse(r.dataJson)])).toEqual([
      ["u-admin", "admin@x", "api_token.created", "api_token", "t-ok", { name: "t-ok", scopes: ["read"], releaseId: null, service: null }],
    ]);
  });

  it("undoes the action when its entry is refused (a field the schema does not name, such as the token's value)", async () => {
    const leaky = { action: "api_token.created", targetId: "t-leak", data: { name: "t-leak", scopes: ["read"], releaseId: null, service: null, token: "tg_secret" } };
    await expect(
      client.$transaction(async (tx) => {
        await tx.apiToken.create({ data: token("t-leak") });
        await recordAdminAction(tx, admin, leaky as unknown as AdminActionEntry);
      }),
    ).rejects.toThrow(/wrong shape/);
    expect(await client.apiToken.findUnique({ where: { id: "t-leak" } })).toBeNull();
    expect(await client.adminAuditEvent.count({ where: { targetId: "t-leak" } })).toBe(0);
  });
});
