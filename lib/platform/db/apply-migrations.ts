// Applies prisma/migrations (SQLite) or prisma/postgres/migrations (PostgreSQL) in order, each in one transaction,
// recording them in Prisma's own _prisma_migrations table so `prisma migrate deploy` elsewhere agrees with us.
// Prisma's own deploy cannot run here for PostgreSQL (see shared notes), so one path serves both databases.
import "server-only";
import { createHash, randomUUID } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, existsSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { parseDatabaseUrl, type DatabaseTarget } from "./database-url";

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

export interface MigrationResult {
  applied: string[];
  alreadyApplied: string[];
}

function migrationsDir(target: DatabaseTarget, root = process.cwd()): string {
  return target.kind === "sqlite" ? path.join(root, "prisma/migrations") : path.join(root, "prisma/postgres/migrations");
}

function readMigrations(dir: string): Migration[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(path.join(dir, d.name, "migration.sql")))
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

export async function applyMigrations(url?: string, root = process.cwd()): Promise<MigrationResult> {
  const target = parseDatabaseUrl(url);
  const migrations = readMigrations(migrationsDir(target, root));
  return target.kind === "sqlite" ? applySqlite(target.path, migrations) : applyPostgres(target.url, migrations);
}

function checkRecorded(migrations: Migration[], recorded: Map<string, string>): void {
  for (const m of migrations) {
    const checksum = recorded.get(m.name);
    if (checksum && checksum !== m.checksum) {
      throw new Error(`Migration ${m.name} was changed after it was applied (checksum differs); add a new migration instead`);
    }
  }
}

function applySqlite(file: string, migrations: Migration[]): MigrationResult {
  if (file !== ":memory:") mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const db = new Database(file, { timeout: 10_000 });
  try {
    // WAL lets dashboards read while a command writes; the setting is stored in the file.
    db.pragma("journal_mode = WAL");
    db.exec(`CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
      "id" TEXT PRIMARY KEY NOT NULL, "checksum" TEXT NOT NULL, "finished_at" DATETIME, "migration_name" TEXT NOT NULL,
      "logs" TEXT, "rolled_back_at" DATETIME, "started_at" DATETIME NOT NULL DEFAULT current_timestamp,
      "applied_steps_count" INTEGER UNSIGNED NOT NULL DEFAULT 0)`);
    const rows = db
      .prepare(`SELECT migration_name, checksum FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`)
      .all() as { migration_name: string; checksum: string }[];
    const recorded = new Map(rows.map((r) => [r.migration_name, r.checksum]));
    checkRecorded(migrations, recorded);
    const result: MigrationResult = { applied: [], alreadyApplied: [] };
    for (const m of migrations) {
      if (recorded.has(m.name)) {
        result.alreadyApplied.push(m.name);
        continue;
      }
      db.transaction(() => {
        db.exec(m.sql);
        db.prepare(
          `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, started_at, applied_steps_count)
           VALUES (?, ?, ?, ?, ?, 1)`,
        ).run(randomUUID(), m.checksum, Date.now(), m.name, Date.now());
      }).immediate();
      result.applied.push(m.name);
    }
    return result;
  } finally {
    db.close();
  }
}

async function applyPostgres(url: string, migrations: Migration[]): Promise<MigrationResult> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
      id VARCHAR(36) PRIMARY KEY NOT NULL, checksum VARCHAR(64) NOT NULL, finished_at TIMESTAMPTZ,
      migration_name VARCHAR(255) NOT NULL, logs TEXT, rolled_back_at TIMESTAMPTZ,
      started_at TIMESTAMPTZ NOT NULL DEFAULT now(), applied_steps_count INTEGER NOT NULL DEFAULT 0)`);
    // One migrator at a time, even when several processes start together.
    await client.query("SELECT pg_advisory_lock(72707369)");
    const { rows } = await client.query<{ migration_name: string; checksum: string }>(
      `SELECT migration_name, checksum FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
    );
    const recorded = new Map(rows.map((r) => [r.migration_name, r.checksum]));
    checkRecorded(migrations, recorded);
    const result: MigrationResult = { applied: [], alreadyApplied: [] };
    for (const m of migrations) {
      if (recorded.has(m.name)) {
        result.alreadyApplied.push(m.name);
        continue;
      }
      await client.query("BEGIN");
      try {
        await client.query(m.sql);
        await client.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, started_at, applied_steps_count)
           VALUES ($1, $2, now(), $3, now(), 1)`,
          [randomUUID(), m.checksum, m.name],
        );
        await client.query("COMMIT");
      } catch (e) {
        await client.query("ROLLBACK");
        throw new Error(`Migration ${m.name} failed and was rolled back: ${(e as Error).message}`);
      }
      result.applied.push(m.name);
    }
    await client.query("SELECT pg_advisory_unlock(72707369)");
    return result;
  } finally {
    await client.end();
  }
}
