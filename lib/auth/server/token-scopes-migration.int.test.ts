// Tokens made before scopes existed keep exactly what they could do: the migration gives API tokens ingest + read
// and SDK keys sdk (on a real SQLite file, migrated as a deployment would be: old migrations, rows, then the new one).
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { applyMigrations } from "../../platform/db/apply-migrations";

const SCOPES_MIGRATION = "20261130070000_token_scopes";

describe("token scopes migration", () => {
  const root = mkdtempSync(path.join(tmpdir(), "tidegate-scopes-migration-"));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it("migrates api tokens to ingest + read and SDK keys to sdk", async () => {
    const source = path.resolve(import.meta.dirname, "../../../prisma/migrations");
    const target = path.join(root, "prisma/migrations");
    mkdirSync(target, { recursive: true });
    const before = readdirSync(source).filter((n) => n < SCOPES_MIGRATION);
    for (const name of before) cpSync(path.join(source, name), path.join(target, name), { recursive: true });
    const file = path.join(root, "old.db");
    await applyMigrations(`file:${file}`, root);

    const db = new Database(file);
    const insert = db.prepare(`INSERT INTO "ApiToken" ("id", "name", "tokenHash", "createdBy", "kind", "service") VALUES (?, ?, ?, 'test', ?, ?)`);
    insert.run("t-api", "pusher", "hash-api", "api", null);
    insert.run("t-sdk", "web app", "hash-sdk", "sdk", "checkout");
    db.close();

    cpSync(path.join(source, SCOPES_MIGRATION), path.join(target, SCOPES_MIGRATION), { recursive: true });
    expect((await applyMigrations(`file:${file}`, root)).applied).toEqual([SCOPES_MIGRATION]);
    const after = new Database(file);
    const rows = after.prepare(`SELECT "id", "kind", "service", "scopes" FROM "ApiToken" ORDER BY "id"`).all();
    after.close();
    expect(rows).toEqual([
      { id: "t-api", kind: "api", service: null, scopes: '["ingest","read"]' },
      { id: "t-sdk", kind: "sdk", service: "checkout", scopes: '["sdk"]' },
    ]);
  });
});
