// Integration test setup: a throwaway PostgreSQL cluster and, for each vitest worker, a SQLite file and a PostgreSQL
// database, migrated and seeded with one user per role, each served by the real production server. Files run in
// parallel, one per worker at a time, so a file shares its servers only with the files before it in its worker, as
// when everything ran in one worker. Everything is stopped afterwards.
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

/**
 * One pair of servers per worker that will run a file: maxWorkers (1 with fileParallelism off), but no more than the
 * files this run has, so `vitest run -c vitest.int.config.mts one.int.test.ts` starts one pair, not three. Vitest keeps
 * the command line's file filters outside its typed API; without them every file counts.
 */
async function workersNeeded(project: TestProject): Promise<number> {
  const filters = (project.vitest as unknown as { filenamePattern?: string[] }).filenamePattern;
  const files = (await project.vitest.getRelevantTestSpecifications(filters)).length;
  return Math.max(1, Math.min(project.config.maxWorkers, files));
}

export default async function setup(project: TestProject) {
  const dir = mkdtempSync(path.join(tmpdir(), "tidegate-int-"));
  const pg = await startPostgres();
  const servers: ServerProcess[] = [];
  const workers = await workersNeeded(project);
  console.log(`integration tests: ${workers} worker(s), each with a SQLite and a PostgreSQL server`);
  // IMPORT_TIMEOUT_MS: a starved machine may read a 1.8 MB import for longer than the default limit (tests/import-off-loop).
  const env = { NEXTAUTH_SECRET: "integration-test-secret-0123456789", GUARDRAIL_TICK_MS: "1000", LOGIN_MAX_FAILURES_PER_ADDRESS: "1000", IMPORT_TIMEOUT_MS: "120000" };
  const startPair = async (worker: number): Promise<Target[]> => {
    const sqliteUrl = `file:${path.join(dir, `int-${worker}.db`)}`;
    const pgUrl = await pg.createDatabase(`tidegate_int_${worker}`);
    await Promise.all([prepareDatabase(sqliteUrl), prepareDatabase(pgUrl)]);
    const started = await Promise.allSettled([startServer({ ...env, DATABASE_URL: sqliteUrl }), startServer({ ...env, DATABASE_URL: pgUrl })]);
    for (const s of started) if (s.status === "fulfilled") servers.push(s.value);
    const [sqliteServer, pgServer] = started.map((s) => {
      if (s.status === "rejected") throw s.reason;
      return s.value;
    });
    return [
      { name: "sqlite", baseUrl: sqliteServer!.baseUrl, databaseUrl: sqliteUrl },
      { name: "postgres", baseUrl: pgServer!.baseUrl, databaseUrl: pgUrl },
    ];
  };
  try {
    const byWorker = await Promise.allSettled(Array.from({ length: workers }, (_, i) => startPair(i + 1)));
    const failed = byWorker.find((r) => r.status === "rejected");
    if (failed) throw failed.reason;
    project.provide("targetsByWorker", byWorker.map((r) => (r as PromiseFulfilledResult<Target[]>).value));
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
