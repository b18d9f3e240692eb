// Starts the production server on a fresh SQLite database with the demo seeded and one test user per role.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { startExporter } from "../../tests/support/exporter-process";
import { startPrometheus } from "../../tests/support/prometheus-server";
import { prepareDatabase } from "../../tests/support/prepared-database";
import { startServer } from "../../tests/support/server-process";

export default async function globalSetup() {
  const dir = mkdtempSync(path.join(tmpdir(), "tidegate-e2e-"));
  const databaseUrl = `file:${path.join(dir, "e2e.db")}`;
  const demoReleaseId = prepareDatabase(databaseUrl, true)!;
  // A real Prometheus scraping a prom-client exporter, for the Prometheus-sourced guardrail spec.
  const exporter = await startExporter();
  const prometheus = await startPrometheus([exporter.target]);
  const server = await startServer({
    PROMETHEUS_URL: prometheus.url,
    PROMETHEUS_ALLOWED_NETWORKS: "loopback",
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
  process.env.E2E_EXPORTER = exporter.target;
  return async () => {
    await server.stop();
    await prometheus.stop();
    exporter.stop();
    rmSync(dir, { recursive: true, force: true });
  };
}
