// A Prometheus-sourced guardrail on the board: the measurement table fills from a real Prometheus (scraping the
// prom-client exporter e2e/support/global-setup.ts starts), the last verdict reads as a sentence, and when the
// exporter's canary starts failing the sentence turns critical and the guardrail rolls back with nobody clicking.
import type { Page } from "@playwright/test";
import { expect, test } from "./support/test";
import type { PlanInput } from "../lib/plans/core/plan";
import { simplePlan } from "../tests/support/fixtures";
import { apiAs, baseUrl, signIn } from "./support/helpers";

const control = (query: string) => fetch(`http://${process.env.E2E_EXPORTER}/control?${query}`, { method: "POST" });

/** A started release whose one guardrail pulls the exporter's canary error rate every second. */
async function startPulledRelease(): Promise<string> {
  const admin = await apiAs("admin");
  const plan = simplePlan(3, {
    guardrails: [
      {
        metric: "error_rate",
        comparator: ">",
        warning: 0.05,
        critical: 0.1,
        windowSeconds: 10,
        forSeconds: 3,
        onCritical: "rollback",
        source: { prometheus: { canary: 'sum(rate(app_errors_total{cohort="canary"}[{{window}}])) / sum(rate(app_requests_total{cohort="canary"}[{{window}}]))', intervalSeconds: 1 } },
      },
    ],
  } as Partial<PlanInput>);
  const created = await admin.post("/api/releases", plan);
  expect(created.status).toBe(201);
  const id = created.body.id as string;
  const commander = await apiAs("commander");
  expect((await commander.post(`/api/releases/${id}/actions`, { action: "start" })).status).toBe(200);
  return id;
}

const panelOf = (page: Page) => page.locator('[data-testid="guardrail-measurements"][data-metric="error_rate"]');

test("the board shows a pulled guardrail's measurements and the sentence of its last verdict", async ({ browser }) => {
  await control("cohort=canary&errorRate=0");
  const id = await startPulledRelease();
  for (const size of [
    { name: "desktop", viewport: { width: 1440, height: 1000 } },
    { name: "phone", viewport: { width: 390, height: 844 } },
  ]) {
    for (const scheme of ["light", "dark"] as const) {
      const context = await browser.newContext({ viewport: size.viewport, colorScheme: scheme });
      const page = await context.newPage();
      await signIn(page, "viewer");
      await page.goto(`${baseUrl()}/releases/${id}`);
      const panel = panelOf(page);
      await expect(panel.getByTestId("verdict-sentence")).toContainText(/error_rate 0(\.0+)?% within limits \(critical at > 10%, window 10s\)/, { timeout: 20_000 });
      await expect(panel.getByTestId("resolved-query")).toHaveText('sum(rate(app_errors_total{cohort="canary"}[10s])) / sum(rate(app_requests_total{cohort="canary"}[10s]))');
      await expect.poll(() => panel.getByTestId("measurement-row").count(), { timeout: 10_000 }).toBeGreaterThanOrEqual(3);
      await expect(panel.getByTestId("measurement-row").first()).toHaveAttribute("data-state", "ok");
      await panel.scrollIntoViewIfNeeded();
      await page.screenshot({ path: `screenshots/prometheus-measurements-${size.name}-${scheme}.png`, fullPage: false });
      await context.close();
    }
  }
});

// Its own release and its own test: late in the suite the server carries every earlier spec's releases, and the
// four screens above once left this part too little of a shared 90 s budget (CI failed on the timeout, not on the
// rollback). Its three waits of up to 30 s each get a budget that holds all three.
test("when the exporter's canary starts failing, the verdict turns critical and the guardrail rolls back on its own", async ({ browser }) => {
  test.setTimeout(120_000);
  await control("cohort=canary&errorRate=0");
  const id = await startPulledRelease();
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, "viewer");
  await page.goto(`${baseUrl()}/releases/${id}`);
  const panel = panelOf(page);
  await expect(panel.getByTestId("verdict-sentence")).toContainText(/within limits/, { timeout: 30_000 });
  await control("cohort=canary&errorRate=0.5");
  try {
    await expect(panel.getByTestId("verdict-sentence")).toContainText(/error_rate \d+(\.\d+)?% > critical 10%/, { timeout: 30_000 });
    await expect(page.getByTestId("release-status")).toHaveAttribute("data-status", "rolled_back", { timeout: 30_000 });
    const rollback = page.locator('[data-testid="timeline-event"][data-type="rolled_back"]');
    await expect(rollback).toHaveCount(1);
  } finally {
    await control("cohort=canary&errorRate=0");
    await context.close();
  }
});
