// Starts the production server on a fresh SQLite database with the demo seeded and one test user per role.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { startServer } from "../../tests/support/server-process";

export default async function globalSetup() {
  const dir = mkdtempSync(path.join(tmpdir(), "tidegate-e2e-"));
  const databaseUrl = `file:${path.join(dir, "e2e.db")}`;
  const out = execFileSync(process.execPath, ["--import", "tsx", "scripts/test/prepare-database.ts", "--demo"], {
    env: { ...process.env, DATABASE_URL: databaseUrl },
    encoding: "utf8",
  });
  const { demoReleaseId } = JSON.parse(out.trim().split("\n").at(-1)!);
  const server = await startServer({
    DATABASE_URL: databaseUrl,
    NEXTAUTH_SECRET: "e2e-test-secret-0123456789abcdef",
    GUARDRAIL_TICK_MS: "1000",
    LOGIN_MAX_FAILURES_PER_ADDRESS: "1000",
    // Webhook receivers, checks and traffic hooks of the e2e specs listen on loopback.
    WEBHOOK_ALLOW_HOSTS: "127.0.0.1",
    TRAFFIC_HOOK_RETRY_SCHEDULE_MS: "100,100",
  });
  process.env.E2E_BASE_URL = server.baseUrl;
  process.env.E2E_DATABASE_URL = databaseUrl;
  process.env.E2E_DEMO_RELEASE_ID = demoReleaseId;
  return async () => {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  };
}
