// The simulator's error-spike scenario: the board turns CRITICAL, then the guardrail rolls back with nobody clicking.
import { expect, test } from "@playwright/test";
import { simplePlan } from "../tests/support/fixtures";
import { startSimulator } from "../scripts/simulator/runner";
import { apiAs, baseUrl, pageAs } from "./support/helpers";

test("an error spike is caught and rolled back on its own", async ({ browser }) => {
  const admin = await apiAs("admin");
  const plan = simplePlan(4, {
    guardrails: [
      { metric: "error_rate", comparator: ">", target: 0.02, warning: 0.05, critical: 0.1, forSeconds: 8, windowSeconds: 10, onCritical: "rollback" },
      { metric: "latency_p95_ms", comparator: ">", warning: 600, critical: 1000, forSeconds: 30, windowSeconds: 20, onCritical: "pause" },
    ],
  });
  const created = await admin.post("/api/releases", plan);
  const id = created.body.id as string;
  const commander = await apiAs("commander");
  expect((await commander.post(`/api/releases/${id}/actions`, { action: "start" })).status).toBe(200);
  const token = (await admin.post("/api/tokens", { name: "e2e simulator", releaseId: id })).body.token as string;

  const sim = startSimulator({ baseUrl: baseUrl(), releaseId: id, token, intervalMs: 500, log: () => {} });
  try {
    const page = await pageAs(browser, "viewer");
    await page.goto(`${baseUrl()}/releases/${id}`);
    await expect(page.getByTestId("health-badge")).toHaveAttribute("data-health", "HEALTHY", { timeout: 20_000 });
    expect((await commander.request("PUT", `/api/releases/${id}/simulator`, { scenario: "error-spike" })).status).toBe(200);

    await expect(page.getByTestId("health-badge")).toHaveAttribute("data-health", "CRITICAL", { timeout: 30_000 });
    await expect(page.getByTestId("release-status")).toHaveAttribute("data-status", "running");
    await expect(page.getByTestId("release-status")).toHaveAttribute("data-status", "rolled_back", { timeout: 30_000 });
    const rollback = page.locator('[data-testid="timeline-event"][data-type="rolled_back"]');
    await expect(rollback).toHaveCount(1);
    await expect(rollback).toContainText("guardrail");
    await expect(page.getByTestId("traffic-percent")).toContainText("0");
    await expect(page.getByTestId("alert-ack")).toHaveCount(0);

    const onCall = await pageAs(browser, "commander");
    await onCall.goto(`${baseUrl()}/releases/${id}`);
    const alert = onCall.getByTestId("alert-row").filter({ hasText: "error_rate" }).first();
    await alert.getByTestId("alert-ack").click();
    await expect(alert).toHaveAttribute("data-acknowledged", "true");
    await expect(page.locator('[data-testid="timeline-event"][data-type="alert_acknowledged"]')).toHaveCount(1);
  } finally {
    sim.stop();
    await sim.done;
  }
});
