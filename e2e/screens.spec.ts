// Screenshots of the safety-core screens for a person to look at (SCREENSHOTS=1 npx playwright test e2e/screens.spec.ts):
// the RESUME dialog gated on an open critical breach, and a refused ROLLBACK that keeps its reason, in desktop
// and phone sizes, light and dark. PNGs go to screenshots/ (gitignored). Skipped in npm test.
import { readFileSync } from "node:fs";
import { expect, test } from "./support/test";
import { startSimulator } from "../scripts/simulator/runner";
import { simplePlan } from "../tests/support/fixtures";
import { apiAs, baseUrl, signIn } from "./support/helpers";

test.skip(!process.env.SCREENSHOTS, "set SCREENSHOTS=1 to capture screens");

const sizes = [
  { name: "desktop", viewport: { width: 1280, height: 860 } },
  { name: "phone", viewport: { width: 390, height: 844 } },
] as const;

for (const size of sizes) {
  for (const scheme of ["light", "dark"] as const) {
    test(`safety dialogs, ${size.name}, ${scheme}`, async ({ browser }) => {
      const admin = await apiAs("admin");
      const plan = simplePlan(3, {
        guardrails: [{ metric: "error_rate", comparator: ">", warning: 0.05, critical: 0.1, forSeconds: 0, windowSeconds: 10, onCritical: "pause" }],
      });
      const id = (await admin.post("/api/releases", plan)).body.id as string;
      const api = await apiAs("commander");
      expect((await api.post(`/api/releases/${id}/actions`, { action: "start" })).status).toBe(200);
      const token = (await admin.post("/api/tokens", { name: "screens", releaseId: id })).body.token as string;
      const push = () =>
        fetch(`${baseUrl()}/api/releases/${id}/metrics`, {
          method: "POST",
          headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
          body: JSON.stringify({ samples: [{ metric: "error_rate", value: 0.4, ts: new Date().toISOString() }] }),
        });
      expect((await api.post(`/api/releases/${id}/actions`, { action: "pause", reason: "checking a report" })).status).toBe(200);
      const context = await browser.newContext({ viewport: size.viewport, colorScheme: scheme });
      const page = await context.newPage();
      await signIn(page, "commander");
      await page.goto(`${baseUrl()}/releases/${id}`);
      await expect(page.getByTestId("release-status")).toHaveAttribute("data-status", "paused");
      // RESUME opened while healthy; a critical breach arrives before it is sent.
      await page.getByTestId("action-resume").click();
      await page.getByTestId("confirm-reason").fill("Fix deployed at 14:02, watching error rate");
      for (let i = 0; i < 40 && !(await api.get(`/api/releases/${id}`)).body.alerts.some((a: { level: string }) => a.level === "critical"); i++) {
        await push();
        await new Promise((r) => setTimeout(r, 250));
      }
      await page.getByTestId("confirm-submit").click();
      await expect(page.getByTestId("confirm-refused")).toBeVisible();
      await page.screenshot({ path: `screenshots/safety-refused-${size.name}-${scheme}.png` });
      // Someone else rolls back while the dialog is open.
      expect((await api.post(`/api/releases/${id}/actions`, { action: "rollback", reason: "on-call rolled back" })).status).toBe(200);
      await expect(page.getByTestId("confirm-dialog")).toContainText("no longer possible");
      await page.screenshot({ path: `screenshots/safety-no-longer-possible-${size.name}-${scheme}.png` });
      await context.close();
    });
  }
}

// The first hour of real use (issue 15): the board of a running release with live data (tiles, charts, GO/NO-GO),
// the CONTINUE dialog, the countdown to an automatic rollback, then the rolled-back board, wall screen and overview,
// and a draft with no data. One rollout, photographed in every size and scheme at each step.
test("first-hour screens: running, NO-GO dialog, countdown, rolled back, draft", async ({ browser }) => {
  test.setTimeout(900_000);
  const admin = await apiAs("admin");
  const plan = { ...JSON.parse(readFileSync("prisma/demo-plan.json", "utf8")), name: "Checkout redesign" };
  const id = (await admin.post("/api/releases", plan)).body.id as string;
  const draftId = (await admin.post("/api/releases", { ...plan, name: "Search ranking v2" })).body.id as string;
  const api = await apiAs("commander");
  expect((await api.post(`/api/releases/${id}/actions`, { action: "start", override: true, reason: "screens: checklist done offline" })).status).toBe(200);
  const token = (await admin.post("/api/tokens", { name: "screens simulator", releaseId: id })).body.token as string;
  const sim = startSimulator({ baseUrl: baseUrl(), releaseId: id, token, intervalMs: 500, log: () => {} });
  const shoot = async (name: string, path: string, act?: (page: import("@playwright/test").Page) => Promise<void>) => {
    for (const size of sizes) {
      for (const scheme of ["light", "dark"] as const) {
        const context = await browser.newContext({ viewport: size.viewport, colorScheme: scheme });
        const page = await context.newPage();
        await signIn(page, "commander");
        await page.goto(`${baseUrl()}${path}`);
        // This machine is shared: give a loaded browser time to connect (and shoot what it shows either way).
        await expect(page.getByTestId("connection-state"))
          .toHaveAttribute("data-state", "live", { timeout: 60_000 })
          .catch(() => {});
        await page.waitForTimeout(1500);
        if (act) await act(page);
        // Phones: the first two screens' worth of a long page, where CONTINUE and its reason must be.
        const clip = size.name === "phone" && !act ? { x: 0, y: 0, width: 390, height: 1700 } : undefined;
        await page.screenshot({ path: `screenshots/first-hour-${name}-${size.name}-${scheme}.png`, fullPage: !act, clip });
        await context.close();
      }
    }
  };
  try {
    await new Promise((r) => setTimeout(r, 40_000));
    await shoot("board-running", `/releases/${id}`);
    await shoot("continue-dialog", `/releases/${id}`, async (page) => {
      await page.getByTestId("action-continue").click();
      await expect(page.getByTestId("confirm-dialog")).toBeVisible();
    });
    await shoot("board-draft", `/releases/${draftId}`);
    expect((await api.request("PUT", `/api/releases/${id}/simulator`, { scenario: "error-spike" })).status).toBe(200);
    const context = await browser.newContext({ viewport: sizes[0].viewport });
    const page = await context.newPage();
    await signIn(page, "commander");
    await page.goto(`${baseUrl()}/releases/${id}`);
    await expect(page.getByTestId("auto-action-countdown")).toBeVisible({ timeout: 60_000 });
    await page.screenshot({ path: "screenshots/first-hour-countdown-desktop-light.png" });
    await expect(page.getByTestId("release-status")).toHaveAttribute("data-status", "rolled_back", { timeout: 60_000 });
    await context.close();
    await shoot("board-rolled-back", `/releases/${id}`);
    await shoot("wall-rolled-back", `/releases/${id}/status`);
    await shoot("overview", "/");
  } finally {
    sim.stop();
    await sim.done;
  }
});
