// Screenshots of the safety-core screens for a person to look at (SCREENSHOTS=1 npx playwright test e2e/screens.spec.ts):
// the RESUME dialog gated on an open critical breach, and a refused ROLLBACK that keeps its reason, in desktop
// and phone sizes, light and dark. PNGs go to screenshots/ (gitignored). Skipped in npm test.
import { expect, test } from "@playwright/test";
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
