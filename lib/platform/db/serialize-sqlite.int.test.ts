// Real isolation on embedded SQLite: an open transaction is invisible to every other reader until it commits,
// and a write made outside it never joins it (so it survives the transaction's rollback).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyMigrations } from "./apply-migrations";
import { createDb, type Db } from "./client";

const dir = mkdtempSync(path.join(tmpdir(), "tidegate-iso-"));
const file = path.join(dir, "iso.db");
const url = `file:${file}`;
let db: Db;
let second: Database.Database;

beforeAll(async () => {
  await applyMigrations(url);
  db = createDb(url);
  second = new Database(file, { readonly: true });
  await db.release.create({
    data: { id: "r1", name: "n", service: "s", serviceVersion: "1", planJson: "{}", status: "running", version: 1, lastSeq: 0, createdBy: "t" },
  });
});
afterAll(async () => {
  await db.$disconnect();
  second.close();
  rmSync(dir, { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("SQLite isolation through the serialized client", () => {
  it("never shows an open transaction's writes to other readers (same client or a second connection)", async () => {
    let inside = false;
    const tx = db.$transaction(async (t) => {
      await t.release.update({ where: { id: "r1" }, data: { version: 2 } });
      inside = true;
      await sleep(200);
      throw new Error("abort: roll back");
    });
    while (!inside) await sleep(5);
    // Same client, outside the transaction: waits its turn, then sees only what committed.
    const reads = await Promise.all(Array.from({ length: 20 }, () => db.release.findUnique({ where: { id: "r1" } })));
    expect(reads.map((r) => r?.version)).toEqual(Array(20).fill(1));
    // A second connection (WAL reader) sees the committed version while the transaction is open.
    expect((second.prepare("SELECT version FROM Release WHERE id = 'r1'").get() as { version: number }).version).toBe(1);
    await expect(tx).rejects.toThrow("abort");
    expect((await db.release.findUnique({ where: { id: "r1" } }))?.version).toBe(1);
  });

  it("keeps an outside write when the open transaction rolls back", async () => {
    let inside = false;
    const tx = db.$transaction(async (t) => {
      await t.release.update({ where: { id: "r1" }, data: { commander: "rolled-back" } });
      inside = true;
      await sleep(100);
      throw new Error("abort");
    });
    while (!inside) await sleep(5);
    // e.g. a login-throttle row or a token revoke, written while a command's transaction is open
    const outside = db.loginAttempt.create({ data: { key: "account:x", at: new Date(), success: false } });
    await expect(tx).rejects.toThrow("abort");
    const row = await outside;
    expect(await db.loginAttempt.findUnique({ where: { id: row.id } })).not.toBeNull();
    expect((await db.release.findUnique({ where: { id: "r1" } }))?.commander).toBeNull();
  });

  it("refuses (instead of silently joining or deadlocking) a shared-client call made inside a transaction", async () => {
    await expect(db.$transaction(async () => db.release.count())).rejects.toThrow(/inside a transaction/);
  });

  it("serializes concurrent read-modify-write transactions: no lost update", async () => {
    await Promise.all(
      Array.from({ length: 50 }, () =>
        db.$transaction(async (t) => {
          const r = await t.release.findUniqueOrThrow({ where: { id: "r1" } });
          await sleep(1);
          await t.release.update({ where: { id: "r1" }, data: { lastSeq: r.lastSeq + 1 } });
        }),
      ),
    );
    expect((await db.release.findUnique({ where: { id: "r1" } }))?.lastSeq).toBe(50);
  });
});

describe("which write errors are retried", () => {
  it("treats a unique race on an idempotency key as a conflict, and a duplicate e-mail as a real error", async () => {
    const { isWriteConflict } = await import("./with-conflict-retry");
    const record = { releaseId: "r1", key: "k1", fingerprint: "f", status: 200, bodyJson: "{}" };
    await db.idempotencyRecord.create({ data: record });
    const race = await db.idempotencyRecord.create({ data: record }).catch((e: unknown) => e);
    expect(isWriteConflict(race)).toBe(true);
    const user = { id: "u1", email: "dup@test.local", name: "d", passwordHash: "x", role: "viewer" };
    await db.user.create({ data: user });
    const duplicate = await db.user.create({ data: { ...user, id: "u2" } }).catch((e: unknown) => e);
    expect(duplicate).toBeInstanceOf(Error);
    expect(isWriteConflict(duplicate)).toBe(false);
  });
});
