// Integration test setup: a SQLite file and a throwaway PostgreSQL cluster, both migrated and seeded with one
// user per role, each served by the real production server. Everything is stopped afterwards.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { applyMigrations } from "../../lib/platform/db/apply-migrations";
import { createDb } from "../../lib/platform/db/client";
import { createUser } from "../../lib/auth/server/create-user";
import { startPostgres } from "./postgres-cluster";
import { startServer, type ServerProcess } from "./server-process";
import type { Target } from "./targets";
import { TEST_PASSWORD, TEST_USERS } from "./test-users";

export async function prepareDatabase(url: string) {
  await applyMigrations(url);
  const client = createDb(url);
  for (const user of Object.values(TEST_USERS)) {
    await createUser(client, { email: user.email, password: TEST_PASSWORD, role: user.role, signoffRoles: [...user.signoffRoles] });
  }
  await client.$disconnect();
}

export default async function setup(project: TestProject) {
  const dir = mkdtempSync(path.join(tmpdir(), "tidegate-int-"));
  const pg = await startPostgres();
  const servers: ServerProcess[] = [];
  try {
    const sqliteUrl = `file:${path.join(dir, "int.db")}`;
    const pgUrl = await pg.createDatabase("tidegate_int");
    await Promise.all([prepareDatabase(sqliteUrl), prepareDatabase(pgUrl)]);
    const env = { NEXTAUTH_SECRET: "integration-test-secret-0123456789", GUARDRAIL_TICK_MS: "1000", LOGIN_MAX_FAILURES_PER_ADDRESS: "1000" };
    const [sqliteServer, pgServer] = await Promise.all([
      startServer({ ...env, DATABASE_URL: sqliteUrl }),
      startServer({ ...env, DATABASE_URL: pgUrl }),
    ]);
    servers.push(sqliteServer, pgServer);
    const targets: Target[] = [
      { name: "sqlite", baseUrl: sqliteServer.baseUrl, databaseUrl: sqliteUrl },
      { name: "postgres", baseUrl: pgServer.baseUrl, databaseUrl: pgUrl },
    ];
    project.provide("targets", targets);
  } catch (e) {
    await Promise.all(servers.map((s) => s.stop()));
    pg.stop();
    throw e;
  }
  return async () => {
    await Promise.all(servers.map((s) => s.stop()));
    pg.stop();
    rmSync(dir, { recursive: true, force: true });
  };
}
