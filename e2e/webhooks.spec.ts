// The admin's webhook screen and the board's external checks and traffic-hook warning, in Chromium against the
// production server, with real receivers on loopback. With SCREENSHOTS=1 it also saves desktop and phone
// screenshots in light and dark (screenshots/, gitignored).
import type { Page } from "@playwright/test";
import { expect, test } from "./support/test";
import { simplePlan } from "../tests/support/fixtures";
import { startReceiver, type Receiver } from "../tests/support/webhook-receiver";
import { apiAs, baseUrl, signIn } from "./support/helpers";

let receiver: Receiver;
test.beforeAll(async () => {
  receiver = await startReceiver();
});
test.afterAll(async () => {
  await receiver.close();
});

const shoot = async (page: Page, name: string) => {
  if (process.env.SCREENSHOTS) await page.screenshot({ path: `screenshots/${name}.png`, fullPage: true });
};

const sizes = [
  { name: "desktop", viewport: { width: 1280, height: 860 } },
  { name: "phone", viewport: { width: 390, height: 844 } },
] as const;
const schemes = process.env.SCREENSHOTS ? (["light", "dark"] as const) : (["light"] as const);

for (const size of process.env.SCREENSHOTS ? sizes : sizes.slice(0, 1)) {
  for (const scheme of schemes) {
    test(`webhook endpoints: add, secret once, delivery log, replay (${size.name}, ${scheme})`, async ({ browser }) => {
      const path = `/e2e-${size.name}-${scheme}`;
      receiver.on(path, (n) => (n === 1 ? { status: 503, body: '{"error":"warming up"}' } : { status: 200, body: '{"ok":true}' }));
      const context = await browser.newContext({ viewport: size.viewport, colorScheme: scheme });
      const page = await context.newPage();
      await signIn(page, "admin");
      await page.goto(`${baseUrl()}/admin#webhooks-title`);
      await page.getByTestId("webhook-url").fill(receiver.url(path));
      await page.getByLabel("paused", { exact: true }).check();
      await page.getByTestId("webhook-create").click();
      await expect(page.getByTestId("webhook-secret")).toContainText("whsec_");
      await shoot(page, `webhooks-secret-${size.name}-${scheme}`);
      await page.getByRole("button", { name: "I have stored it, hide it" }).click();
      await expect(page.getByTestId("webhook-secret")).toHaveCount(0);

      // A commander pauses a release: the receiver fails once, then takes it.
      const admin = await apiAs("admin");
      const commander = await apiAs("commander");
      const id = (await admin.post("/api/releases", simplePlan(3))).body.id as string;
      expect((await commander.post(`/api/releases/${id}/actions`, { action: "start" })).status).toBe(200);
      expect((await commander.post(`/api/releases/${id}/actions`, { action: "pause", reason: "e2e" })).status).toBe(200);
      await expect.poll(() => receiver.of(path).length, { timeout: 20_000 }).toBe(2);

      const card = page.getByTestId("webhook-card").filter({ hasText: receiver.url(path) });
      await card.getByTestId("webhook-log-toggle").click();
      const log = card.getByTestId("delivery-log");
      await expect(log).toContainText("succeeded", { timeout: 15_000 });
      await expect(log).toContainText("2 attempts");
      await log.getByRole("button", { name: "Details" }).click();
      await expect(log).toContainText("HTTP 503");
      await shoot(page, `webhooks-log-${size.name}-${scheme}`);
      await log.getByTestId("replay").click();
      await expect.poll(() => receiver.of(path).length).toBe(3);
      await expect(log).toContainText("replay");
      // The admin activity names who added the endpoint and replayed the delivery (it refreshes on its own).
      const activity = page.getByTestId("admin-audit");
      await expect(activity).toContainText("replayed a paused delivery", { timeout: 20_000 });
      await expect(activity).toContainText(`added a webhook endpoint to ${new URL(receiver.url(path)).origin}`);
      await expect(activity).toContainText("admin@test.local");
      await activity.scrollIntoViewIfNeeded();
      await shoot(page, `admin-activity-${size.name}-${scheme}`);
      await context.close();
    });
  }
}

test("the board shows a failing external check and a failed traffic hook", async ({ browser }) => {
  test.setTimeout(240_000);
  receiver.on("/e2e-smoke", { status: 500, body: '{"message":"smoke tests: 3 failing"}' });
  receiver.on("/e2e-lb", { status: 502, body: "load balancer API down" });
  const admin = await apiAs("admin");
  const commander = await apiAs("commander");
  const plan = simplePlan(3, { trafficHook: { url: receiver.url("/e2e-lb") } });
  plan.waves[0] = { ...plan.waves[0]!, checks: [{ name: "smoke tests", url: receiver.url("/e2e-smoke") }] };
  const id = (await admin.post("/api/releases", plan)).body.id as string;
  expect((await commander.post(`/api/releases/${id}/actions`, { action: "start" })).status).toBe(200);
  await expect.poll(async () => (await commander.get(`/api/releases/${id}`)).body.status, { timeout: 20_000 }).toBe("paused");
  for (const size of process.env.SCREENSHOTS ? sizes : sizes.slice(0, 1)) {
    for (const scheme of schemes) {
      const context = await browser.newContext({ viewport: size.viewport, colorScheme: scheme });
      const page = await context.newPage();
      await signIn(page, "commander");
      await page.goto(`${baseUrl()}/releases/${id}`);
      await expect(page.getByTestId("traffic-hook-warning")).toContainText("Traffic may not match the plan");
      await expect(page.getByTestId("traffic-hook-warning")).toContainText("load balancer API down");
      await page.getByTestId("gate-recheck").click();
      await expect(page.getByTestId("gate-check")).toContainText("smoke tests: 3 failing");
      await expect(page.getByTestId("gate-panel")).toContainText("External check");
      await shoot(page, `board-checks-traffic-${size.name}-${scheme}`);
      await context.close();
    }
  }
});
