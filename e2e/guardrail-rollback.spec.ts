// The simulator's error-spike scenario: the board turns CRITICAL, then the guardrail rolls back with nobody clicking.
import { expect, test } from "./support/test";
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
    await expect(page.getByTestId("health-badge")).toHaveAttribute("data-health", "HEALTHY", { timeout: 60_000 });
    expect((await commander.request("PUT", `/api/releases/${id}/simulator`, { scenario: "error-spike" })).status).toBe(200);

    await expect(page.getByTestId("health-badge")).toHaveAttribute("data-health", "CRITICAL", { timeout: 30_000 });
    await expect(page.getByTestId("release-status")).toHaveAttribute("data-status", "running");
    await expect(page.getByTestId("release-status")).toHaveAttribute("data-status", "rolled_back", { timeout: 30_000 });
    const rollback = page.locator('[data-testid="timeline-event"][data-type="rolled_back"]');
    await expect(rollback).toHaveCount(1);
    await expect(rollback).toContainText("guardrail");
    await expect(page.getByTestId("traffic-percent")).toContainText("0");
    // The rollback ended the run and closed its episodes: the board is not left CRITICAL, and says why.
    await expect(page.getByTestId("alert-row")).toHaveCount(0);
    await expect(page.locator('[data-testid="timeline-event"][data-type="episode_closed"]').first()).toContainText("rolled back");
    await expect(page.getByTestId("health-badge")).not.toHaveAttribute("data-health", "CRITICAL");
  } finally {
    sim.stop();
    await sim.done;
  }
});

test("an open alert can be acknowledged from the board", async ({ browser }) => {
  const admin = await apiAs("admin");
  const plan = simplePlan(2, {
    guardrails: [{ metric: "error_rate", comparator: ">", warning: 0.05, critical: 0.1, forSeconds: 0, windowSeconds: 10, onCritical: "notify" }],
  });
  const id = (await admin.post("/api/releases", plan)).body.id as string;
  const commander = await apiAs("commander");
  expect((await commander.post(`/api/releases/${id}/actions`, { action: "start" })).status).toBe(200);
  const token = (await admin.post("/api/tokens", { name: "e2e pusher", releaseId: id })).body.token as string;
  const push = () =>
    fetch(`${baseUrl()}/api/releases/${id}/metrics`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ samples: [{ metric: "error_rate", value: 0.5, ts: new Date().toISOString() }] }),
    });
  expect((await push()).status).toBe(202);
  const onCall = await pageAs(browser, "commander");
  await onCall.goto(`${baseUrl()}/releases/${id}`);
  const alert = onCall.getByTestId("alert-row").filter({ hasText: "error_rate" }).first();
  await expect(alert).toBeVisible({ timeout: 15_000 });
  await alert.getByTestId("alert-ack").click();
  await expect(alert).toHaveAttribute("data-acknowledged", "true");
  await expect(onCall.locator('[data-testid="timeline-event"][data-type="alert_acknowledged"]')).toHaveCount(1);
});
